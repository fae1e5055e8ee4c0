"""Read-side tools of a procedure: records lookup, form filling, rules, procedure facts."""

from __future__ import annotations

import json
from typing import Any

from guichet import audit
from guichet.db import connection
from tools import forms, rules
from tools.context import ToolContext
from tools.errors import AccessRefused, ToolInputError
from tools.redaction import redact_record, redact_text, restore_value


async def lookup_records(ctx: ToolContext, source: str) -> dict[str, Any]:
    """The masked, redacted fields the procedure may read from one source; audited."""
    allowed = ctx.procedure.records
    purpose = {"procedure": ctx.procedure.id, "source": source,
               "legal_basis": ctx.procedure.legal_basis, "authority": ctx.procedure.authority}
    if source not in allowed:
        await _audit(ctx, "records.refused", {**purpose, "reason": "source"})
        raise AccessRefused(
            f"la démarche {ctx.procedure.id} n'autorise pas la lecture de {source} "
            f"(sources autorisées : {', '.join(allowed) or 'aucune'})"
        )
    data = await ctx.records.get(ctx.citizen_id, source)
    fields = allowed[source]
    await _audit(ctx, "records.read", {**purpose, "fields": fields, "found": data is not None})
    if data is None:
        return {"source": source, "known": False,
                "note": f"l'usager est inconnu de {ctx.catalogue.sources[source].label}"}
    masked = {k: v for k, v in data.items() if k in fields}
    return {"source": source, "known": True,
            "fields": redact_record(source, masked, ctx.placeholders)}


async def _audit(ctx: ToolContext, kind: str, data: dict[str, Any],
                 actor: str | None = None) -> None:
    event = audit.Event(actor=actor or ctx.actor, kind=kind, data=data)
    if ctx.events is not None:  # in a graph run: written with the node's other events
        ctx.events.append(event)
        return
    async with connection(ctx.pool) as conn:
        await audit.append_many(conn, case_id=ctx.case_id, events=[event])


async def all_records(ctx: ToolContext) -> dict[str, Any]:
    """Unmasked records of the sources the procedure lists: for code, never for the model."""
    out: dict[str, Any] = {}
    for source in ctx.procedure.records:
        data = await ctx.records.get(ctx.citizen_id, source)
        if data is not None:
            out[source] = data
    return out


async def _stored(ctx: ToolContext) -> dict[str, Any]:
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select form, rules, sources from case_procedures"
            " where case_id = %s and procedure = %s",
            (ctx.case_id, ctx.procedure.id),
        )
        row = await cur.fetchone()
    return dict(row) if row else {"form": {}, "rules": None, "sources": {}}


async def fill_form(ctx: ToolContext, values: dict[str, Any],
                    sources: dict[str, str] | None = None) -> dict[str, Any]:
    """Prefill the procedure's form from records, add the citizen's values, validate; where
    each value comes from is kept for the officer's evidence."""
    if ctx.procedure.form is None:
        raise ToolInputError(f"la démarche {ctx.procedure.id} n'a pas de formulaire")
    given = restore_value(values, ctx.placeholders)
    stored = await _stored(ctx)
    result = forms.fill(ctx.catalogue, ctx.procedure.form, records=await all_records(ctx),
                        stored=stored["form"], given=given, given_from=sources or {},
                        stored_from=stored["sources"])
    async with connection(ctx.pool) as conn:
        await conn.execute(
            "insert into case_procedures (case_id, procedure, form, missing, sources)"
            " values (%s, %s, %s::jsonb, %s::jsonb, %s::jsonb)"
            " on conflict (case_id, procedure) do update set form = excluded.form,"
            " missing = excluded.missing, sources = excluded.sources, updated_at = now()",
            (ctx.case_id, ctx.procedure.id, json.dumps(result.values, ensure_ascii=False),
             json.dumps(result.missing, ensure_ascii=False),
             json.dumps(result.sources, ensure_ascii=False)),
        )
    shown = result.model_dump()
    shown["values"] = _redact_values(ctx, result.values)
    return shown


def _redact_values(ctx: ToolContext, values: dict[str, Any]) -> dict[str, Any]:
    # Form values hold no identifier kinds today; the pass keeps it true if a form grows one.
    return {k: redact_text(v, ctx.placeholders) if isinstance(v, str) else v
            for k, v in values.items()}


async def apply_rules(ctx: ToolContext) -> dict[str, Any]:
    """Eligibility, amounts and the effects to propose, computed by code; stored as evidence."""
    stored = await _stored(ctx)
    form_values: dict[str, Any] = stored["form"]
    if ctx.procedure.form is not None:
        check = forms.fill(ctx.catalogue, ctx.procedure.form, records=await all_records(ctx),
                           stored=form_values, given={})
        if not check.complete:
            raise ToolInputError(
                "le formulaire est incomplet : appelez fill_form puis ask_citizen pour "
                + ", ".join(m["field"] for m in check.missing)
            )
        form_values = check.values
    outcome = rules.apply(rules.RulesInput(
        procedure=ctx.procedure, catalogue=ctx.catalogue, form=form_values,
        records=await all_records(ctx), today=ctx.today(),
    ))
    payload = outcome.model_dump(mode="json")
    async with connection(ctx.pool) as conn:
        await conn.execute(
            "insert into case_procedures (case_id, procedure, form, rules)"
            " values (%s, %s, %s::jsonb, %s::jsonb) on conflict (case_id, procedure) do update"
            " set rules = excluded.rules, updated_at = now()",
            (ctx.case_id, ctx.procedure.id, json.dumps(form_values, ensure_ascii=False),
             json.dumps(payload, ensure_ascii=False)),
        )
    await _audit(ctx, "rules", {"procedure": ctx.procedure.id, "eligible": outcome.eligible,
                                "rule": outcome.rule, "inputs": outcome.inputs,
                                "result": outcome.result}, actor="rules")
    return payload


def procedure_info(ctx: ToolContext, procedure_id: str) -> dict[str, Any]:
    """What the catalogue says of a procedure: for answering a citizen's question."""
    try:
        p = ctx.catalogue.procedure(procedure_id)
    except KeyError:
        raise ToolInputError(
            f"démarche inconnue : {procedure_id} ; démarches : {', '.join(ctx.catalogue.procedure_ids)}"
        ) from None
    return {
        "procedure": p.id, "label": p.label, "authority": ctx.catalogue.authorities[p.authority],
        "delay_days": p.delay_days,
        "silence": p.silence.model_dump() if p.silence else None,
        "documents": p.documents, "legal_basis": p.legal_basis,
    }
