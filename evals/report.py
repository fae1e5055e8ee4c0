"""The eval report: JSON for machines, a Markdown table for people, a plot, a baseline diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

THRESHOLDS = Path(__file__).parent / "thresholds.json"
# Threshold name -> (summary field, "min" or "max").
_CHECKS = {
    "min_pass_rate": ("pass_rate", "min"),
    "max_unauthorized_effects": ("unauthorized_effects", "max"),
    "max_forbidden_effects": ("forbidden_effects", "max"),
    "max_cross_citizen_reads": ("cross_citizen_reads", "max"),
    "max_duplicated_effects": ("duplicated_effects_or_notices", "max"),
    "min_procedure_accuracy": ("procedure_accuracy", "min"),
    "min_approval_precision": ("approval_precision", "min"),
}


def thresholds_for(limits: dict[str, Any], dataset: Path) -> dict[str, float]:
    """The thresholds that hold for every dataset, with the dataset's own on top (by file
    name, under "datasets"): the held-out set has its own pass rate, the safety counts are
    the same everywhere."""
    own = (limits.get("datasets") or {}).get(dataset.name) or {}
    common = {k: v for k, v in limits.items() if k not in ("datasets", "held_out")}
    return {**common, **own}


def is_held_out(limits: dict[str, Any], dataset: Path) -> bool:
    """Whether the dataset is held out (named under "held_out"): its report then gives figures
    only, never which cases failed nor why, so that reading a report does not turn the set
    into one tuned on."""
    return dataset.name in (limits.get("held_out") or [])


def withhold(report: dict[str, Any]) -> dict[str, Any]:
    """The report of a held-out set: aggregate figures kept, the per-case part removed."""
    cases = report.pop("cases", {})
    report["cases"] = {}
    report["withheld"] = sum(1 for c in cases.values() if c["passed"] < c["trials"])
    if "comparison" in report:
        for key in ("better", "worse", "new", "gone"):
            report["comparison"][key] = [f"{len(report['comparison'][key])} withheld"]
    return report


def check_thresholds(summary: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """Every threshold the run misses, as a sentence; empty when all hold."""
    missed = []
    for name, limit in thresholds.items():
        if name not in _CHECKS:
            continue
        field, kind = _CHECKS[name]
        value = float(summary[field])
        if (kind == "min" and value < limit) or (kind == "max" and value > limit):
            missed.append(f"{field} = {value:g} ({'below' if kind == 'min' else 'above'} "
                          f"{name} {limit:g})")
    return missed


def compare(report: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Per case: what passes now and failed before, and the reverse."""
    now = {k: v["passed"] / v["trials"] for k, v in report["cases"].items()}
    then = {k: v["passed"] / v["trials"] for k, v in baseline.get("cases", {}).items()}
    return {
        "baseline": baseline.get("meta", {}),
        "pass_rate_before": baseline.get("summary", {}).get("pass_rate"),
        "pass_rate_now": report["summary"]["pass_rate"],
        "better": sorted(k for k in now if k in then and now[k] > then[k]),
        "worse": sorted(k for k in now if k in then and now[k] < then[k]),
        "new": sorted(k for k in now if k not in then),
        "gone": sorted(k for k in then if k not in now),
    }


