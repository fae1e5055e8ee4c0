"""Domain errors of the service, mapped to HTTP only in api/.

    GuichetError
    ├── NotFound        no such case (or not yours: the same answer, on purpose)
    ├── Conflict        the case or request is not in a state that allows this
    ├── Forbidden       your role or authority does not allow this
    ├── InvalidInput    a field is wrong: carries the field and the reason
    │   └── TooLarge    a text over the size limit
    └── RateLimited     too many writes in a window: carries the seconds to wait
"""

from __future__ import annotations


class GuichetError(Exception):
    pass


class NotFound(GuichetError):
    pass


class Conflict(GuichetError):
    pass


class Forbidden(GuichetError):
    pass


class InvalidInput(GuichetError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class TooLarge(InvalidInput):
    pass


class RateLimited(GuichetError):
    def __init__(self, retry_after_s: int, detail: str = "too many requests") -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s
        self.detail = detail
