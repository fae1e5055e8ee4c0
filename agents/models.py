"""The model factory: the built-in offline model by default, or an OpenAI-compatible endpoint."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from agents.offline import OfflineModel
from guichet.catalogue import Catalogue
from guichet.settings import Settings


def make_model(settings: Settings, *, catalogue: Catalogue | None = None) -> BaseChatModel:
    if settings.model == "offline":
        return OfflineModel(catalogue=catalogue)
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    # Temperature and tool choice are always explicit: some sovereign hosts (Albert API)
    # default to a high temperature and to tool_choice "none".
    return ChatOpenAI(
        base_url=settings.openai_base_url,
        model=settings.openai_model or "",
        api_key=settings.openai_api_key or SecretStr("not-needed"),
        temperature=settings.openai_temperature,
        timeout=settings.openai_timeout_s,
        max_retries=2,
    )
