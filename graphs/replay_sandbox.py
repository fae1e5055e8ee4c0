"""The replay sandbox: recorded answers for the nodes, and what they would have written.

Built from a case's audit events. Every event a node would append is compared, as it
happens, with the recorded event at the same place of its kind (model calls with model
calls, status changes with status changes...), so the first difference is found at the
step that caused it.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from typing import Any

from pydantic import BaseModel

from tools import effects as effect_rules
from tools.errors import AccessRefused, ToolError

# Events written inside a tool the tools node runs; a replay serves the tool's recorded
# result instead, so these are not expected from it.
INNER_KINDS = {"effect", "notification", "records.read", "records.refused", "rules"}
COMPARED_KINDS = ("model.call", "tool.call", "approval.requested", "effect", "notification",
                  "status")
INITIAL_STATUS = ("en_construction", "agent", "demande reçue")


class ReplayStop(Exception):
    """The replay cannot go on: the original has no recorded answer for what it now asks."""


class ReplayEvent(BaseModel):
    kind: str
    node: str | None = None
    same: bool
    replay: dict[str, Any]
    recorded: dict[str, Any] | None
    recorded_id: int | None


def _parsed(content: Any) -> Any:
    # Recorded tool results went through jsonb, which reorders keys: compare parsed JSON.
    if isinstance(content, str) and content[:1] in "{[":
        try:
            return json.loads(content)
        except ValueError:
            return content
    return content


def _view(v: dict[str, Any]) -> dict[str, Any]:
    out = {"type": v.get("type"), "content": _parsed(v.get("content"))}
    if v.get("tool_calls"):
        out["tool_calls"] = [{"name": c["name"], "args": c["args"]} for c in v["tool_calls"]]
    return out


def comparable(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The part of an event a replay must reproduce (ids, times and usage left out)."""
    match kind:
        case "model.call":
            return {"node": data.get("node"), "input": [_view(m) for m in data["input"]],
                    "output": _view(data["output"]),
                    "invalid_tool_calls": [c.get("name") for c in data.get("invalid_tool_calls")
                                           or []]}
        case "tool.call":
            return {"tool": data["tool"], "args": data["args"], "outcome": data["outcome"]}
        case "approval.requested":
            return {"effect": data["effect"], "args": data["args"],
                    "authority": data.get("authority")}
        case "effect":
            return {"effect": data["effect"], "procedure": data["procedure"],
                    "args": data["args"]}
        case "notification":
            return {"kind": data["kind"], "channel": data["channel"]}
        case _:
            return {k: data.get(k) for k in ("status", "holder", "reason")}


def _key(*parts: Any) -> str:
    return json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)


def inner_event_ids(events: list[dict[str, Any]]) -> set[int]:
    """Ids of the events written inside tools run by the tools node (before their tool.call)."""
    inner: set[int] = set()
    for j, ev in enumerate(events):
        if ev["kind"] != "tool.call":
            continue
        i = j - 1
        while i >= 0 and events[i]["kind"] in INNER_KINDS and not str(
                events[i]["actor"]).startswith("officer:"):
            inner.add(int(events[i]["id"]))
            i -= 1
    return inner


def citizen_answers(model_calls: list[dict[str, Any]]) -> list[str]:
    """The citizen's answers as the model received them (redacted), in order."""
    answers: list[str] = []
    before: list[Any] = []
    for data in model_calls:
        sent = [_view(m) for m in data["input"]]
        new = sent[len(before):] if sent[:len(before)] == before else sent
        for m in new:
            content = m["content"]
            if m["type"] == "tool" and isinstance(content, dict) and set(content) == {"answer"}:
                answers.append(str(content["answer"]))
        before = [*sent, _view(data["output"])]
    return answers


def _nested_dicts(value: Any) -> list[Any]:
    found: list[Any] = []
    if isinstance(value, dict):
        found.append(value)
        for v in value.values():
            found += _nested_dicts(v)
    elif isinstance(value, list):
        for v in value:
            found += _nested_dicts(v)
    return found


def sent_results(model_calls: list[dict[str, Any]]) -> list[Any]:
    """Tool results as the model received them, with their keys in the original order.

    The audit's jsonb sorts keys; the model saw them in the tool's order, and a model's
    wording can follow that order, so a replay serves results in the order they were sent.
    """
    found: list[Any] = []
    for data in model_calls:
        for m in data["input"]:
            content = m.get("content")
            if m.get("type") == "tool" and isinstance(content, str) and content[:1] == "{":
                try:
                    found += _nested_dicts(json.loads(content))
                except ValueError:
                    continue
    return found


