"""Evals: datasets of cases, a runner through the real service path, graders and reports.

Layout: dataset (the JSONL format), world (a database per case), runner (plays citizen and
officer), observe (what the case did), grading (per case), metrics (per dataset), report
(JSON, Markdown, plot, thresholds), build_core (writes datasets/core.jsonl), simulated (an
LLM citizen for online mode).
"""
