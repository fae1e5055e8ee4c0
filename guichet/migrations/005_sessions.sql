-- Tokens revoked before their expiry (a logout). Verification looks a token's id up here on
-- every request, by primary key; a row is useless once its token has expired, and is purged.
create table revoked_tokens (
    jti text primary key,
    expires_at timestamptz not null,
    revoked_at timestamptz not null default now()
);
-- For the purge of rows whose token has expired anyway.
create index revoked_tokens_expires_idx on revoked_tokens (expires_at);
