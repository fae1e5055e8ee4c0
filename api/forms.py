"""Server-rendered forms (the console, the citizens' space): their text checked as the API's
bodies are, before any handler reads it."""

from __future__ import annotations

from fastapi import Request
from pydantic_core import PydanticCustomError

from api.schemas import TextCheck
from guichet.errors import InvalidInput

_TEXT_CHECK = TextCheck(blank=True)


async def clean_form(request: Request) -> None:
    """Every text field of a posted form: no NUL character, no lone surrogate (422 naming
    the field). Forms are read as they come (edited arguments have the proposal's own
    names), so the check goes field by field. Files are checked by their own rules."""
    if request.method != "POST":
        return
    for key, value in (await request.form()).multi_items():
        if isinstance(value, str):
            try:
                _TEXT_CHECK(value)
            except PydanticCustomError as exc:
                raise InvalidInput(key, exc.message()) from None
