"""The citizens' web space: server-rendered French pages under /espace, usable without
JavaScript; with it, a case page follows the case's events and updates itself.

The session is a guichet citizen token (api/auth.py) in an httponly cookie scoped to
/espace, so it reaches the space's own event stream (below) and nothing else: the console's
and audit pages' cookies keep their paths. Forms carry a token bound to the session (CSRF).
Signing in and out is api/espace_signin.py.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Header, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.sse import EventSourceResponse, ServerSentEvent
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as FormFile

from api.auth import AuthError, Principal
from api.console import DECISION_FR, HOLDER_FR, STATUS_FR, csrf_token
from api.deps import ServicesDep, authenticate, cookie_session
from api.events import _follow, _start
from api.forms import clean_form
from api.ratelimit import limit_page_write
from api.schemas import CaseId
from guichet import cases, citizen_identity
from guichet.errors import (
    Conflict,
    Forbidden,
    GuichetError,
    InvalidInput,
    NotFound,
    RateLimited,
    TooLarge,
)
from guichet.services import Services
from guichet.store import attachments

router = APIRouter(prefix="/espace", include_in_schema=False,
                   dependencies=[Depends(clean_form)])
_HERE = Path(__file__).parent
templates = Jinja2Templates(directory=_HERE / "templates")
COOKIE = "guichet_espace"
HUMAN_REQUEST = "Je souhaite parler à un agent public plutôt qu'à l'agent automatique."
NOTICES = {"envoye": "Votre demande est enregistrée. L'agent automatique l'examine.",
           "repondu": "Votre réponse est envoyée.",
           "retire": "Votre demande est retirée : le dossier est clos sans suite.",
           "agent": "Votre demande de contact avec un agent public est envoyée."}
templates.env.globals.update(STATUS_FR=STATUS_FR, DECISION_FR=DECISION_FR, HOLDER_FR=HOLDER_FR)
templates.env.filters["date_fr"] = lambda d: f"{d:%d/%m/%Y à %H:%M}" if d else ""


class _Redirect(Exception):
    pass


def _page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, f"espace/{name}", ctx, status_code=status)


async def _session(request: Request, services: Services) -> tuple[Principal, str]:
    found = await cookie_session(request, services, COOKIE)
    if found is None:
        raise _Redirect
    if found[0].role != "citizen":
        raise Forbidden("l'espace est réservé aux usagers")
    return found


def french(exc: GuichetError) -> tuple[str, str]:
    """What went wrong and what to do about it, in French (RGAA: errors with a suggestion)."""
    if isinstance(exc, TooLarge):
        return (f"Votre message est trop long ({exc.reason}).",
                "Raccourcissez-le, ou envoyez les détails en pièce jointe.")
    if isinstance(exc, InvalidInput):
        if exc.field.startswith("attachments"):
            return (f"Une pièce jointe est refusée : {exc.reason}.",
                    "Envoyez des fichiers PDF, JPEG, PNG ou texte, non vides, de 5 Mo au plus "
                    "chacun et 5 au plus.")
        if exc.field == "text":
            return ("Votre message est vide ou illisible.",
                    "Décrivez votre démarche en quelques phrases, par exemple : « Je déménage au "
                    "14 avenue Jean Jaurès, 69007 Lyon ».")
        return f"Champ {exc.field} invalide : {exc.reason}.", "Corrigez-le puis renvoyez."
    if isinstance(exc, NotFound):
        return "Ce dossier est introuvable.", "Retournez à la liste de vos dossiers."
    if isinstance(exc, Conflict):
        return "Ce dossier est clos : il ne peut plus changer.", \
            "Pour une nouvelle démarche, déposez une nouvelle demande."
    if isinstance(exc, Forbidden):
        return f"Accès refusé : {exc}.", "Connectez-vous avec votre compte d'usager."
    return f"Action impossible : {exc}.", "Réessayez dans un instant."


def _error(request: Request, exc: GuichetError, who: Principal | None = None) -> HTMLResponse:
    if isinstance(exc, RateLimited):
        out = _page(request, "erreur.html", {
            "message": "Trop d'envois en peu de temps : celui-ci n'est pas enregistré.",
            "hint": f"Réessayez dans {exc.retry_after_s} secondes.", "who": who}, 429)
        out.headers["Retry-After"] = str(exc.retry_after_s)
        return out
    status = 422
    for kind, code in ((NotFound, 404), (Forbidden, 403), (Conflict, 409), (TooLarge, 413)):
        if isinstance(exc, kind):
            status = code
    message, hint = french(exc)
    return _page(request, "erreur.html", {"message": message, "hint": hint, "who": who},
                 status)


Render = Callable[[Principal, str], Awaitable[Response]]


async def _guard(request: Request, services: Services, render: Render) -> Response:
    """Run a page: no session → sign-in; a domain error → an error page with its status."""
    who: Principal | None = None
    try:
        who, token = await _session(request, services)
        return await render(who, csrf_token(services, token))
    except _Redirect:
        return RedirectResponse("/espace/connexion", status_code=303)
    except GuichetError as exc:
        return _error(request, exc, who)


def _check_csrf(services: Services, request: Request, given: str) -> None:
    token = request.cookies.get(COOKIE) or ""
    if not given or not hmac.compare_digest(csrf_token(services, token), given):
        raise Forbidden("formulaire expiré ou d'une autre origine : rechargez la page")


def _text(value: str) -> str:
    # Postgres text refuses NUL; lone surrogates do not encode: refused here, named.
    if "\x00" in value:
        raise InvalidInput("text", "contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("text", "not valid text") from None
    return value


async def _files(services: Services, uploads: Sequence[FormFile]) -> list[attachments.Checked]:
    settings = services.settings
    incoming = []
    for f in uploads:
        # A file input left empty still posts one nameless, empty part: not a file.
        data = await f.read(settings.attachment_max_bytes + 1)
        if not f.filename and not data:
            continue
        incoming.append(attachments.Incoming(filename=f.filename or "", data=data))
    return attachments.check(incoming, max_bytes=settings.attachment_max_bytes,
                             max_files=settings.attachment_max_files)


# --- static files -----------------------------------------------------------------------

@router.get("/static/espace.css")
async def stylesheet() -> FileResponse:
    return FileResponse(_HERE / "static" / "espace.css", media_type="text/css")


@router.get("/static/espace.js")
async def script() -> FileResponse:
    return FileResponse(_HERE / "static" / "espace.js", media_type="text/javascript")


# --- cases ------------------------------------------------------------------------------

@router.get("/dossiers", response_class=HTMLResponse)
async def my_cases(request: Request, services: ServicesDep) -> Response:
    async def render(who: Principal, csrf: str) -> Response:
        rows = await cases.list_cases(services, who.sub, limit=100)
        name = await citizen_identity.display_name(services, who.sub)
        return _page(request, "dossiers.html", {"who": who, "name": name, "csrf": csrf,
                                                "cases": rows, "titles": _titles(services)})
    return await _guard(request, services, render)


def _titles(services: Services) -> dict[str, str]:
    return {p.id: p.label for p in services.catalogue.procedures}


@router.get("/dossiers/nouveau", response_class=HTMLResponse)
async def new_case_page(request: Request, services: ServicesDep) -> Response:
    async def render(who: Principal, csrf: str) -> Response:
        return _new_form(request, services, who, csrf, None, "")
    return await _guard(request, services, render)


def _new_form(request: Request, services: Services, who: Principal, csrf: str,
              error: GuichetError | None, text: str) -> HTMLResponse:
    message, hint = french(error) if error else (None, None)
    field = error.field if isinstance(error, InvalidInput | TooLarge) else None
    status = 413 if isinstance(error, TooLarge) else 422 if error else 200
    return _page(request, "nouveau.html", {
        "who": who, "csrf": csrf, "error": message, "hint": hint, "text": text,
        "error_field": "attachments" if field and field.startswith("attachments") else field,
        "max_files": services.settings.attachment_max_files,
        "max_mb": services.settings.attachment_max_bytes // (1024 * 1024)}, status)


@router.post("/dossiers", response_class=HTMLResponse)
async def submit(request: Request, services: ServicesDep,
                 text: Annotated[str, Form(max_length=100_000)] = "",
                 csrf: Annotated[str, Form(max_length=100)] = "",
                 pieces: Annotated[list[UploadFile] | None, Form()] = None) -> Response:
    async def render(who: Principal, fresh_csrf: str) -> Response:
        _check_csrf(services, request, csrf)
        await limit_page_write(request, services, who)
        try:
            files = await _files(services, pieces or [])
            case_id = await cases.create_case(services, citizen_id=who.sub, text=_text(text),
                                              channel="web", attachments=files)
        except (InvalidInput, TooLarge) as exc:
            return _new_form(request, services, who, fresh_csrf, exc, text)
        return RedirectResponse(f"/espace/dossiers/{quote(case_id)}?ok=envoye",
                                status_code=303)
    return await _guard(request, services, render)


@router.get("/dossiers/{case_id}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: str, services: ServicesDep,
                    ok: str | None = None) -> Response:
    async def render(who: Principal, csrf: str) -> Response:
        return await _case(request, services, who, csrf, case_id, notice=NOTICES.get(ok or ""))
    return await _guard(request, services, render)


async def _case(request: Request, services: Services, who: Principal, csrf: str, case_id: str,
                *, notice: str | None = None, error: GuichetError | None = None,
                answer: str = "") -> HTMLResponse:
    row = await cases.owned_case(services, case_id, who.sub)
    view = await cases.case_view(services, row)
    files = await cases.attachments_of(services, case_id)
    message, hint = french(error) if error else (None, None)
    cat = services.catalogue
    settled = row["settled_at"] is not None
    return _page(request, "dossier.html", {
        "who": who, "csrf": csrf, "c": view, "settled": settled, "notice": notice,
        "files": files, "titles": _titles(services), "timeline": _timeline(view),
        "question": _question(view) if view["holder"] == "citizen" and not settled else None,
        "error": message, "hint": hint, "answer": answer,
        "algorithm_notice": cat.algorithm_notice, "appeal": cat.appeal,
        "human_contact": cat.human_contact,
        "decided": [d for d in view["decisions"] if d["status"] != "pending"] or settled,
    }, 422 if error else 200)


def _timeline(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Messages and letters in the order they happened: one conversation."""
    items = [{"at": m["created_at"], "who": m["author"], "channel": m["channel"],
              "body": m["body"], "kind": "message"} for m in view["messages"]]
    items += [{"at": n["created_at"], "who": "letter", "channel": n["channel"],
               "subject": n["subject"], "body": n["body"], "kind": n["kind"]}
              for n in view["notifications"]]
    return sorted(items, key=lambda i: i["at"])


