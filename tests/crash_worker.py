"""A queue worker that stalls in the middle of a case's effects, to be killed by a test.

Run as `python -m tests.crash_worker`; it writes `stalled` on stdout when it holds an effect's
transaction open after the first effects of the case have committed.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from guichet.db import Conn
from guichet.services import open_services
from guichet.settings import Settings
from tools.records import RecordsConnector

STALL_ON_WRITE = 3


class StallingRecords:
    """Delegates to the real connector; the Nth write never returns."""

    def __init__(self, inner: RecordsConnector) -> None:
        self.inner = inner
        self.writes = 0

    async def get(self, citizen_id: str, source: str, *, conn: Conn | None = None
                  ) -> dict[str, Any] | None:
        return await self.inner.get(citizen_id, source, conn=conn)

    async def put(self, citizen_id: str, source: str, data: dict[str, Any], *,
                  conn: Conn | None = None) -> None:
        self.writes += 1
        if self.writes == STALL_ON_WRITE:
            print("stalled", flush=True)
            await asyncio.sleep(3600)
        await self.inner.put(citizen_id, source, data, conn=conn)


async def main() -> None:
    settings = Settings()
    async with open_services(settings) as services:
        services.records = StallingRecords(services.records)
        await services.run_worker(concurrency=1, name="doomed")


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