class Sandbox:
    """One case's recorded events, answering for graphs.replay_world.ReplayWorld."""

    def __init__(self, events: list[dict[str, Any]], *, demand: str | None = None) -> None:
        inner = inner_event_ids(events)
        self.model_calls = [e["data"] for e in events if e["kind"] == "model.call"]
        triage = [d for d in self.model_calls if d.get("node") == "triage"]
        first_human = [m for d in triage[:1] for m in d["input"] if m.get("type") == "human"]
        found = demand if demand is not None else (
            str(first_human[0]["content"]) if first_human else None)
        if found is None:
            raise ReplayStop("the case has no recorded triage call: nothing to replay")
        self.demand: str = found
        self.channels: dict[str, deque[dict[str, Any]]] = {k: deque() for k in COMPARED_KINDS}
        self.tools: dict[str, deque[tuple[dict[str, Any], list[dict[str, Any]]]]] = (
            defaultdict(deque))
        self.node_effects: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
        pending_inner: list[dict[str, Any]] = []
        for ev in events:
            if int(ev["id"]) in inner:
                pending_inner.append(ev)
                continue
            if ev["kind"] == "tool.call":
                d = ev["data"]
                self.tools[_key(d["tool"], d["args"])].append((d, pending_inner))
                pending_inner = []
            if ev["kind"] == "effect":
                d = ev["data"]
                self.node_effects[_key(d["procedure"], d["effect"], d["args"])].append(d)
            # An officer's own moves (a takeover, a closing) are not the graph's to reproduce;
            # the effects run on their decision are.
            officer_move = str(ev["actor"]).startswith("officer:") and ev["kind"] != "effect"
            if ev["kind"] in self.channels and not officer_move:
                self.channels[ev["kind"]].append(ev)
        self.requests = [e for e in events if e["kind"] == "approval.requested"]
        self.decisions = {str(e["data"]["approval_id"]): e for e in events
                          if e["kind"] == "approval.decided"}
        self.answers = deque(citizen_answers(self.model_calls))
        self.sent = sent_results(self.model_calls)
        self.status = INITIAL_STATUS
        self.produced: dict[str, list[str]] = defaultdict(list)
        self.approvals_asked = 0
        self.log: list[ReplayEvent] = []
        self.node: str | None = None

    # -- capture and compare -------------------------------------------------------------
    def _capture(self, kind: str, data: dict[str, Any]) -> None:
        mine = comparable(kind, data)
        channel = self.channels[kind]
        rec = channel.popleft() if channel else None
        theirs = comparable(kind, rec["data"]) if rec else None
        self.log.append(ReplayEvent(kind=kind, node=self.node, same=mine == theirs, replay=mine,
                                    recorded=theirs, recorded_id=int(rec["id"]) if rec else None))

    def leftovers(self) -> list[dict[str, Any]]:
        """Recorded events the replay never produced, in order."""
        left = [e for ch in self.channels.values() for e in ch]
        return sorted(left, key=lambda e: int(e["id"]))

    # -- what the replay world asks --------------------------------------------------------
    def audit(self, kind: str, data: dict[str, Any]) -> None:
        self._capture(kind, data)

    def set_status(self, *, status: str, holder: str, reason: str) -> None:
        if (status, holder, reason) != self.status:
            self.status = (status, holder, reason)
            self._capture("status", {"status": status, "holder": holder, "reason": reason})

    def notify(self, *, kind: str, channel: str, subject: str) -> None:
        self._capture("notification", {"kind": kind, "channel": channel, "subject": subject})

    def tool_result(self, name: str, args: dict[str, Any]) -> Any:
        queue = self.tools.get(_key(name, args))
        if not queue:
            raise ReplayStop(f"no recorded result for {name}({json.dumps(args, ensure_ascii=False)})")
        data, inner = queue.popleft()
        if data["outcome"] == "refused":
            raise AccessRefused(str(data["result"]))
        if data["outcome"] == "error":
            raise ToolError(str(data["result"]))
        for ev in inner:
            if ev["kind"] == "effect":
                self.produced[ev["data"]["procedure"]].append(ev["data"]["effect"])
        return self._as_sent(data["result"])

    def _as_sent(self, value: Any) -> Any:
        return next((v for v in self.sent if v == value), value)

    def effect(self, *, procedure: str, effect: str, args: dict[str, Any],
               actor: str) -> dict[str, Any]:
        checked = effect_rules.validate_args(effect, args)
        queue = self.node_effects.get(_key(procedure, effect, checked))
        if not queue:
            raise ReplayStop(f"no recorded effect {effect}({json.dumps(checked, ensure_ascii=False)})"
                             f" for {procedure}")
        data = queue.popleft()
        self._capture("effect", {**data, "args": checked})
        self.produced[procedure].append(effect)
        result: dict[str, Any] = self._as_sent(data["result"])
        return result

    def request_approval(self, *, effect: str, args: dict[str, Any], authority: str) -> str:
        n = self.approvals_asked
        self.approvals_asked += 1
        approval_id = (str(self.requests[n]["data"]["approval_id"]) if n < len(self.requests)
                       else f"replay-{n}")
        self._capture("approval.requested", {"approval_id": approval_id, "effect": effect,
                                             "args": args, "authority": authority})
        return approval_id

    def decision(self, approval_id: str) -> dict[str, Any] | None:
        ev = self.decisions.get(approval_id)
        if ev is None:
            raise ReplayStop(f"no recorded officer decision for approval request {approval_id}")
        d = ev["data"]
        return {"status": d["decision"], "final_args": d.get("args"),
                "decided_by": str(ev["actor"]).removeprefix("officer:"),
                "decided_at": ev["at"].isoformat(), "comment": d.get("comment")}

    def citizen_answer(self) -> str:
        if not self.answers:
            raise ReplayStop("no recorded answer of the citizen for this question")
        return self.answers.popleft()

    def procedure_effects(self, procedure: str) -> list[str]:
        return list(self.produced[procedure])
