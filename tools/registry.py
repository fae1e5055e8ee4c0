"""The tools the model sees: names, typed arguments, docstrings written for the model."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, ConfigDict, Field

from tools import casework, effects, notices
from tools.context import ToolContext

Kind = Literal["read", "write", "sensitive", "ask"]


class _Args(BaseModel):
    # Unknown arguments (a citizen id, a NIR...) are refused, never silently used.
    model_config = ConfigDict(extra="forbid")


class LookupArgs(_Args):
    source: Literal["etat_civil", "contact", "caf", "dgfip", "cpam", "ants", "electoral",
                    "france_travail"] = Field(description="the administration's record to read")


class FillFormArgs(_Args):
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="form fields the citizen gave, by field name, e.g. "
        '{"new_address": {"line": "3 rue X", "postal_code": "69003", "commune": "Lyon"}}',
    )
    sources: dict[str, str] = Field(
        default_factory=dict,
        description="for each value given, the citizen's message it comes from, e.g. "
        '{"new_address": "message 2"} (the latest message that states or corrects it)',
    )


class NoArgs(_Args):
    pass


class InfoArgs(_Args):
    procedure_id: str = Field(description="a catalogue procedure id, e.g. acte-naissance")


class AskArgs(_Args):
    question: str = Field(min_length=5, max_length=1000,
                          description="one clear question in French for the citizen")


class NotifyArgs(_Args):
    message: str = Field(min_length=5, max_length=4000,
                         description="the message to the citizen, in French")


class SelectArgs(_Args):
    procedures: list[str] = Field(min_length=1, max_length=5,
                                  description="catalogue procedure ids, in the demand's order")
    reason: str = Field(default="", max_length=500)


class AcceptArgs(_Args):
    reason: str = Field(default="", max_length=500)


class DeclineArgs(_Args):
    opt_out: bool = Field(default=False, description="the citizen wants no more proposals")
    reason: str = Field(default="", max_length=500)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    kind: Kind
    args: type[BaseModel]
    doc: str
    run: Callable[[ToolContext, dict[str, Any]], Awaitable[dict[str, Any]]] | None


async def _lookup(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
    return await casework.lookup_records(ctx, a["source"])


async def _fill(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
    return await casework.fill_form(ctx, a.get("values") or {}, a.get("sources") or {})


async def _rules(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
    return await casework.apply_rules(ctx)


async def _info(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
    return casework.procedure_info(ctx, a["procedure_id"])


async def _notify(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
    return await notices.notify_citizen(ctx, a["message"])


def _effect(name: str) -> Callable[[ToolContext, dict[str, Any]], Awaitable[dict[str, Any]]]:
    async def run(ctx: ToolContext, a: dict[str, Any]) -> dict[str, Any]:
        return await effects.run_effect(ctx, name, a)
    return run


_EFFECT_DOCS = {
    "issue_document": "Issue a document to the citizen. Args: kind, one of "
    "acte-naissance-copie-integrale, acte-naissance-extrait, attestation-droits-sante.",
    "update_contact": "Change the citizen's postal address in one source. Args: source (contact, "
    "caf, dgfip, cpam, france_travail, ants), address {line, postal_code (5 digits), commune}, "
    "plate (AA-123-AA, ants only).",
    "register": "Register the citizen in a list. Args: list (electoral, canteen, social-housing, "
    "cni-pre-application), bracket (A-D, canteen), child (canteen), commune, motif.",
    "book_appointment": "Book a slot at a service point. Args: service_point, slot "
    "(YYYY-MM-DDTHH:MM).",
    "create_ticket": "Open a work order for a municipal service. Args: category (voirie, "
    "eclairage, proprete), location (street and number).",
    "grant_benefit": "SENSITIVE - proposes to grant a benefit; an officer must approve. Args: "
    "benefit (procedure id), monthly_amount (euros, from apply_rules), start_date (YYYY-MM-DD).",
    "reject_demand": "SENSITIVE - proposes to refuse the demand; an officer must approve. Args: "
    "reasons (list of sentences, from apply_rules), appeal (how to contest).",
    "adjust_tax": "SENSITIVE - proposes to change a tax amount; an officer must approve. Args: "
    "year, new_amount (euros).",
    "disclose_record": "SENSITIVE - proposes to send a health or tax record to a third party; an "
    "officer must approve. Args: source (cpam, dgfip...), recipient.",
    "handoff": "Hand the case to a human team when you cannot resolve it within policy. Args: "
    "team (authority id), summary (what the citizen wants and what was done).",
}


def specs() -> dict[str, ToolSpec]:
    out = {
        "lookup_records": ToolSpec(
            "lookup_records", "read", LookupArgs,
            "Read one of the citizen's records (only sources the procedure lists). Identifiers "
            "come back as placeholders such as [NOM_1]; use them as they are.", _lookup),
        "fill_form": ToolSpec(
            "fill_form", "read", FillFormArgs,
            "Fill the procedure's form: it is prefilled from the records; pass only what the "
            "citizen said. Returns complete, values and missing fields with the question to "
            "ask for each.", _fill),
        "apply_rules": ToolSpec(
            "apply_rules", "read", NoArgs,
            "Compute eligibility and amounts with the official rules (never compute them "
            "yourself). Returns eligible, rule, inputs, reasons and proposed_effects: call "
            "those effects with exactly those arguments.", _rules),
        "procedure_info": ToolSpec(
            "procedure_info", "read", InfoArgs,
            "Facts about a procedure (delay, silence rule, documents, legal basis) to answer a "
            "citizen's question.", _info),
        "ask_citizen": ToolSpec(
            "ask_citizen", "ask", AskArgs,
            "Ask the citizen one question when information is missing; the case waits for "
            "their answer.", None),
        "notify": ToolSpec(
            "notify", "write", NotifyArgs,
            "Send the citizen the outcome in plain French on their preferred channel. Call it "
            "once, after the effects, then stop.", _notify),
    }
    for name, doc in _EFFECT_DOCS.items():
        kind: Kind = "sensitive" if name in {"grant_benefit", "reject_demand", "adjust_tax",
                                              "disclose_record"} else "write"
        out[name] = ToolSpec(name, kind, effects.EFFECT_ARGS[name], doc, _effect(name))
    return out


SPECS = specs()

TRIAGE_SPECS = {
    "select_procedures": ToolSpec(
        "select_procedures", "read", SelectArgs,
        "Choose the catalogue procedures this demand is about (several if it names several).",
        None),
    "handoff": SPECS["handoff"],
    # One question when the demand could mean several démarches ("la carte"): never a guess.
    "ask_citizen": SPECS["ask_citizen"],
}


# Reading the citizen's answer to a proposal of the administration (graphs/proposals.py).
PROPOSAL_SPECS = {
    "accept_proposal": ToolSpec(
        "accept_proposal", "read", AcceptArgs,
        "The citizen accepts the proposed démarche: it goes on as their demand.", None),
    "decline_proposal": ToolSpec(
        "decline_proposal", "read", DeclineArgs,
        "The citizen declines the proposal (opt_out when they want no more proposals).", None),
    "ask_citizen": SPECS["ask_citizen"],
}


def procedure_tool_names(effect_names: list[str], *, has_form: bool) -> list[str]:
    """The tools offered to the model for one procedure."""
    names = ["lookup_records", "procedure_info", "ask_citizen", "notify", "handoff"]
    if has_form:
        names += ["fill_form", "apply_rules"]
    elif effect_names and effect_names != ["handoff"]:
        names.append("apply_rules")
    names += [e for e in effect_names if e not in names]
    return names


def as_langchain(spec: ToolSpec) -> BaseTool:
    """A LangChain tool for binding to a model; the graph's tool node runs it with context."""

    def _not_direct(**_: Any) -> str:
        # Tools run only through the case graph, which supplies the case context.
        raise RuntimeError(f"{spec.name} runs only inside the case graph")

    return StructuredTool.from_function(
        func=_not_direct, name=spec.name, description=spec.doc, args_schema=spec.args,
    )
