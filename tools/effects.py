"""Effects: what a case changes in the world, each once, sensitive ones only when approved."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guichet import audit, metrics
from guichet.db import Conn, connection
from guichet.store import approvals
from tools.context import ToolContext
from tools.errors import AccessRefused, ApprovalRequired, RecordMissing, ToolInputError
from tools.forms import Address
from tools.geography import insee_for
from tools.redaction import restore_value

ALWAYS_ALLOWED = {"notify", "handoff"}


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssueDocumentArgs(_Args):
    kind: Literal["acte-naissance-copie-integrale", "acte-naissance-extrait",
                  "attestation-droits-sante"]


class UpdateContactArgs(_Args):
    source: Literal["contact", "caf", "dgfip", "cpam", "france_travail", "ants"]
    address: Address
    plate: str | None = Field(default=None, pattern=r"^[A-Z]{2}-\d{3}-[A-Z]{2}$")


class RegisterArgs(_Args):
    list: Literal["electoral", "canteen", "social-housing", "cni-pre-application"]
    bracket: Literal["A", "B", "C", "D"] | None = None
    child: str | None = None
    commune: str | None = None
    motif: str | None = None


class BookAppointmentArgs(_Args):
    service_point: str = Field(min_length=3, max_length=100)
    slot: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


class CreateTicketArgs(_Args):
    category: Literal["voirie", "eclairage", "proprete"]
    location: str = Field(min_length=3, max_length=300)


class GrantBenefitArgs(_Args):
    benefit: Literal["prime-activite", "css", "rsa"]
    monthly_amount: float = Field(ge=0, le=10_000)
    start_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class RejectDemandArgs(_Args):
    reasons: list[str] = Field(min_length=1)
    appeal: str = Field(min_length=10)


class AdjustTaxArgs(_Args):
    year: int = Field(ge=2000, le=2100)
    new_amount: float = Field(ge=0)


class DiscloseRecordArgs(_Args):
    source: Literal["cpam", "dgfip", "caf", "france_travail"]
    recipient: str = Field(min_length=3, max_length=200)


class HandoffArgs(_Args):
    team: str = Field(min_length=2, max_length=60)
    summary: str = Field(min_length=5, max_length=4000)


EFFECT_ARGS: dict[str, type[_Args]] = {
    "issue_document": IssueDocumentArgs,
    "update_contact": UpdateContactArgs,
    "register": RegisterArgs,
    "book_appointment": BookAppointmentArgs,
    "create_ticket": CreateTicketArgs,
    "grant_benefit": GrantBenefitArgs,
    "reject_demand": RejectDemandArgs,
    "adjust_tax": AdjustTaxArgs,
    "disclose_record": DiscloseRecordArgs,
    "handoff": HandoffArgs,
}


def canonical(args: dict[str, Any]) -> str:
    return json.dumps(args, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def validate_args(effect: str, args: dict[str, Any]) -> dict[str, Any]:
    """Arguments checked against the effect's schema; ToolInputError names field and reason."""
    model = EFFECT_ARGS.get(effect)
    if model is None:
        raise ToolInputError(f"effet inconnu : {effect}")
    try:
        return model.model_validate(args).model_dump(mode="json", exclude_none=True)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "arguments"
        raise ToolInputError(f"{effect}: argument {where} invalide : {err['msg']}") from exc


def _discriminator(effect: str, args: dict[str, Any], step: int) -> str:
    # The natural key of each effect: a second call for the same thing is the same effect,
    # whatever a non-deterministic model wrote around it.
    match effect:
        case "issue_document":
            return str(args["kind"])
        case "update_contact":
            return f"{args['source']}:{args.get('plate') or ''}"
        case "register":
            return f"{args['list']}:{args.get('child') or ''}"
        case "grant_benefit":
            return str(args["benefit"])
        case "adjust_tax":
            return str(args["year"])
        case "disclose_record":
            return f"{args['source']}:{hashlib.sha256(args['recipient'].encode()).hexdigest()[:12]}"
        case "book_appointment" | "create_ticket" | "reject_demand" | "handoff":
            return "1"
        case _:
            return str(step)