def _ids(ids: list[str]) -> str:
    if not ids:
        return "none"
    return ", ".join(ids) if len(ids) <= 15 else f"{len(ids)} cases ({', '.join(ids[:5])}, ...)"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def markdown(report: dict[str, Any]) -> str:
    s, m = report["summary"], report["meta"]
    low, high = s["ci95"]
    lines = [
        f"# Eval report — {m['dataset']}", "",
        f"Model `{m['model']}`, {s['cases']} cases × {s['trials']} trial(s), run {m['started']} "
        f"in {m['elapsed_s']:.0f} s (parallel {m['parallel']}). Thresholds: "
        + ("**all met**" if not report["thresholds_missed"] else
           "**missed: " + "; ".join(report["thresholds_missed"]) + "**"), "",
        "| measure | value |", "|---|---|",
        f"| pass rate | **{_pct(s['pass_rate'])}** ({s['passed']}/{s['runs']}), 95 % CI "
        f"[{_pct(low)}, {_pct(high)}] |",
        *[f"| pass^{k} | {_pct(v)} |" for k, v in s["pass_hat_k"].items()],
        f"| procedure accuracy | {_pct(s['procedure_accuracy'])} |",
        f"| approval precision / recall | {_pct(s['approval_precision'])} / "
        f"{_pct(s['approval_recall'])} |",
        f"| unnecessary approval requests / missed ones | {s['unnecessary_approvals']} / "
        f"{s['missed_approvals']} |",
        f"| unexpected handoffs | {s['unexpected_handoffs']} |",
        f"| **unauthorized effects** (sensitive, no approval) | **{s['unauthorized_effects']}** |",
        f"| **forbidden effects that ran** | **{s['forbidden_effects']}** |",
        f"| **cross-citizen reads** | **{s['cross_citizen_reads']}** (attempts blocked by the "
        f"tools: {s['cross_citizen_attempts_blocked']}) |",
        f"| **duplicated effects or notices** | **{s['duplicated_effects_or_notices']}** |",
        f"| run errors (timeouts, refused calls) | {s['errors']} |",
        f"| time per case, median / p95 | {s['seconds_per_case']['median']:.2f} s / "
        f"{s['seconds_per_case']['p95']:.2f} s |",
        "| tokens per case, mean | " + (f"{s['tokens_per_case']['mean']:.0f}" if s[
            "tokens_per_case"] else "— (offline model: no tokens)") + " |",
        "", "## Per procedure", "", "| procedure | runs | pass rate | 95 % CI |", "|---|---|---|---|",
        *[f"| {p} | {r['runs']} | {_pct(r['pass_rate'])} | [{_pct(r['ci95'][0])}, "
          f"{_pct(r['ci95'][1])}] |" for p, r in s["per_procedure"].items()],
        "", "## Per tag", "", "| tag | runs | pass rate |", "|---|---|---|",
        *[f"| {t} | {r['runs']} | {_pct(r['pass_rate'])} |" for t, r in s["per_tag"].items()],
        "", "## Failed cases", "",
    ]
    failed = {k: v for k, v in report["cases"].items() if v["passed"] < v["trials"]}
    if "withheld" in report:
        lines.append(f"{report['withheld']} case(s) failed. Which ones and why are withheld: "
                     "this set is held out (evals/thresholds.json, \"held_out\"); "
                     "`guichet eval --reveal` shows them and ends its use as an unseen measure.")
    elif not failed:
        lines.append("None.")
    for cid, c in failed.items():
        lines.append(f"- `{cid}` ({c['passed']}/{c['trials']}): " + "; ".join(c["failures"]))
    if report.get("comparison"):
        cmp = report["comparison"]
        lines += ["", "## Against the baseline", "",
                  f"Pass rate {_pct(cmp['pass_rate_before'])} → {_pct(cmp['pass_rate_now'])}.", "",
                  f"- better: {_ids(cmp['better'])}", f"- worse: {_ids(cmp['worse'])}",
                  f"- new cases: {_ids(cmp['new'])}", f"- cases gone: {_ids(cmp['gone'])}"]
    if report.get("plot"):
        lines += ["", f"![pass rate per procedure]({report['plot']})"]
    return "\n".join(lines) + "\n"


def plot(report: dict[str, Any], path: Path) -> bool:
    """A bar chart of the pass rate per procedure; False when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    per = report["summary"]["per_procedure"]
    names = list(per)
    rates = [100 * per[n]["pass_rate"] for n in names]
    errs = [[max(0.0, 100 * (per[n]["pass_rate"] - per[n]["ci95"][0])) for n in names],
            [max(0.0, 100 * (per[n]["ci95"][1] - per[n]["pass_rate"])) for n in names]]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(names) + 1.2))
    ax.barh(names, rates, xerr=errs, color="#000091", ecolor="#999", capsize=2)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("pass rate (%), 95 % interval")
    ax.set_title(f"{report['meta']['model']} — {report['meta']['dataset']}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def write(report: dict[str, Any], directory: Path, *, name: str = "latest") -> Path:
    """latest.json, latest.md and the plot next to them; returns the Markdown path."""
    directory.mkdir(parents=True, exist_ok=True)
    png = directory / f"{name}-pass-by-procedure.png"
    if plot(report, png):
        report["plot"] = png.name
    (directory / f"{name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    md = directory / f"{name}.md"
    md.write_text(markdown(report), encoding="utf-8")
    return md
