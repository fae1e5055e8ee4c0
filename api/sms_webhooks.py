"""The SMS provider's webhooks: inbound text messages and delivery reports.

Neither carries a user's token: the provider proves itself with a shared secret in a header
(settings `GUICHET_SMS_WEBHOOK_SECRET`, `GUICHET_SMS_WEBHOOK_HEADER`). With no secret set,
both routes answer 404, as if they did not exist.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.deps import ServicesDep
from api.ratelimit import LIMITED, hit
from guichet import sms_inbound
from guichet.errors import NotFound
from tools import notices, notify, sms

router = APIRouter(prefix="/v1/inbound/sms", tags=["sms provider"])


class Unauthorized(Exception):
    pass


def _clean(value: str) -> str:
    # Postgres text refuses NUL, UTF-8 refuses lone surrogates: refused here, with the field.
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains characters that are not valid Unicode") from None
    return value


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    @field_validator("*", mode="after")
    @classmethod
    def _valid_text(cls, value: object) -> object:
        return _clean(value) if isinstance(value, str) else value


class InboundSms(_Body):
    id: str = Field(min_length=1, max_length=200, description="the provider's message id")
    sender: str = Field(alias="from", min_length=1, max_length=40,
                        description="the sender's number, as the provider writes it")
    text: str = Field(description="the message as the citizen wrote it")


class DeliveryReport(_Body):
    id: str = Field(min_length=1, max_length=200,
                    description="the message id the provider answered when it took the SMS")
    status: notify.DeliveryStatus = Field(description="the provider's delivery status")
    error: str | None = Field(default=None, max_length=500)


async def provider(request: Request, services: ServicesDep) -> None:
    """The provider's secret header, compared in constant time."""
    settings = services.settings
    if settings.sms_webhook_secret is None:
        raise NotFound("not found")
    given = request.headers.get(settings.sms_webhook_header, "")
    if not hmac.compare_digest(given.encode(),
                               settings.sms_webhook_secret.get_secret_value().encode()):
        raise Unauthorized()


Provider = Annotated[None, Depends(provider)]


_OFF: dict[int | str, dict[str, Any]] = {
    404: {"description": "the SMS webhooks are off (no GUICHET_SMS_WEBHOOK_SECRET)"}}


@router.post("", responses={401: {"description": "the secret header is missing or wrong"},
                            **_OFF, **LIMITED})
async def inbound_sms(body: InboundSms, services: ServicesDep, _: Provider) -> JSONResponse:
    """A text from a citizen: threaded into their open case, or a new case; an unknown
    number gets one reply saying how to reach the service."""
    number = sms.normalise(body.sender)
    if number is not None and services.settings.rate_limits_enabled:
        # A number texting in a loop (a machine) fills no case beyond a citizen's budget.
        await hit(services, services.settings.rate_limit_citizen, "sms",
                  sms_inbound.sender_digest(services, number), what="texts from this number")
    try:
        got = await sms_inbound.receive(services, provider_id=body.id, sender=body.sender,
                                        text=body.text)
    except sms.SmsError:
        # The reply to an unknown number did not go: nothing was kept, the provider's
        # retry of this webhook brings the text again.
        return JSONResponse({"detail": "the reply could not be sent; try again later"},
                            status_code=503, headers={"Retry-After": "30"})
    return JSONResponse({"outcome": got.outcome, "case_id": got.case_id,
                         "duplicate": got.duplicate, "replied": got.replied})


@router.post("/status", responses={401: {"description": "the secret header is missing or wrong"},
                                   404: {"description": "no SMS was sent with this id, or the"
                                                        " SMS webhooks are off"}})
async def delivery_report(body: DeliveryReport, services: ServicesDep,
                          _: Provider) -> JSONResponse:
    """The provider's delivery report on an SMS notice, kept on the notice; an undelivered
    notice goes again by email or post, once."""
    got = await notify.record_delivery(services.pool, provider_id=body.id, status=body.status,
                                       error=body.error)
    relayed = await notices.relay_undelivered(services.pool, services.records,
                                              got["notification"])
    return JSONResponse({**got, "relayed": relayed})


def install(app: FastAPI) -> None:
    """401 for a provider call without the right secret."""

    async def unauthorized(_: Request, __: Exception) -> JSONResponse:
        return JSONResponse({"detail": "the provider's secret header is missing or wrong"},
                            status_code=401)

    app.add_exception_handler(Unauthorized, unauthorized)