def idem_key(ctx: ToolContext, effect: str, args: dict[str, Any]) -> str:
    return f"{ctx.case_id}/{ctx.procedure.id}/{effect}/{_discriminator(effect, args, ctx.step)}"


def reference(ctx: ToolContext, prefix: str, args: dict[str, Any]) -> str:
    digest = hashlib.sha256(f"{ctx.case_id}{prefix}{canonical(args)}".encode()).hexdigest()
    return f"{prefix}-{int(digest[:10], 16) % 10**9:09d}"


async def _require_approval(conn: Conn, ctx: ToolContext, effect: str, args: dict[str, Any]) -> None:
    if ctx.approval_id is None:
        raise ApprovalRequired(
            f"{effect} est une décision sensible : elle ne peut être exécutée qu'après la "
            "validation d'un agent. Une demande de validation a été transmise."
        )
    row = await approvals.get(conn, approval_id=ctx.approval_id)
    if row is None or row["case_id"] != ctx.case_id:
        raise ApprovalRequired(f"aucune validation enregistrée ne couvre cet appel à {effect}")
    approved = (row["effect"] == effect and row["status"] in ("approved", "edited")
                and canonical(row["final_args"]) == canonical(args))
    # An officer who rejects a proposed grant decides a refusal, for the reason they wrote.
    officer_refusal = (effect == "reject_demand" and row["status"] == "rejected"
                       and row["effect"] != "reject_demand"
                       and args.get("reasons") == [row["comment"]])
    if not (approved or officer_refusal):
        raise ApprovalRequired(f"aucune validation enregistrée ne couvre cet appel à {effect}")


Impl = Callable[[Conn, ToolContext, dict[str, Any]], Awaitable[dict[str, Any]]]


async def _record(conn: Conn, ctx: ToolContext, source: str) -> dict[str, Any]:
    data = await ctx.records.get(ctx.citizen_id, source, conn=conn)
    if data is None:
        raise RecordMissing(f"l'usager n'a pas de dossier {source}")
    return data


