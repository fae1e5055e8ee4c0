"""CPU time and peak memory of processes, read from /proc (Linux); None elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces: split after its closing parenthesis.
    return raw[raw.rindex(")") + 2:].split()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds the process has used so far."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def parent(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set size (VmHWM), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """Direct children of `pid` (the backends of a postmaster)."""
    out: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is not None and int(fields[1]) == pid:
            out.append(int(entry.name))
    return out


def cpu_of_children(pid: int) -> dict[int, float]:
    """CPU seconds of each child of `pid`: sampled before and after a run, then diffed."""
    out: dict[int, float] = {}
    for child in children(pid):
        cpu = cpu_seconds(child)
        if cpu is not None:
            out[child] = cpu
    return out


def cpu_delta(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two samples; a backend started in between counts from zero."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
