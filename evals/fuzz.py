"""Fuzzing the HTTP API from its own OpenAPI document (Schemathesis), as each kind of caller.

Every operation of the document is sent generated requests, valid ones (positive) and
invalid ones (negative), once per identity (a citizen, an officer, an auditor). Two figures
matter: responses 5xx (a request the edge let through to a failure) and schema violations
(an answer the document does not describe: an undocumented status, content type or body, a
valid request refused, an invalid one accepted). `make fuzz` runs it at length against a
server of its own and exits 1 when either is not zero; tests/test_fuzz_api.py runs a short
round in `make test`.

    python -m evals.fuzz [--examples 100] [--max-seconds 900] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import socket
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis.errors import HypothesisDeprecationWarning, HypothesisException, Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response

if TYPE_CHECKING:
    from guichet.settings import Settings

# Negative data refused for its size is refused: 413 is as good an answer as 422 to a
# text over the limit. Everything else is Schemathesis' own defaults.
_CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428",
                     "429", "5xx"]
"""
# Not a schema question: counted from the responses themselves, as `server_errors`.
_SERVER_ERROR_CHECK = "not_a_server_error"
_TIMEOUT_S = 30.0


@dataclass
class FuzzReport:
    requests: int = 0
    server_errors: int = 0
    violations: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    # Requests per run ("METHOD /path as who (mode)"): what was reached.
    tried: Counter[str] = field(default_factory=Counter)
    # The first few of each kind, to start from: "METHOD /path as who: what".
    samples: list[str] = field(default_factory=list)
    generation_errors: list[str] = field(default_factory=list)
    operations: int = 0
    seconds: float = 0.0
    stopped_by_time: bool = False

    @property
    def ok(self) -> bool:
        return self.server_errors == 0 and self.violations == 0 and self.requests > 0

    def lines(self) -> list[str]:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.by_status.items()))
        out = [f"requests: {self.requests} over {self.operations} operations in "
               f"{self.seconds:.0f} s{' (time cap reached)' if self.stopped_by_time else ''}",
               f"responses 5xx: {self.server_errors}",
               f"schema violations: {self.violations}",
               f"statuses: {statuses}"]
        out += [f"  {name}: {n}" for name, n in self.by_check.most_common()]
        out += [f"  e.g. {s}" for s in self.samples]
        out += [f"  generation: {g}" for g in self.generation_errors]
        return out


_MAX_SAMPLES = 20


def _note(report: FuzzReport, text: str) -> None:
    if len(report.samples) < _MAX_SAMPLES:
        report.samples.append(text)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]


def _flat(text: str) -> str:
    return " | ".join(line.strip() for line in text.splitlines() if line.strip())[:600]


