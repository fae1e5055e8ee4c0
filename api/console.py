"""The officers' console: server-rendered pages and plain forms over the officers' services."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from api.auth import AuthError, Principal
from api.deps import ServicesDep, authenticate, cookie_session, log_out
from api.forms import clean_form
from api.schemas import ApprovalId, CaseId
from guichet import approvals, handoffs, outreach, oversight
from guichet.errors import Conflict, Forbidden, GuichetError, InvalidInput, NotFound
from guichet.services import Services

router = APIRouter(prefix="/console", include_in_schema=False,
                   dependencies=[Depends(clean_form)])
_HERE = Path(__file__).parent
templates = Jinja2Templates(directory=_HERE / "templates")
COOKIE = "guichet_token"

STATUS_FR = {"proposition": "Proposition", "en_construction": "En construction",
             "en_instruction": "En instruction", "accepte": "Accepté", "refuse": "Refusé",
             "sans_suite": "Sans suite"}
DECISION_FR = {"pending": "En attente", "approved": "Validée", "edited": "Modifiée",
               "rejected": "Refusée", "cancelled": "Annulée"}
HOLDER_FR = {"agent": "l'agent automatique", "citizen": "l'usager", "officer": "un agent public"}
NOTICES = {"decided": "Décision enregistrée : le dossier reprend.",
           "taken": "Dossier pris en charge : l'agent automatique n'agit plus.",
           "replied": "Message envoyé à l'usager.", "closed": "Dossier clos, usager informé."}
_DECISIONS: dict[str, approvals.Decision] = {"approve": "approve", "edit": "edit",
                                              "reject": "reject"}
_CLOSINGS: dict[str, handoffs.CloseStatus] = {"accepte": "accepte", "refuse": "refuse",
                                              "sans_suite": "sans_suite"}
templates.env.globals.update(STATUS_FR=STATUS_FR, DECISION_FR=DECISION_FR, HOLDER_FR=HOLDER_FR)
templates.env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False, indent=1)


class _Redirect(Exception):
    pass


def csrf_token(services: Services, token: str) -> str:
    # Bound to the session's token: a form posted from another site cannot know it.
    key = services.settings.signing_secret().encode()
    return hmac.new(key, b"csrf:" + token.encode(), hashlib.sha256).hexdigest()[:32]


async def _session(request: Request, services: Services) -> tuple[Principal, str]:
    found = await cookie_session(request, services, COOKIE)
    if found is None:
        raise _Redirect
    if found[0].role != "officer":
        raise Forbidden("la console est réservée aux agents publics")
    return found


def _page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def french(exc: GuichetError) -> str:
    """Officers read French; the API's English messages stay for API clients."""
    if isinstance(exc, approvals.AlreadyDecided):
        when = f" le {exc.decided_at:%d/%m/%Y à %H:%M}" if exc.decided_at else ""
        return (f"Cette demande a déjà été traitée ({DECISION_FR.get(exc.status, exc.status)}) "
                f"par {exc.decided_by}{when}.")
    if isinstance(exc, InvalidInput):
        if exc.field == "comment":
            return "Un refus doit être motivé : le commentaire est le motif envoyé à l'usager."
        if exc.field.startswith("args"):
            return f"Arguments refusés ({exc.field}) : {exc.reason}"
        return f"Champ {exc.field} invalide : {exc.reason}"
    if isinstance(exc, NotFound):
        return "Introuvable : cette demande ou ce dossier n'existe pas."
    if isinstance(exc, Forbidden):
        return f"Action non autorisée : {exc}"
    return f"Action impossible : {exc}"


def _error(request: Request, exc: GuichetError) -> HTMLResponse:
    status = 422
    for kind, code in ((NotFound, 404), (Forbidden, 403), (Conflict, 409)):
        if isinstance(exc, kind):
            status = code
    return _page(request, "console/error.html", {"message": french(exc)}, status)


Render = Callable[[Principal, str], Awaitable[Response]]


async def _guard(request: Request, services: Services, render: Render) -> Response:
    """Run a page: no session → login; a domain error → an error page with its status."""
    try:
        who, token = await _session(request, services)
        return await render(who, csrf_token(services, token))
    except _Redirect:
        return RedirectResponse("/console/login", status_code=303)
    except GuichetError as exc:
        return _error(request, exc)


