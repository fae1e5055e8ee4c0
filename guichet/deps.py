"""What domain operations need from the running service, as a protocol.

The composition root (`guichet.services.Services`) provides it; domain modules depend on
this shape, not on the root, so that they sit below it in the layers (pyproject's
import-linter contracts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from guichet.catalogue import Catalogue
from guichet.db import Pool
from guichet.settings import Settings
from tools.records import RecordsConnector


class Deps(Protocol):
    # Read-only members: a dataclass's fields satisfy them.
    @property
    def settings(self) -> Settings: ...
    @property
    def pool(self) -> Pool: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def records(self) -> RecordsConnector: ...
    @property
    def graph(self) -> Any: ...  # the compiled case graph: its state holds a case's history
    @property
    def now(self) -> Callable[[], datetime]: ...