async def _issue_document(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    await _record(conn, ctx, "cpam" if args["kind"] == "attestation-droits-sante" else "etat_civil")
    return {"document": reference(ctx, "DOC", args), "kind": args["kind"],
            "delivered_to": "canal vérifié de l'usager"}


async def _update_contact(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    source, address = args["source"], dict(args["address"])
    # Later procedures need the commune code (electoral roll, appointments): fill it in.
    address.setdefault("insee", insee_for(address["postal_code"]))
    data = await _record(conn, ctx, source)
    if source == "ants":
        vehicles = data.get("vehicles") or []
        hit = [v for v in vehicles if args.get("plate") in (None, v.get("plate"))]
        if not hit:
            raise RecordMissing("aucun véhicule correspondant au nom de l'usager")
        for v in hit:
            v["address_insee"] = address.get("insee") or v.get("address_insee")
            v["address"] = address
    else:
        data["address"] = address
    await ctx.records.put(ctx.citizen_id, source, data, conn=conn)
    return {"source": source, "updated": True}


async def _register(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    if args["list"] == "electoral":
        contact = await _record(conn, ctx, "contact")
        commune = args.get("commune") or contact["address"].get("insee")
        await ctx.records.put(ctx.citizen_id, "electoral", {
            "commune": commune, "registered_on": ctx.today().isoformat()}, conn=conn)
    prefix = {"electoral": "ELEC", "canteen": "CANT", "social-housing": "NUR",
              "cni-pre-application": "PRE"}[args["list"]]
    out = {"list": args["list"], "reference": reference(ctx, prefix, args)}
    if args.get("bracket"):
        out["bracket"] = args["bracket"]
    return out


async def _book(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"confirmation": reference(ctx, "RDV", args), **args}


async def _ticket(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"ticket": reference(ctx, "TCK", args), "category": args["category"]}


async def _grant(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    benefit = args["benefit"]
    if benefit == "css":
        cpam = await _record(conn, ctx, "cpam")
        cpam["css"] = {"monthly_participation": args["monthly_amount"],
                       "start_date": args["start_date"]}
        await ctx.records.put(ctx.citizen_id, "cpam", cpam, conn=conn)
    else:
        caf = await ctx.records.get(ctx.citizen_id, "caf", conn=conn) or {
            "allocataire": None, "household_adults": 1, "children": [], "benefits": []}
        benefits = list(caf.get("benefits") or [])
        name = benefit.replace("-", "_")
        if name not in benefits:
            benefits.append(name)
        caf["benefits"] = benefits
        await ctx.records.put(ctx.citizen_id, "caf", caf, conn=conn)
    return {"granted": benefit, "monthly_amount": args["monthly_amount"],
            "start_date": args["start_date"]}


async def _reject(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"refused": ctx.procedure.id, "reasons": args["reasons"]}


async def _adjust_tax(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    dgfip = await _record(conn, ctx, "dgfip")
    due = dict(dgfip.get("tax_due") or {})
    previous = due.get(str(args["year"]))
    due[str(args["year"])] = args["new_amount"]
    dgfip["tax_due"] = due
    await ctx.records.put(ctx.citizen_id, "dgfip", dgfip, conn=conn)
    return {"year": args["year"], "previous": previous, "new_amount": args["new_amount"]}


async def _disclose(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    await _record(conn, ctx, args["source"])
    return {"sent": args["source"], "document": reference(ctx, "TRS", args)}


async def _handoff(conn: Conn, ctx: ToolContext, args: dict[str, Any]) -> dict[str, Any]:
    return {"team": args["team"]}


IMPLS: dict[str, Impl] = {
    "issue_document": _issue_document,
    "update_contact": _update_contact,
    "register": _register,
    "book_appointment": _book,
    "create_ticket": _ticket,
    "grant_benefit": _grant,
    "reject_demand": _reject,
    "adjust_tax": _adjust_tax,
    "disclose_record": _disclose,
    "handoff": _handoff,
}


def check_allowed(ctx: ToolContext, effect: str) -> None:
    if effect not in ALWAYS_ALLOWED and effect not in ctx.procedure.effects:
        raise AccessRefused(
            f"l'effet {effect} n'est pas prévu pour la démarche {ctx.procedure.id} "
            f"(effets prévus : {', '.join(ctx.procedure.effects) or 'aucun'})"
        )


async def run_effect(ctx: ToolContext, effect: str, raw_args: dict[str, Any]) -> dict[str, Any]:
    """Run one effect exactly once (by idempotency key); the result as shown to the model."""
    check_allowed(ctx, effect)
    args = validate_args(effect, raw_args)
    key = idem_key(ctx, effect, args)
    sensitive = ctx.catalogue.is_sensitive(effect)
    async with connection(ctx.pool) as conn, conn.transaction():
        if sensitive:
            await _require_approval(conn, ctx, effect, args)
        cur = await conn.execute(
            "select result from effects where idem_key = %s for update", (key,)
        )
        done = await cur.fetchone()
        if done is not None:
            return {**done["result"], "already_done": True}
        # Placeholders are restored only here, inside the tool, for the world's records.
        world_args = restore_value(args, ctx.placeholders)
        result = await IMPLS[effect](conn, ctx, world_args)
        await conn.execute(
            "insert into effects (case_id, idem_key, procedure, effect, args, result,"
            " approval_id) values (%s, %s, %s, %s, %s::jsonb, %s::jsonb, %s)",
            (ctx.case_id, key, ctx.procedure.id, effect, canonical(args),
             json.dumps(result, ensure_ascii=False), ctx.approval_id),
        )
        await audit.append(conn, case_id=ctx.case_id, actor=ctx.actor, kind="effect",
                           data={"effect": effect, "procedure": ctx.procedure.id,
                                 "args": args, "result": result,
                                 "approval_id": str(ctx.approval_id or "")})
    metrics.EFFECTS.labels(effect).inc()
    return result
