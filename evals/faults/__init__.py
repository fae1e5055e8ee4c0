"""Fault injection against real processes: `guichet faults` (`make faults`).

Layout: plan (what to inject, when), postgres (a private embedded server the suite stops
and starts with pg_ctl), wire and model_server (an OpenAI-compatible endpoint answering with
the offline model, with 500 and hang modes), workload (demands for every procedure of the
catalogue, from the seeded population), fleet (the API and worker processes, killed and
restarted), clients (citizens and officers over HTTP, every status recorded), monitor (the
database seen from outside: queued jobs, open cases), checks (the invariants, from the
database), run (one whole run) and report (the figures and the exit code).
"""
