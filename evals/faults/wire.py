"""The OpenAI chat-completions wire format to and from LangChain messages."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage, convert_to_messages


def _is_json(text: Any) -> bool:
    if not isinstance(text, str):
        return True
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def request_messages(body: dict[str, Any]) -> list[BaseMessage]:
    """The request's messages as LangChain messages.

    The wire format has no tool-message status; the case graph answers a refused or failed
    tool call with plain text and a successful one with JSON, so a tool message that is not
    JSON is marked as an error, as the offline model expects.
    """
    messages = convert_to_messages(body.get("messages") or [])
    out: list[BaseMessage] = []
    for m in messages:
        if isinstance(m, ToolMessage) and not _is_json(m.content):
            m = m.model_copy(update={"status": "error"})
        out.append(m)
    return out


def request_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The tools offered, in OpenAI's function format."""
    return [t for t in body.get("tools") or [] if isinstance(t, dict) and t.get("function")]


def completion(reply: AIMessage, *, model: str) -> dict[str, Any]:
    """A `chat.completion` object holding the reply and its tool calls."""
    message: dict[str, Any] = {"role": "assistant",
                               "content": reply.content if isinstance(reply.content, str)
                               else json.dumps(reply.content, ensure_ascii=False)}
    calls = [{"id": c.get("id") or f"call_{uuid.uuid4().hex[:16]}", "type": "function",
              "function": {"name": c["name"],
                           "arguments": json.dumps(c["args"], ensure_ascii=False)}}
             for c in reply.tool_calls]
    if calls:
        message["tool_calls"] = calls
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion",
        "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": message,
                     "finish_reason": "tool_calls" if calls else "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