def _check_csrf(services: Services, request: Request, given: str) -> None:
    token = request.cookies.get(COOKIE) or ""
    if not hmac.compare_digest(csrf_token(services, token), given):
        raise Forbidden("formulaire expiré ou d'une autre origine : rechargez la page")


def _authority(who: Principal) -> str:
    assert who.authority is not None  # officers' tokens always name one
    return who.authority


@router.get("/static/console.css")
async def stylesheet() -> FileResponse:
    return FileResponse(_HERE / "static" / "console.css", media_type="text/css")


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    """The login form. A token never travels in the address (it would land in proxies',
    browsers' and servers' logs and history): a `?token=` is refused, and not read."""
    if "token" in request.query_params:
        return _page(request, "console/login.html",
                     {"error": "Le jeton ne passe pas dans l'adresse : collez-le dans le "
                               "formulaire."}, 400)
    return _page(request, "console/login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
async def login_form(request: Request, services: ServicesDep,
                     token: Annotated[str, Form(max_length=4000)]) -> Response:
    return await _login(request, services, token.strip())


async def _login(request: Request, services: Services, token: str) -> Response:
    try:
        who = await authenticate(services, token)
    except AuthError:
        return _page(request, "console/login.html", {"error": "Jeton invalide ou expiré."}, 401)
    if who.role != "officer":
        return _page(request, "console/login.html",
                     {"error": "La console est réservée aux agents publics."}, 403)
    out = RedirectResponse("/console", status_code=303)
    # The cookie lasts as long as the token, not a fixed time that could outlive it.
    out.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/console",
                   secure=services.settings.env == "prod",
                   max_age=max(0, who.exp - int(time.time())))
    return out


@router.post("/logout")
async def logout(request: Request, services: ServicesDep) -> Response:
    """Revoke the session's token (a copy of the cookie is useless afterwards), then forget it."""
    await log_out(services, request.cookies.get(COOKIE))
    out = RedirectResponse("/console/login", status_code=303)
    out.delete_cookie(COOKIE, path="/console")
    return out


@router.get("", response_class=HTMLResponse)
async def home(request: Request, services: ServicesDep, procedure: str | None = None,
               overdue: bool = False) -> Response:
    """The inbox, the handoff queue and the team's figures."""
    async def render(who: Principal, csrf: str) -> Response:
        chosen = procedure if procedure in services.catalogue.procedure_ids else None
        inbox = await approvals.inbox(services, authority=_authority(who), statuses=["pending"],
                                      procedure=chosen, overdue=overdue, limit=200)
        queue = await handoffs.queue(services, authority=_authority(who), officer=who.sub,
                                     state="open", limit=200)
        mine = await handoffs.queue(services, authority=_authority(who), officer=who.sub,
                                    state="mine", limit=200)
        stats = await oversight.approval_stats(
            services, authorities=[_authority(who)],
            thresholds=oversight.Thresholds(quick_s=60, min_decisions=10,
                                            rubber_stamp_rate=0.95, override_rate=0.5))
        procs = [p for p in services.catalogue.procedures if p.authority == who.authority]
        # What the law decided while nobody did (guichet/silence.py): shown, not hidden.
        decided = await approvals.inbox(services, authority=_authority(who),
                                        statuses=["approved"], limit=200)
        implicit = [a for a in decided.items if a.decided_by == "silence"]
        reach = await outreach.figures(services, authority=_authority(who))
        return _page(request, "console/inbox.html", {
            "who": who, "csrf": csrf, "inbox": inbox, "queue": queue, "mine": mine,
            "stats": stats, "procedures": procs, "procedure": chosen, "overdue": overdue,
            "implicit": implicit, "outreach": reach})
    return await _guard(request, services, render)


@router.get("/approvals/{approval_id}", response_class=HTMLResponse)
async def approval_page(request: Request, approval_id: ApprovalId, services: ServicesDep) -> Response:
    async def render(who: Principal, csrf: str) -> Response:
        item = await approvals.detail(services, approval_id, authority=_authority(who),
                                      officer=who.sub)
        return _page(request, "console/approval.html",
                     {"who": who, "csrf": csrf, "a": item, "error": None, "form": {}})
    return await _guard(request, services, render)


