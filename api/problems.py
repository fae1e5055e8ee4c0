"""Errors as RFC 9457 problem details, one schema for every route, and the OpenAPI statuses.

Every 4xx/5xx body is `application/problem+json` with `type`, `title`, `status` and
`detail`, plus our `field` and `reason` (the first wrong field, for clients that show one
message) and, on validation errors, `errors` (every wrong field). The OpenAPI document lists
each status a route can answer; the ones that follow from how a route is declared (a token,
a role, parameters, a body, the database) are added here, so that a new route cannot forget
them; the ones that follow from the domain (404, 409) are declared on the route.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from pydantic import BaseModel, Field

PROBLEM = "application/problem+json"
_REF = "#/components/schemas/"

# A field name can come from the client (an unknown key of a body): what is echoed back is
# made encodable and short, so that answering a bad request can never fail itself.
_MAX_ECHO = 200


class FieldError(BaseModel):
    field: str = Field(description="where: `text`, `query.offset`, `path.case_id`, `args.iban`")
    reason: str = Field(description="what is wrong with it, in words")


class Problem(BaseModel):
    """An error (RFC 9457 problem details, with `field`, `reason` and `errors` of our own)."""

    type: str = Field(default="about:blank", description="`about:blank`: the status says it all")
    title: str = Field(description="the status's phrase")
    status: int = Field(description="the HTTP status, repeated")
    detail: str = Field(description="what went wrong, for a person")
    field: str | None = Field(default=None, description="the first wrong field, when one is")
    reason: str | None = Field(default=None, description="what is wrong with that field")
    errors: list[FieldError] | None = Field(default=None,
                                            description="validation errors: every wrong field")


def echo(text: str) -> str:
    """Client-given text made safe to send back: valid UTF-8, bounded."""
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return safe if len(safe) <= _MAX_ECHO else safe[:_MAX_ECHO] + "…"


def problem(status: int, detail: str, *, field: str | None = None, reason: str | None = None,
            errors: list[FieldError] | None = None,
            headers: Mapping[str, str] | None = None) -> JSONResponse:
    if errors is None and field is not None and reason is not None:
        errors = [FieldError(field=echo(field), reason=echo(reason))]
    body = Problem(title=HTTPStatus(status).phrase, status=status, detail=echo(detail),
                   field=None if field is None else echo(field),
                   reason=None if reason is None else echo(reason), errors=errors)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status,
                        media_type=PROBLEM, headers=dict(headers) if headers else None)


def _entry(status: int, schema: str = "Problem") -> dict[str, Any]:
    return {"description": HTTPStatus(status).phrase,
            "content": {PROBLEM: {"schema": {"$ref": _REF + schema}}}}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route: the domain's statuses it answers with a problem body."""
    return {s: _entry(s) for s in statuses}


# What a route answers follows from its dependencies; named here by their functions' names so
# that this module need not import the routers (it sits below them).
_AUTHENTICATED = {"get_principal"}
_ROLE_CHECKED = {"require_citizen", "require_officer", "require_auditor"}
_DATABASE = {"get_services"}


def _calls(dependant: Dependant) -> Iterator[str]:
    for dep in dependant.dependencies:
        if dep.call is not None:
            yield getattr(dep.call, "__name__", "")
        yield from _calls(dep)


def _params(dependant: Dependant) -> Iterator[str]:
    for kind in ("query", "header", "cookie"):
        if getattr(dependant, f"{kind}_params"):
            yield kind
    if dependant.path_params:
        yield "path"
    if dependant.body_params:
        yield "body"
    for dep in dependant.dependencies:
        yield from _params(dep)


def implied(route: APIRoute | RouteContext) -> set[int]:
    """The statuses a route answers because of how it is declared."""
    calls, params = set(_calls(route.dependant)), set(_params(route.dependant))
    out: set[int] = set()
    if calls & _AUTHENTICATED:
        out.add(401)
    if calls & _ROLE_CHECKED:
        out.add(403)
    if params & {"query", "header", "cookie", "body"}:
        out.add(422)
    if "path" in params:
        out.add(404)  # an id that is not one names no resource
    if "body" in params:
        out |= {400, 413, 415}  # undecodable, too large, not JSON
    if calls & _DATABASE:
        out.add(503)
    return out


def install_openapi(app: FastAPI, extra: Callable[[RouteContext], set[int]] | None = None,
                    schemas: dict[str, Any] | None = None) -> None:
    """Replace the app's OpenAPI document by one where every error is a documented problem;
    `schemas`: components that types refer to by name (a recursive one, say)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description,
                          routes=app.routes)
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        components.update(schemas or {})
        for model in (FieldError, Problem):
            components[model.__name__] = model.model_json_schema(ref_template=_REF + "{model}")
        # Routers are included as they are (not copied route by route): walk their routes.
        for route in iter_route_contexts(app.routes):
            if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
                continue
            statuses = implied(route) | (extra(route) if extra else set())
            for method in route.methods or ():
                operation = doc["paths"][route.path_format].get(method.lower())
                if operation is None:
                    continue
                documented = operation.setdefault("responses", {})
                # FastAPI's own 422 describes its default body, which we never send, and is
                # there for a path parameter too, which answers 404 here.
                if "HTTPValidationError" in str(documented.get("422", "")):
                    del documented["422"]
                for status in sorted(statuses):
                    documented.setdefault(str(status), _entry(status))
        for unused in ("HTTPValidationError", "ValidationError"):
            if unused not in str(doc["paths"]):
                components.pop(unused, None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
