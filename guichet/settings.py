"""Deployment settings, read once from the environment at the edge (CLI, app lifespan)."""

from __future__ import annotations

import base64
import binascii
import secrets
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Refused outside dev mode: a token signed with a guessable secret is no authentication.
_DEV_SECRETS = {"", "changeme", "secret", "dev"}
# Who signs guichet's tokens and for whom: a token minted for another service sharing the
# secret (or the other way round) is refused. The defaults, so that minting needs no settings.
TOKEN_ISSUER = "guichet"
TOKEN_AUDIENCE = "guichet-api"


def new_checkpoint_key() -> str:
    """A fresh checkpoint key, as the setting expects it (32 random bytes, base64)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def checkpoint_key_from_text(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64") from exc
    if len(key) not in (16, 24, 32):
        raise ValueError("an AES key is 16, 24 or 32 bytes")
    return key


class Settings(BaseSettings):
    """Everything that differs between a laptop and a production deployment."""

    model_config = SettingsConfigDict(env_prefix="GUICHET_", env_file=None, extra="ignore")

    env: Literal["dev", "test", "prod"] = "dev"
    data_dir: Path = Path(".guichet")
    # No prefix: DATABASE_URL is what every Postgres host and CI already sets.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    pool_max_size: int = Field(default=10, ge=2, le=200)
    # How long a request waits for a database connection before answering 503: a client
    # learns of an outage in seconds, not after the pool's 30 s default.
    db_wait_s: float = Field(default=3.0, gt=0, le=60)

    model: Literal["offline", "openai"] = "offline"
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_model: str | None = Field(default=None, validation_alias="OPENAI_MODEL")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_timeout_s: float = Field(default=60.0, gt=0)
    openai_temperature: float = Field(default=0.0, ge=0, le=2)

    jwt_secret: SecretStr | None = None
    jwt_ttl_s: int = Field(default=8 * 3600, gt=0)
    # Tokens living longer than this (exp - iat) are refused whoever signed them: a stolen
    # token stays useful for a working day at most. Logout revokes sooner.
    jwt_max_lifetime_s: int = Field(default=8 * 3600, gt=0, le=7 * 24 * 3600)
    jwt_issuer: str = Field(default=TOKEN_ISSUER, min_length=1)
    jwt_audience: str = Field(default=TOKEN_AUDIENCE, min_length=1)

    # Ed25519 key (32 raw bytes, base64) that signs the sealed audit heads; in dev, one is
    # generated once in the data folder. Auditors check heads against its public half.
    audit_signing_key: SecretStr | None = None
    # AES key (16, 24 or 32 raw bytes, base64) that encrypts checkpoint values at rest; in
    # dev, one is generated once in the data folder. Losing it loses the open cases' state.
    checkpoint_key: SecretStr | None = None
    # Days a closed case keeps its personal data (messages, placeholders, forms, copies of
    # records, checkpoints) when its procedure does not say; the audit log always stays.
    retention_days: int = Field(default=365, ge=0, le=36_500)

    # How often the sealer (beside every worker) links and signs new audit events.
    seal_every_s: float = Field(default=5.0, gt=0, le=3600)

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "ne-pas-repondre@guichet.gouv.example"
    # Email in (README "Email"): the domain of the per-case reply addresses
    # (reply+<token>@domain) and of the Message-IDs guichet writes; an SMTP listener
    # started by `guichet serve` ("host:port", unset: none); the shared secret a mail
    # provider's webhook sends in X-Guichet-Inbound-Secret (unset: the webhook is off).
    mail_domain: str = Field(default="guichet.gouv.example", min_length=3,
                             pattern=r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
    smtp_listen: str | None = Field(default=None,
                                    pattern=r"^(\[[0-9A-Fa-f:.]+\]|[^:\s\[\]]+):\d{1,5}$")
    inbound_email_secret: SecretStr | None = None

    # SMS through a provider's HTTP API (tools/sms.py); unset URL: SMS notices stay in the
    # outbox. The sender is what phones show: a name (11 letters or digits at most, which
    # citizens cannot answer) or the number of the provider's line that the inbound webhook
    # receives, so that a citizen can reply to a notice.
    sms_url: str | None = None
    sms_key: SecretStr | None = None
    sms_sender: str = Field(default="GUICHET", pattern=r"^([A-Za-z0-9]{1,11}|\+?[0-9]{3,15})$")
    sms_timeout_s: float = Field(default=10.0, gt=0, le=60)
    # A notice by SMS is its subject and a link, in at most this many segments.
    sms_max_segments: int = Field(default=3, ge=1, le=10)
    # The provider's webhooks (delivery reports, inbound SMS) prove themselves with this
    # secret in this header; unset: both webhooks answer 404.
    sms_webhook_secret: SecretStr | None = None
    sms_webhook_header: str = Field(default="X-Webhook-Secret", pattern=r"^[A-Za-z0-9-]+$")
    # Where citizens reach the service: links in short messages point into its web space.
    public_url: str = "http://127.0.0.1:8000"

    # JSON lines for log collectors; "text" for a terminal.
    log_format: Literal["json", "text"] = "json"
    # `guichet worker` serves its Prometheus metrics on this port (unset: none).
    metrics_port: int | None = Field(default=None, ge=1, le=65535)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers_in_process: int = Field(default=1, ge=0, le=16)
    worker_concurrency: int = Field(default=4, ge=1, le=64)
    # Jobs of a worker silent for this long are taken back and run again.
    stalled_after_s: float = Field(default=30.0, gt=0)
    heartbeat_s: float = Field(default=5.0, gt=0)
    # How often the workers look at the legal clocks (silence rules): a delay counts in days,
    # a minute late is nothing.
    clocks_every_s: float = Field(default=60.0, gt=0)
    # A case waiting for its citizen: one reminder after this many days; closed without
    # decision after its procedure's delay, or this many days before any is chosen.
    citizen_reminder_days: int = Field(default=7, ge=1, le=365)
    citizen_lapse_days: int = Field(default=30, ge=1, le=365)
    # Outreach (guichet/outreach.py): one proposal per citizen, procedure and period; none to
    # a citizen whose case for it closed less than this many days ago. The periodic pass is
    # off unless procedures are named here (comma-separated), and runs every so often.
    outreach_period: Literal["year", "quarter", "month"] = "year"
    outreach_recent_days: int = Field(default=180, ge=0, le=3650)
    outreach_procedures: str = ""
    outreach_every_s: float = Field(default=86_400.0, gt=0)
    # Reminders of documents about to expire (catalogue `renewals`), in the same pass.
    renewal_reminders: bool = False
    # A case's live events (GET /v1/cases/{id}/events): how often an open stream looks for
    # new ones, and how long it stays silent before a comment line keeps proxies from
    # closing it.
    events_poll_s: float = Field(default=0.5, gt=0, le=10)
    events_heartbeat_s: float = Field(default=15.0, gt=0, le=300)
    # An open case that has not moved for this long, with no job and nobody visibly holding
    # it, is run again by the sweeper; after `max_sweeps` such runs a human takes it.
    sweep_after_s: float = Field(default=120.0, gt=0)
    max_sweeps: int = Field(default=3, ge=1, le=20)
    # A worker that lost the database tries again after a back-off up to this ceiling.
    reconnect_max_s: float = Field(default=10.0, gt=0, le=300)
    # A failing run is retried (linear back-off); after the last attempt, a human takes it.
    job_attempts: int = Field(default=4, ge=1, le=20)
    retry_wait_s: int = Field(default=2, ge=0, le=600)
    max_agent_steps: int = Field(default=24, ge=4, le=200)
    max_text_chars: int = Field(default=20_000, ge=100)
    # Files sent with a message (web form, email): each at most this size, this many.
    attachment_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, le=50 * 1024 * 1024)
    attachment_max_files: int = Field(default=5, ge=0, le=20)

    # Write rate limits (part D), in `limits` notation ("20/minute", "5 per 10 seconds"),
    # counted in Postgres so they hold across API processes. Off for benches and load tests.
    rate_limits_enabled: bool = True
    rate_limit_citizen: str = "20/minute"
    rate_limit_officer: str = "120/minute"
    rate_limit_ip: str = "120/minute"
    # How many reverse proxies of ours append to X-Forwarded-For; 0 trusts no header and
    # takes the peer address, since a client can write any X-Forwarded-For it likes.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)

    @field_validator("outreach_procedures")
    @classmethod
    def _outreach_known(cls, value: str) -> str:
        from guichet.catalogue import default_catalogue

        cat = default_catalogue()
        benefits = {p.id for p in cat.procedures if "grant_benefit" in p.effects}
        unknown = [n.strip() for n in value.split(",") if n.strip() and n.strip() not in benefits]
        if unknown:
            raise ValueError(f"outreach procedures {unknown}: benefit procedures are "
                             + ", ".join(sorted(benefits)))
        return value

    # The citizens' web space signs in by OpenID Connect (FranceConnect or any provider):
    # the issuer's discovery document gives the endpoints and keys. Unset, only the dev
    # sign-in exists, and it is refused in prod.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid email"
    # The ID token claim that names the citizen: its value is looked up among the contact
    # records' e-mail addresses ("email"), or is a citizen id itself ("guichet_citizen").
    oidc_citizen_claim: str = "email"
    # Where the provider sends the browser back; unset, the address the request came to.
    oidc_redirect_url: str | None = None

    @field_validator("rate_limit_citizen", "rate_limit_officer", "rate_limit_ip")
    @classmethod
    def _rate_readable(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"rate limit {value!r}: expected e.g. '20/minute' or"
                             " '5 per 10 seconds'") from exc
        return value

    @field_validator("smtp_listen")
    @classmethod
    def _listen_port(cls, value: str | None) -> str | None:
        if value is not None and not 1 <= int(value.rpartition(":")[2]) <= 65535:
            raise ValueError("GUICHET_SMTP_LISTEN: host:port with a port from 1 to 65535")
        return value

    @field_validator("audit_signing_key")
    @classmethod
    def _key_readable(cls, value: SecretStr | None) -> SecretStr | None:
        from guichet import audit_seal

        if value is not None:
            try:
                audit_seal.key_from_text(value.get_secret_value())
            except ValueError as exc:
                raise ValueError("GUICHET_AUDIT_SIGNING_KEY: 32 bytes in base64 expected "
                                 "(guichet audit new-key prints one)") from exc
        return value

    @field_validator("checkpoint_key")
    @classmethod
    def _checkpoint_key_readable(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            try:
                checkpoint_key_from_text(value.get_secret_value())
            except ValueError as exc:
                raise ValueError("GUICHET_CHECKPOINT_KEY: 16, 24 or 32 bytes in base64 expected"
                                 " (guichet audit new-checkpoint-key prints one)") from exc
        return value

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> Settings:
        if self.env == "prod":
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
            if secret in _DEV_SECRETS or len(secret) < 32:
                raise ValueError("GUICHET_JWT_SECRET must be set to 32+ random characters in prod")
            if self.database_url is None:
                raise ValueError("DATABASE_URL must be set in prod (no embedded database)")
            if self.audit_signing_key is None:
                raise ValueError("GUICHET_AUDIT_SIGNING_KEY must be set in prod (guichet audit"
                                 " new-key prints one)")
            if self.checkpoint_key is None:
                raise ValueError("GUICHET_CHECKPOINT_KEY must be set in prod (guichet audit"
                                 " new-checkpoint-key prints one)")
        if self.model == "openai" and not (self.openai_base_url and self.openai_model):
            raise ValueError("GUICHET_MODEL=openai needs OPENAI_BASE_URL and OPENAI_MODEL")
        return self

    @model_validator(mode="after")
    def _ttl_within_max(self) -> Settings:
        # Otherwise every token the service mints would be refused by its own verification.
        if self.jwt_ttl_s > self.jwt_max_lifetime_s:
            raise ValueError(f"GUICHET_JWT_TTL_S ({self.jwt_ttl_s}) exceeds "
                             f"GUICHET_JWT_MAX_LIFETIME_S ({self.jwt_max_lifetime_s})")
        return self

    def smtp_listen_address(self) -> tuple[str, int] | None:
        if self.smtp_listen is None:
            return None
        host, _, port = self.smtp_listen.rpartition(":")
        return host.strip("[]"), int(port)

    def audit_key(self) -> Ed25519PrivateKey:
        """The key that signs audit heads; in dev, generated once in the data folder."""
        from guichet import audit_seal

        if self.audit_signing_key is not None:
            return audit_seal.key_from_text(self.audit_signing_key.get_secret_value())
        return audit_seal.dev_key(self.data_dir / "audit-signing.key")

    def checkpoint_cipher_key(self) -> bytes:
        """The key that encrypts checkpoints; in dev, generated once in the data folder."""
        if self.checkpoint_key is not None:
            return checkpoint_key_from_text(self.checkpoint_key.get_secret_value())
        path = self.data_dir / "checkpoint.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new_checkpoint_key())
            path.chmod(0o600)
        return checkpoint_key_from_text(path.read_text())

    def signing_secret(self) -> str:
        """The JWT secret; in dev, one generated once and kept in the data folder."""
        if self.jwt_secret is not None:
            return self.jwt_secret.get_secret_value()
        path = self.data_dir / "jwt-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()
