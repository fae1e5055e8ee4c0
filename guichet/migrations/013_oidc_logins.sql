-- OpenID Connect sign-ins under way: one row per authorization request sent to the
-- provider, taken (deleted) by the callback. A state or nonce answers once, from any API
-- process: a replayed callback finds no row. Rows of abandoned sign-ins expire.
create table oidc_logins (
    state_hash text primary key,   -- sha256 of the state: the table never holds it in clear
    nonce text not null,
    code_verifier text not null,   -- PKCE
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index oidc_logins_expires_idx on oidc_logins (expires_at);
-- Nonces of ID tokens already accepted: an ID token replayed with a new state is refused.
create table oidc_used_nonces (
    nonce_hash text primary key,
    expires_at timestamptz not null
);
