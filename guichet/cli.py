"""The `guichet` command line: serve, worker, token, seed, demo, citizens and the rest."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from guichet import cli_audit, cli_citizens, cli_eval, logs
from guichet.cli_bench import bench
from guichet.cli_common import load_settings
from guichet.cli_faults import faults
from guichet.cli_outreach import outreach
from guichet.cli_scaleout import scaleout

app = typer.Typer(help="guichet: démarches administratives résolues par des agents.",
                  no_args_is_help=True)

# Sub-commands live beside their domain; registered here so `guichet --help` lists them all.
app.add_typer(cli_audit.app, name="audit")
app.command("replay")(cli_audit.replay)
app.command("prune")(cli_audit.prune)
app.command("outreach")(outreach)
app.command(name="bench")(bench)
app.add_typer(cli_eval.app)  # `guichet eval`
app.command("citizens")(cli_citizens.citizens)
app.command(name="faults")(faults)
app.command(name="scaleout")(scaleout)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
    workers: Annotated[int | None, typer.Option(help="in-process queue workers (0: none)")] = None,
) -> None:
    """Run the HTTP API with one in-process worker (embedded Postgres unless DATABASE_URL),
    and the inbound SMTP listener when GUICHET_SMTP_LISTEN=host:port is set."""
    import uvicorn

    from api.app import Alongside, create_app
    from guichet import mail_listen
    from guichet.seeding import ensure_seeded

    settings = load_settings()
    alongside: list[Alongside] = []
    smtp = settings.smtp_listen_address()
    if smtp is not None:
        alongside.append(lambda svc: mail_listen.listening(svc, *smtp))
    logs.configure(fmt=settings.log_format)
    if settings.env != "prod":  # synthetic people never go into a production database
        asyncio.run(ensure_seeded(settings))
    # log_config=None: uvicorn keeps the process's logging (JSON lines, no access log).
    uvicorn.run(create_app(settings, workers=workers, alongside=alongside), host=host or settings.host,
                port=port or settings.port, log_config=None, access_log=False)


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="jobs run at once")] = None,
    name: Annotated[str, typer.Option(help="worker name in logs")] = "worker",
    metrics_port: Annotated[int | None, typer.Option(
        help="serve Prometheus metrics on this port (default: GUICHET_METRICS_PORT)")] = None,
) -> None:
    """Run queue workers only; start as many processes or machines as needed."""
    from prometheus_client import start_http_server

    from guichet.services import run_worker_process

    settings = load_settings()
    logs.configure(fmt=settings.log_format)
    port = metrics_port or settings.metrics_port
    if port:
        start_http_server(port, addr=settings.host)

    asyncio.run(run_worker_process(settings, name=name, concurrency=concurrency))


@app.command()
def token(
    role: Annotated[str, typer.Option(help="citizen, officer or auditor")],
    sub: Annotated[str, typer.Option(help="subject: citizen id (C000001) or agent name")],
    authority: Annotated[str | None, typer.Option(help="officer's authority (caf, cpam...)")] = None,
) -> None:
    """Mint a development token for a role (signed with the configured secret).

    The token carries the configured issuer and audience, a fresh id (logout revokes it) and
    lives GUICHET_JWT_TTL_S; it is checked as the API checks it, so a token this prints is
    one the API accepts.
    """
    from api.auth import ROLES, AuthError, TokenPolicy, mint, verify
    from guichet.catalogue import default_catalogue

    if role not in ROLES:
        typer.echo("role: one of citizen, officer, auditor", err=True)
        raise typer.Exit(2)
    settings = load_settings()
    policy = TokenPolicy(secret=settings.signing_secret(),
                         authorities=frozenset(default_catalogue().authorities),
                         issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                         max_lifetime_s=settings.jwt_max_lifetime_s)
    minted = mint(policy.secret, role=role, sub=sub,
                  authority=authority, ttl_s=settings.jwt_ttl_s, issuer=policy.issuer,
                  audience=policy.audience)
    try:
        verify(minted, policy=policy)
    except AuthError as exc:
        reason = str(exc).removeprefix("invalid token: ")
        if reason.startswith("authority: not"):
            reason += f" ({', '.join(sorted(policy.authorities))})"
        typer.echo(reason, err=True)
        raise typer.Exit(2) from None
    typer.echo(minted)


@app.command()
def seed(count: Annotated[int, typer.Option(help="citizens to generate")] = 600) -> None:
    """Write the synthetic population into the records tables (idempotent)."""
    from guichet.seeding import ensure_seeded

    settings = load_settings()
    if settings.env == "prod":
        typer.echo("seed: the synthetic population is for dev and test, not GUICHET_ENV=prod",
                   err=True)
        raise typer.Exit(2)
    n = asyncio.run(ensure_seeded(settings, count=count))
    typer.echo(f"{n} citizens in the records store")


@app.command()
def demo() -> None:
    """Submit a few demands from the seeded population and print each case's steps."""
    from guichet.demo import run_demo

    asyncio.run(run_demo(load_settings()))


if __name__ == "__main__":
    app()
