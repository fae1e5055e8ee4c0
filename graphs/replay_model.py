"""A chat model that answers with a case's recorded model outputs, in order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from graphs.replay_sandbox import ReplayStop


def recorded_message(data: dict[str, Any], index: int) -> AIMessage:
    """The recorded output of one model call as a message (tool call ids are made anew)."""
    out = data["output"]
    calls = [{"name": c["name"], "args": c["args"], "id": f"call_replay_{index}_{j}",
              "type": "tool_call"} for j, c in enumerate(out.get("tool_calls") or [])]
    invalid = [{"name": c.get("name"), "args": "", "id": f"call_replay_{index}_bad{j}",
                "error": c.get("error"), "type": "invalid_tool_call"}
               for j, c in enumerate(data.get("invalid_tool_calls") or [])]
    return AIMessage(content=out.get("content") or "", tool_calls=calls,
                     invalid_tool_calls=invalid)


class RecordedModel(BaseChatModel):
    """Returns the i-th recorded output at the i-th call, whatever it is sent."""

    outputs: list[dict[str, Any]]
    calls: int = Field(default=0)

    @property
    def _llm_type(self) -> str:
        return "recorded"

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: str | None = None,
                   **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools],
                         tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        if self.calls >= len(self.outputs):
            raise ReplayStop(f"the original case made only {len(self.outputs)} model calls")
        reply = recorded_message(self.outputs[self.calls], self.calls)
        self.calls += 1
        return ChatResult(generations=[ChatGeneration(message=reply)])