def edited_args(original: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """The edit form's fields back into arguments, typed like the proposal's own."""
    out: dict[str, Any] = {}
    for key, value in original.items():
        raw = form.get(f"arg.{key}", "")
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str, list)):
                out[key] = json.loads(raw)
            elif isinstance(value, (int, float)):
                number = float(raw.replace(",", ".").replace(" ", ""))
                out[key] = int(number) if isinstance(value, int) and number.is_integer() else number
            elif isinstance(value, list):
                out[key] = [line.strip() for line in raw.splitlines() if line.strip()]
            else:
                out[key] = raw.strip()
        except ValueError as exc:
            raise InvalidInput(f"args.{key}", "valeur illisible") from exc
    return out


@router.post("/approvals/{approval_id}/decision", response_class=HTMLResponse)
async def decide(request: Request, approval_id: ApprovalId, services: ServicesDep) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}

    async def render(who: Principal, csrf: str) -> Response:
        _check_csrf(services, request, form.get("csrf", ""))
        row = await approvals.scoped_approval(services, approval_id, _authority(who))
        decision = _DECISIONS.get(form.get("decision", ""))
        try:
            if decision is None:
                raise InvalidInput("decision", "valider, modifier ou refuser")
            args = edited_args(row["args"], form) if decision == "edit" else None
            done = await approvals.decide(
                services, approval_id=approval_id, officer=who.sub, authority=_authority(who),
                decision=decision, args=args, comment=form.get("comment"))
        except (InvalidInput, approvals.AlreadyDecided) as exc:
            item = await approvals.detail(services, approval_id, authority=_authority(who),
                                          officer=who.sub)
            return _page(request, "console/approval.html",
                         {"who": who, "csrf": csrf, "a": item, "error": french(exc), "form": form},
                         409 if isinstance(exc, Conflict) else 422)
        return RedirectResponse(f"/console/cases/{quote(done.case_id)}?ok=decided",
                                status_code=303)
    return await _guard(request, services, render)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: CaseId, services: ServicesDep,
                    ok: str | None = None) -> Response:
    async def render(who: Principal, csrf: str) -> Response:
        case = await handoffs.case_file(services, case_id, authority=_authority(who))
        row = await handoffs.scoped_case(services, case_id, _authority(who))
        settled = row["settled_at"] is not None
        # Refreshes itself while the agent works, or while a decision waits to be applied.
        # Other authorities' requests come without their dates (guichet/scope.py).
        applying = any(a.get("decided_at") and a["decided_at"] > row["updated_at"]
                       and a["status"] != "cancelled" for a in case.approvals)
        moving = not settled and not row["taken_by"] and (row["holder"] == "agent" or applying)
        return _page(request, "console/case.html", {
            "who": who, "csrf": csrf, "c": case, "settled": settled, "moving": moving,
            "notice": NOTICES.get(ok or ""), "mine": row["taken_by"] == who.sub})
    return await _guard(request, services, render)


async def _case_action(request: Request, case_id: str, services: Services, action: str) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}

    async def render(who: Principal, csrf: str) -> Response:
        _check_csrf(services, request, form.get("csrf", ""))
        authority = _authority(who)
        if action == "taken":
            await handoffs.takeover(services, case_id, officer=who.sub, authority=authority)
        elif action == "replied":
            await handoffs.reply(services, case_id, officer=who.sub, authority=authority,
                                 text=form.get("text", ""))
        else:
            status = _CLOSINGS.get(form.get("status", ""))
            if status is None:
                raise InvalidInput("status", "accepté, refusé ou sans suite")
            await handoffs.close(services, case_id, officer=who.sub, authority=authority,
                                 status=status, reason=form.get("reason", ""))
        return RedirectResponse(f"/console/cases/{quote(case_id)}?ok={action}", status_code=303)
    return await _guard(request, services, render)


@router.post("/cases/{case_id}/takeover")
async def takeover(request: Request, case_id: CaseId, services: ServicesDep) -> Response:
    return await _case_action(request, case_id, services, "taken")


@router.post("/cases/{case_id}/reply")
async def reply(request: Request, case_id: CaseId, services: ServicesDep) -> Response:
    return await _case_action(request, case_id, services, "replied")


@router.post("/cases/{case_id}/close")
async def close(request: Request, case_id: CaseId, services: ServicesDep) -> Response:
    return await _case_action(request, case_id, services, "closed")
