"""One owner per table: the statements that write a table live in its store module.

Read from the service's source (the evals, which observe a database from outside, are not
the service). Retention's erasure list (guichet/retention.py) writes every table it erases,
in one place on purpose: it is the one other writer allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ("guichet", "graphs", "tools", "api", "agents")
RETENTION = "guichet/retention.py"

# table -> the module that owns its writes
WRITES = {
    "approvals": "guichet/store/approvals.py",
    "case_messages": "guichet/store/messages.py",
    "cases": "guichet/store/cases.py",
    "notifications": "tools/notify.py",
    "records": "tools/records.py",
    "case_placeholders": "graphs/casedb.py",
    "case_attachments": "guichet/store/attachments.py",
    "revoked_tokens": "guichet/store/sessions.py",
}
# table -> modules besides the owner that may read it (a subquery of theirs names it)
READS = {
    # the sweeper's test for an unanswered message; the live events' join of a message's body
    "case_messages": {"guichet/recovery.py", "guichet/case_events.py"},
}


def _sources() -> dict[str, str]:
    out = {}
    for top in SERVICE:
        for path in sorted((ROOT / top).rglob("*.py")):
            out[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    return out


def writers(table: str, sources: dict[str, str]) -> set[str]:
    pattern = re.compile(rf"\b(?:insert\s+into|update|delete\s+from)\s+{table}\b", re.I)
    return {name for name, text in sources.items() if pattern.search(text)}


def readers(table: str, sources: dict[str, str]) -> set[str]:
    pattern = re.compile(rf"\b(?:from|join)\s+{table}\b", re.I)
    return {name for name, text in sources.items() if pattern.search(text)}


@pytest.mark.parametrize("table", sorted(WRITES))
def test_only_its_owner_writes_a_table(table: str) -> None:
    sources = _sources()
    found = writers(table, sources)
    assert WRITES[table] in found, f"{WRITES[table]} no longer writes {table}: update WRITES"
    assert found - {WRITES[table], RETENTION} == set(), (
        f"{table} is written outside {WRITES[table]}: move the statement there")


@pytest.mark.parametrize("table", sorted(READS))
def test_only_its_owner_reads_a_table(table: str) -> None:
    found = readers(table, _sources())
    allowed = {WRITES[table], RETENTION, *READS[table]}
    assert found - allowed == set(), f"{table} is read outside {WRITES[table]}"


def test_the_check_sees_a_stray_statement() -> None:
    # The guard itself: a write in another module is found, whatever its spacing and case.
    stray = {"graphs/elsewhere.py": 'await conn.execute("INSERT  INTO case_messages (x)")'}
    assert writers("case_messages", stray) == {"graphs/elsewhere.py"}
    assert writers("case_messages_archive", stray) == set()
