"""The built-in offline model: deterministic, French, tool-calling like an LLM.

It reads what the citizen wrote (already redacted) and the catalogue, classifies the demand
over the procedures' example phrasings, extracts what the form needs, and follows the plan
of the procedure's system prompt by looking at the tool results so far. It never computes
eligibility (apply_rules does) and never sees anything but the conversation.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from agents import compose, languages
from agents.asking import for_another
from agents.classify import default_classifier, wants_human
from agents.consent import read_consent
from agents.fields import extract_form_values, field_asked
from agents.prompts import PROCEDURE_MARKER
from agents.reading import read_message
from guichet.catalogue import Catalogue, Procedure, default_catalogue

MAX_ASKS_PER_FIELD = 2


def _call(name: str, args: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:16]}", "type": "tool_call"}


def _json(content: Any) -> Any:
    if not isinstance(content, str):
        return content
    try:
        return json.loads(content)
    except ValueError:
        return content


class _Transcript:
    """The tool calls made and results received so far in one procedure's conversation."""

    def __init__(self, messages: Sequence[BaseMessage]) -> None:
        self.system = next((m.content for m in messages if isinstance(m, SystemMessage)), "")
        humans = [m for m in messages if isinstance(m, HumanMessage)]
        # Read in French (agents/languages.py): the language is the demand's.
        reading = languages.read(str(humans[0].content) if humans else "")
        self.language, self.demand = reading.language, reading.french
        self.calls: dict[str, Any] = {}
        self.results: list[tuple[str, Any, bool, dict[str, Any]]] = []
        for m in messages:
            if isinstance(m, AIMessage):
                for c in m.tool_calls:
                    self.calls[c["id"] or ""] = c
            elif isinstance(m, ToolMessage):
                call = self.calls.get(m.tool_call_id, {"name": m.name or "", "args": {}})
                self.results.append((call["name"], _json(m.content), m.status != "error",
                                     call["args"]))

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) of every ask_citizen call answered so far."""
        return [(str(a.get("question", "")), self._french(str(r.get("answer", ""))))
                for name, r, ok, a in self.results
                if name == "ask_citizen" and isinstance(r, dict)]

    def _french(self, answer: str) -> str:
        if self.language != languages.FRENCH:
            # A short answer ("sí", "نعم") is read in the demand's language.
            return languages.to_french(answer, self.language)
        return languages.read(answer).french

    def last(self, name: str) -> tuple[int, Any, bool] | None:
        for i in range(len(self.results) - 1, -1, -1):
            n, r, ok, _ = self.results[i]
            if n == name:
                return i, r, ok
        return None

    def index_of_last(self, name: str) -> int:
        hit = self.last(name)
        return hit[0] if hit else -1

    def done(self, name: str) -> bool:
        return any(n == name and ok for n, _, ok, _ in self.results)

    def looked_up(self) -> set[str]:
        return {str(r.get("source")) for n, r, ok, _ in self.results
                if n == "lookup_records" and ok and isinstance(r, dict)}

    def record(self, source: str) -> dict[str, Any] | None:
        for n, r, ok, _ in self.results:
            if n == "lookup_records" and ok and isinstance(r, dict) and r.get("source") == source:
                return r.get("fields") if r.get("known") else None
        return None

    def asked(self, question: str) -> int:
        return sum(1 for c in self.calls.values()
                   if c["name"] == "ask_citizen"
                   and str(c["args"].get("question", "")).startswith(question))


class OfflineModel(BaseChatModel):
    """A deterministic chat model that answers with tool calls from rules and data."""

    catalogue: Catalogue | None = None

    @property
    def _llm_type(self) -> str:
        return "guichet-offline"

    def bind_tools(
        self, tools: Sequence[dict[str, Any] | type | Any | BaseTool],
        *, tool_choice: str | None = None, **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools],
                         tool_choice=tool_choice, **kwargs)

    def _cat(self) -> Catalogue:
        return self.catalogue or default_catalogue()

    def warm_up(self) -> None:
        """Build what the first demand would otherwise build (the classifier, the language
        identifier's model, the reply parser, compiled patterns): a worker calls it before
        taking jobs, so that its first case is not a second slower than the others."""
        text = ("Bonjour,\n\nJe voudrais une attestation de droits, merci.\n\n"
                "Le lun. 2 nov. 2026 à 10:00, Accueil a écrit :\n> Bonjour")
        written = read_message(text).own
        default_classifier().assess(languages.read(written).french)

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any,
    ) -> ChatResult:
        names = {t["function"]["name"] for t in kwargs.get("tools") or []}
        if "select_procedures" in names:
            reply = self._triage(messages)
        elif "accept_proposal" in names:
            reply = self._proposal_answer(messages)
        else:
            reply = self._procedure_step(messages, names)
        return ChatResult(generations=[ChatGeneration(message=reply)])

    async def _agenerate(
        self, messages: list[BaseMessage], stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None, **kwargs: Any,
    ) -> ChatResult:
        # A few milliseconds of pure computation, no I/O: cheaper inline than the thread-pool
        # hop the default async path takes.
        return self._generate(messages, stop, None, **kwargs)

    def _triage(self, messages: list[BaseMessage]) -> AIMessage:
        written = str(next((m.content for m in reversed(messages)
                            if isinstance(m, HumanMessage)), ""))
        text = languages.read(written).french
        if any(isinstance(m, ToolMessage) for m in messages) or wants_human(text):
            return AIMessage(content="", tool_calls=[_call("handoff", {
                "team": "accueil", "summary": compose.summary(written)})])
        assessment = default_classifier().assess(text)
        if assessment.question:
            # "Je voudrais refaire ma carte": which one? One question rather than a guess.
            return AIMessage(content="", tool_calls=[_call("ask_citizen", {
                "question": assessment.question})])
        procedures = assessment.procedures
        if not procedures:
            return AIMessage(content="", tool_calls=[_call("handoff", {
                "team": "accueil",
                "summary": "Demande hors catalogue : " + compose.summary(written)})])
        sure = ", ".join(f"{p} {assessment.confidence.get(p, 0):.2f}" for p in procedures)
        return AIMessage(content="", tool_calls=[_call("select_procedures", {
            "procedures": procedures,
            "reason": f"classement sur les exemples et les noms du catalogue (confiance : {sure})"})])

    def _proposal_answer(self, messages: list[BaseMessage]) -> AIMessage:
        """Yes, no (and no more), or one question: the citizen's answer to a proposal."""
        written = str(next((m.content for m in reversed(messages)
                            if isinstance(m, HumanMessage)), ""))
        consent = read_consent(written)
        if consent == "accept":
            return AIMessage(content="", tool_calls=[_call("accept_proposal", {
                "reason": "réponse affirmative"})])
        if consent in ("decline", "opt_out"):
            return AIMessage(content="", tool_calls=[_call("decline_proposal", {
                "opt_out": consent == "opt_out", "reason": "réponse négative"})])
        return AIMessage(content="", tool_calls=[_call("ask_citizen", {
            "question": "Souhaitez-vous que nous déposions cette demande pour vous ? "
                        "Répondez simplement oui ou non."})])

    def _procedure_step(self, messages: list[BaseMessage], names: set[str]) -> AIMessage:
        t = _Transcript(messages)
        procedure = self._current_procedure(str(t.system))
        if procedure is None:
            return AIMessage(content="Démarche introuvable.", tool_calls=[_call("handoff", {
                "team": "accueil", "summary": compose.summary(t.demand)})])
        return Planner(self._cat(), procedure, t).next_message()

    def _current_procedure(self, system: str) -> Procedure | None:
        for line in system.splitlines():
            if line.startswith(PROCEDURE_MARKER):
                pid = line[len(PROCEDURE_MARKER):].split("—")[0].strip()
                try:
                    return self._cat().procedure(pid)
                except KeyError:
                    return None
        return None


class Planner:
    """The next step of a procedure's plan, given what the transcript already holds."""

    def __init__(self, catalogue: Catalogue, procedure: Procedure, t: _Transcript) -> None:
        self.c, self.p, self.t = catalogue, procedure, t

    def _handoff(self, why: str) -> AIMessage:
        return AIMessage(content=why, tool_calls=[_call("handoff", {
            "team": self.p.authority,
            "summary": f"{self.p.label} : {why} Demande : {compose.summary(self.t.demand)}"})])

    def next_message(self) -> AIMessage:
        t = self.t
        if t.done("notify"):
            return AIMessage(content="Démarche terminée ; usager informé.")
        if t.done("handoff"):
            return AIMessage(content="Dossier transmis à un agent.")
        if self.p.id == "renseignement":
            return self._information()
        if for_another(t.demand):
            return self._handoff("Demande faite pour une autre personne : une démarche se fait "
                                 "au nom de l'intéressé, ou avec sa procuration.")
        missing = [s for s in self.p.records if s not in t.looked_up()]
        if missing:
            # Independent calls go together, as LLMs make parallel tool calls: the rules
            # read the records themselves, so a procedure without a form needs no second turn.
            then = ([_call("apply_rules", {})] if self.p.form is None
                    and self.p.effects != ["handoff"] and t.last("apply_rules") is None else [])
            return AIMessage(content="", tool_calls=[
                *[_call("lookup_records", {"source": s}) for s in missing], *then])
        if self.p.effects == ["handoff"]:
            return self._handoff("Réclamation à traiter par le service concerné.")
        if self.p.form is not None:
            step = self._form_step()
            if step is not None:
                return step
        rules = t.last("apply_rules")
        if rules is None or rules[0] < t.index_of_last("fill_form"):
            return AIMessage(content="", tool_calls=[_call("apply_rules", {})])
        _, outcome, ok = rules
        if not ok or not isinstance(outcome, dict):
            return self._handoff("Les règles n'ont pas pu être appliquées.")
        return self._effects_step(outcome, rules[0])

    def _form_step(self) -> AIMessage | None:
        t = self.t
        last_fill = t.last("fill_form")
        answers_after = [i for i, (n, _, _, _) in enumerate(t.results)
                         if n == "ask_citizen" and (last_fill is None or i > last_fill[0])]
        if last_fill is None or answers_after:
            texts = [(t.demand, None), *[(a, field_asked(self.c, self.p, q))
                                         for q, a in t.answers()]]
            values, origin = extract_form_values(self.c, self.p, texts, records={
                s: t.record(s) for s in self.p.records})
            sources = {k: "demande de l'usager" if i == 0 else f"réponse {i} de l'usager"
                       for k, i in origin.items()}
            # The rules in the same turn: they read the form just filled (an incomplete
            # form makes them answer what is missing, and the next turn asks for it).
            return AIMessage(content="", tool_calls=[
                _call("fill_form", {"values": values, "sources": sources}),
                _call("apply_rules", {})])
        _, form, ok = last_fill
        if not ok or not isinstance(form, dict):
            return self._handoff("Le formulaire n'a pas pu être rempli.")
        if form.get("complete"):
            return None
        for m in form.get("missing") or []:
            question = m.get("question") or ""
            if not question:
                return self._handoff(f"Information indisponible dans les dossiers : {m['field']}.")
            if t.asked(question) >= MAX_ASKS_PER_FIELD:
                return self._handoff(f"Information toujours manquante : {m['field']}.")
            if m.get("reason") not in (None, "", "manquant"):
                question = f"{question} (réponse précédente non valide : {m['reason']})"
            line = languages.question_line(t.language)
            if line:
                question = f"{question}\n{line}"
            return AIMessage(content="", tool_calls=[_call("ask_citizen", {"question": question})])
        return None

    def _effects_step(self, outcome: dict[str, Any], rules_index: int) -> AIMessage:
        t = self.t
        proposed = [dict(e) for e in outcome.get("proposed_effects") or []]
        if self.p.id == "attestation-droits-sante":
            proposed = compose.third_party(proposed, t.demand)
        after = [(n, r, ok, a) for i, (n, r, ok, a) in enumerate(t.results) if i > rules_index]
        failed = [(n, r) for n, r, ok, _ in after if not ok and n != "ask_citizen"]
        if failed:
            return self._handoff(f"L'effet {failed[0][0]} n'a pas abouti : {failed[0][1]}")
        called = [(n, a) for n, _, _, a in after]
        todo = [e for e in proposed if (e["effect"], e["args"]) not in called]
        if todo:
            return AIMessage(content=compose.rationale(self.p, outcome), tool_calls=[
                _call(e["effect"], e["args"]) for e in todo])
        if any(e["effect"] == "handoff" for e in proposed):
            return AIMessage(content="Dossier transmis à un agent.")
        message = compose.outcome_message(self.p, outcome, after, language=t.language)
        return AIMessage(content="", tool_calls=[_call("notify", {"message": message})])

    def _information(self) -> AIMessage:
        t = self.t
        info = t.last("procedure_info")
        if info is None:
            topic = compose.information_topic(t.demand)
            if topic is None:
                return self._handoff("Question dont la démarche n'a pas été identifiée.")
            return AIMessage(content="", tool_calls=[
                _call("procedure_info", {"procedure_id": topic})])
        _, facts, ok = info
        if not ok or not isinstance(facts, dict):
            return self._handoff("Informations sur la démarche indisponibles.")
        return AIMessage(content="", tool_calls=[
            _call("notify", {"message": compose.information_answer(facts,
                                                                   language=t.language)})])