@schemathesis.serializer("message/rfc822")
def _raw_mail(_: Any, value: Any) -> bytes | None:
    """The inbound mail webhook takes a raw mail: whatever text or bytes were drawn, as bytes
    (the endpoint must refuse what is no mail with a 4xx, never a 5xx)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


def fuzz(base_url: str, identities: dict[str, str], *, examples: int = 20,
         max_seconds: float = 600.0, seed: int | None = None,
         modes: tuple[GenerationMode, ...] = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE),
         known: dict[str, str] | None = None) -> FuzzReport:
    """Send `examples` generated requests per operation, mode and identity (name → token;
    an empty token sends none). With `known` (path parameter → an id that exists), each
    operation on such ids gets as many again on that id: a drawn id is almost never one,
    and the handler behind the 404 would go untried."""
    config = schemathesis.Config.from_str(_CONFIG)
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", config=config)
    report = FuzzReport()
    started = time.monotonic()
    deadline = started + max_seconds
    session = requests.Session()
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:  # an operation the document describes wrongly is a violation of its own
            report.violations += 1
            report.by_check["invalid_schema"] += 1
            _note(report, f"invalid operation: {_first_line(str(result.err()))}")
    report.operations = len(operations)
    runs: list[tuple[Any, str, str, GenerationMode, dict[str, str] | None]] = []
    for operation in operations:
        names = re.findall(r"{(\w+)}", operation.path)
        fixed = {n: known[n] for n in names} if known and names and all(
            n in known for n in names) else None
        for who, token in identities.items():
            for mode in modes:
                runs.append((operation, who, token, mode, None))
                if fixed:
                    runs.append((operation, who, token, mode, fixed))
    # Logging out revokes the token it is called with: the identities' own logouts go last,
    # or every operation after them would only ever see a 401.
    runs.sort(key=lambda run: run[0].path == "/v1/auth/logout")
    for operation, who, token, mode, path in runs:
        if time.monotonic() > deadline:
            report.stopped_by_time = True
            break
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        label = f"{operation.label} as {who} ({mode.value}{', known ids' if path else ''})"
        # The identity is fixed, not drawn: a negative case never "removes" the token that
        # the call then sends anyway.
        strategy = operation.as_strategy(generation_mode=mode, headers=headers,
                                         path_parameters=path)
        probe = _probe(report, strategy, base_url, session, headers, label, deadline,
                       examples, seed, stream=operation.path.endswith("/events"))
        try:
            with warnings.catch_warnings():
                # Schemathesis' own strategies draw from `random`; not ours to fix.
                warnings.simplefilter("ignore", HypothesisDeprecationWarning)
                probe()
        except Unsatisfiable:
            pass  # nothing to make invalid: an operation without parameters
        except HypothesisException as exc:  # could not generate: say so, go on
            inner = [f"{type(e).__name__}: {_first_line(str(e))}"
                     for e in getattr(exc, "exceptions", ())]
            report.generation_errors.append(f"{label}: {_first_line(str(exc))} {inner}")
    report.seconds = time.monotonic() - started
    return report


def _probe(report: FuzzReport, strategy: Any, base_url: str, session: requests.Session,
           headers: dict[str, str], label: str, deadline: float, examples: int,
           seed: int | None, *, stream: bool = False) -> Callable[[], None]:
    """`stream`: the operation answers a stream that does not end (Server-Sent Events): its
    2xx is read up to its headers and closed; its refusals are read and checked whole."""
    # Generation only: a failure is counted, never raised, so Hypothesis neither stops at
    # the first one nor spends requests shrinking it.
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
              derandomize=seed is not None)
    @given(case=strategy)
    def probe(case: Any) -> None:
        if time.monotonic() > deadline:
            return
        try:
            if stream:
                # Sent by hand with stream=True: the case's own call reads the body, which
                # an open event stream never ends. A 2xx is judged by its headers.
                sent = session.request(**case.as_transport_kwargs(base_url=base_url,
                                                                  headers=headers),
                                       stream=True, timeout=_TIMEOUT_S)
                if sent.status_code < 300:
                    kind = sent.headers.get("content-type", "")
                    sent.close()
                    report.requests += 1
                    report.tried[label] += 1
                    report.by_status[sent.status_code] += 1
                    if not kind.startswith("text/event-stream"):
                        report.violations += 1
                        report.by_check["stream_media_type"] += 1
                        _note(report, f"{label}: a 2xx that is no event stream ({kind})")
                    return
                response = Response.from_requests(sent, verify=True)
            else:
                response = case.call(base_url=base_url, session=session, headers=headers,
                                     timeout=_TIMEOUT_S)
        except requests.RequestException as exc:
            # A reset connection or a timeout is a server failure as much as a 500.
            report.requests += 1
            report.server_errors += 1
            _note(report, f"{label}: no answer ({type(exc).__name__})")
            return
        except Exception as exc:  # a case that cannot be sent as drawn (not the server's)
            report.generation_errors.append(f"{label}: {type(exc).__name__}: "
                                            f"{_first_line(str(exc))}")
            return
        report.requests += 1
        report.tried[label] += 1
        report.by_status[response.status_code] += 1
        if response.status_code >= 500:
            report.server_errors += 1
            _note(report, f"{label}: {response.status_code} {_first_line(response.text)}")
        try:
            case.validate_response(response, headers=headers,
                                   transport_kwargs={"base_url": base_url, "session": session,
                                                     "headers": headers})
        except FailureGroup as group:
            _count(report, label, response.status_code, list(group.exceptions))
        except Failure as failure:
            _count(report, label, response.status_code, [failure])
        except Exception as exc:  # a check that could not run: the driver's fault, said
            report.generation_errors.append(f"{label}: {type(exc).__name__}: "
                                            f"{_first_line(str(exc))}")

    return probe


def _count(report: FuzzReport, label: str, status: int, failures: list[Failure]) -> None:
    for failure in failures:
        name = failure.checks[0] if failure.checks else type(failure).__name__
        if name == _SERVER_ERROR_CHECK:
            continue
        report.violations += 1
        report.by_check[name] += 1
        key = f"{label}: {status} {name}"
        if not any(sample.startswith(key) for sample in report.samples):
            _note(report, f"{key}: {_flat(failure.message)}")


# --- a server of its own -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """The app on a real socket of this event loop (keep-alive, chunked bodies: what a
    client meets), for as long as the block runs."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           access_log=False, lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("the fuzzing server stopped at start")
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


