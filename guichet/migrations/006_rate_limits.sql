-- Fixed-window counters of the write rate limits, shared by every API process.
-- One row per limited key (a citizen, an officer, a hashed client address) and window:
-- a hit is one upsert, a row past its expiry starts a new window in place.
create table rate_limits (
    key text primary key,
    hits bigint not null,
    expires_at timestamptz not null
);
-- For the purge of finished windows.
create index rate_limits_expires_idx on rate_limits (expires_at);