def _question(view: dict[str, Any]) -> str | None:
    asked = [m["body"] for m in view["messages"] if m["author"] == "agent"]
    return asked[-1] if asked else None


async def _case_write(request: Request, services: Services, case_id: str,
                      act: Callable[[Principal, FormData], Awaitable[str]]) -> Response:
    form = await request.form()

    async def render(who: Principal, csrf: str) -> Response:
        _check_csrf(services, request, str(form.get("csrf") or ""))
        await limit_page_write(request, services, who)
        try:
            done = await act(who, form)
        except (InvalidInput, TooLarge) as exc:
            return await _case(request, services, who, csrf, case_id, error=exc,
                               answer=str(form.get("text") or ""))
        return RedirectResponse(f"/espace/dossiers/{quote(case_id)}?ok={done}#conversation",
                                status_code=303)
    return await _guard(request, services, render)


@router.post("/dossiers/{case_id}/reponse", response_class=HTMLResponse)
async def answer(request: Request, case_id: str, services: ServicesDep) -> Response:
    async def act(who: Principal, form: FormData) -> str:
        # Starlette's own UploadFile: the form parser does not make FastAPI's subclass.
        uploads = [v for v in form.getlist("pieces") if isinstance(v, FormFile)]
        files = await _files(services, uploads)
        await cases.add_message(services, case_id=case_id, citizen_id=who.sub,
                                text=_text(str(form.get("text") or "")), channel="web",
                                attachments=files)
        return "repondu"
    return await _case_write(request, services, case_id, act)