_SETTLED = ("accepte", "refuse", "sans_suite")
_DEMAND = "Bonjour, le lampadaire devant le 12 rue Foch est en panne depuis une semaine."


def known_case(base_url: str, citizen_token: str, *, wait_s: float = 60.0) -> str:
    """A case of the citizen's, run until it waits for someone or is settled: an id that
    exists, for the operations on a case."""
    headers = {"Authorization": f"Bearer {citizen_token}"}
    r = requests.post(f"{base_url}/v1/cases", json={"text": _DEMAND}, headers=headers,
                      timeout=_TIMEOUT_S)
    r.raise_for_status()
    case_id = str(r.json()["id"])
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        case = requests.get(f"{base_url}/v1/cases/{case_id}", headers=headers,
                            timeout=_TIMEOUT_S).json()
        if case["holder"] != "agent" or case["status"] in _SETTLED:
            break
        time.sleep(0.2)
    return case_id


def _fuzz_served(base_url: str, identities: dict[str, str], args: argparse.Namespace
                 ) -> FuzzReport:
    known = {"case_id": known_case(base_url, identities["citizen"])}
    return fuzz(base_url, identities, examples=args.examples, max_seconds=args.max_seconds,
                seed=args.seed, known=known)


async def _run(args: argparse.Namespace) -> FuzzReport:
    import secrets

    from guichet import db, logs
    from guichet.seeding import drop_database
    from guichet.settings import Settings

    logs.configure(fmt="json")
    data_dir = Path(tempfile.mkdtemp(prefix="guichet-fuzz-"))
    # A world of its own, where the cases fuzzing submits pile up and nowhere else: the
    # embedded Postgres in a fresh folder, or a fresh database on DATABASE_URL's server.
    # The write limits would answer most writes 429 within a minute (tests/test_rate_limits.py
    # is where they are tried): off, so that the handlers behind them are fuzzed.
    settings = Settings(env="dev", data_dir=data_dir, jwt_secret=secrets.token_hex(32),
                        rate_limits_enabled=False)
    admin, own = settings.database_url, f"fuzz_{secrets.token_hex(6)}"
    if admin:
        db.ensure_database(admin, own)
        settings = settings.model_copy(update={"database_url": db.with_database(admin, own)})
    try:
        return await _serve_and_fuzz(settings, args)
    finally:
        if admin:
            drop_database(admin, own)


async def _serve_and_fuzz(settings: Settings, args: argparse.Namespace) -> FuzzReport:
    from api.app import create_app
    from api.auth import mint
    from guichet.db import connection
    from guichet.seeding import ensure_seeded
    from guichet.services import open_services

    await ensure_seeded(settings)
    async with open_services(settings) as services:
        async with connection(services.pool) as conn:
            cur = await conn.execute("select id from citizens order by id limit 1")
            row = await cur.fetchone()
        assert row is not None, "the seeded world has no citizen"
        secret = settings.signing_secret()
        identities = {"anonymous": "",
                      "citizen": mint(secret, role="citizen", sub=str(row["id"])),
                      "officer": mint(secret, role="officer", sub="o-fuzz", authority="caf"),
                      "auditor": mint(secret, role="auditor", sub="fuzz")}
        # One worker, as `guichet serve` has: readiness needs one, and the cases fuzzing
        # submits are run as any others.
        app = create_app(settings, services=services, workers=1)
        async with serving(app) as base_url:
            return await asyncio.to_thread(_fuzz_served, base_url, identities, args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=100,
                        help="generated requests per operation, mode and identity")
    parser.add_argument("--max-seconds", type=float, default=1800.0, help="time cap")
    parser.add_argument("--seed", type=int, default=None, help="derandomize generation")
    parser.add_argument("--min-requests", type=int, default=10_000,
                        help="fail when fewer requests were sent (a run cut short)")
    args = parser.parse_args(argv)
    report = asyncio.run(_run(args))
    for line in report.lines():
        print(line)
    if report.requests < args.min_requests:
        print(f"FAIL: {report.requests} requests, fewer than {args.min_requests}")
        return 1
    if not report.ok:
        print("FAIL: responses 5xx or schema violations")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

