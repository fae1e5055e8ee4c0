"""A scripted chat model for tests: replays tool calls, like an LLM that does as it is told."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agents.offline import OfflineModel

Script = Callable[[list[BaseMessage], set[str]], AIMessage | None]


def call(name: str, **args: Any) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}",
            "type": "tool_call"}


class ScriptedModel(BaseChatModel):
    """Answers with `script(messages, tool_names)`; falls back to the offline model on None."""

    script: Any
    fallback: Any = None
    seen: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: str | None = None,
                   **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools],
                         tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        self.seen.append(list(messages))
        names = {t["function"]["name"] for t in kwargs.get("tools") or []}
        reply = self.script(messages, names)
        if reply is None:
            fb = self.fallback or OfflineModel()
            return fb._generate(messages, stop, run_manager, **kwargs)  # type: ignore[no-any-return]
        return ChatResult(generations=[ChatGeneration(message=reply)])