@router.post("/dossiers/{case_id}/retrait", response_class=HTMLResponse)
async def withdraw(request: Request, case_id: str, services: ServicesDep) -> Response:
    async def act(who: Principal, _: FormData) -> str:
        await cases.withdraw(services, case_id=case_id, citizen_id=who.sub)
        return "retire"
    return await _case_write(request, services, case_id, act)


@router.post("/dossiers/{case_id}/agent", response_class=HTMLResponse)
async def ask_for_officer(request: Request, case_id: str, services: ServicesDep) -> Response:
    """Ask for a person: a message in the conversation, in the words the agent hands off on
    (agents/classify.py wants_human), so it reaches every channel's agent the same way."""
    async def act(who: Principal, _: FormData) -> str:
        await cases.add_message(services, case_id=case_id, citizen_id=who.sub,
                                text=HUMAN_REQUEST, channel="web")
        return "agent"
    return await _case_write(request, services, case_id, act)


@router.get("/dossiers/{case_id}/pieces/{attachment_id}")
async def attachment(request: Request, case_id: str, attachment_id: int,
                     services: ServicesDep) -> Response:
    async def render(who: Principal, _: str) -> Response:
        await cases.owned_case(services, case_id, who.sub)
        f = await cases.attachment_content(services, case_id, attachment_id)
        if f is None:
            raise NotFound("no such attachment")
        # Served as a download, never rendered in our origin.
        return Response(bytes(f["data"]), media_type=f["content_type"], headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(f['filename'])}",
            "X-Content-Type-Options": "nosniff"})
    return await _guard(request, services, render)


# --- live events ------------------------------------------------------------------------

async def _followed(request: Request, case_id: CaseId, services: ServicesDep,
                    last_event_id: Annotated[str, Header(alias="Last-Event-ID",
                                                         pattern=r"^[0-9]{0,19}$")] = ""
                    ) -> tuple[str, int]:
    """The session's own case and where to resume, checked before the stream opens."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise Forbidden("not signed in to the citizens' space")
    try:
        who = await authenticate(services, token)
    except AuthError as exc:
        raise Forbidden(str(exc)) from exc
    if who.role != "citizen":
        raise Forbidden("the citizens' space is for citizens")
    await cases.owned_case(services, case_id, who.sub)
    return case_id, _start(last_event_id, None)


@router.get("/dossiers/{case_id}/evenements", response_class=EventSourceResponse)
async def events(followed: Annotated[tuple[str, int], Depends(_followed)],
                 services: ServicesDep) -> AsyncIterator[ServerSentEvent]:
    """The case's events for its page, with the session cookie (an EventSource cannot send
    a bearer token): the same stream as GET /v1/cases/{id}/events."""
    case_id, last = followed
    async for event in _follow(services, case_id, last, "citizen"):
        yield event

