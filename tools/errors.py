"""Errors raised by tools; the graph's tool node alone decides what the model sees of them.

    ToolError
    ├── ToolInputError      bad or unknown arguments: the model may retry
    ├── AccessRefused       outside the case's purpose or citizen: refused and audited
    ├── ApprovalRequired    a sensitive effect without a recorded human approval
    └── RecordMissing       the citizen is unknown to that administration
"""

from __future__ import annotations


class ToolError(Exception):
    """A tool could not do what was asked; the message is written for the model."""


class ToolInputError(ToolError):
    pass


class AccessRefused(ToolError):
    pass


class ApprovalRequired(ToolError):
    pass


class RecordMissing(ToolError):
    pass
