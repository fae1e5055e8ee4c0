-- Audit v2: no global lock on the hot path. Each event is chained to the previous event of
-- its own case only (appends of one case are serialised by a per-case advisory lock inside
-- `audit_append`); the global order and chain are written afterwards by the sealer, which
-- takes the events of finished transactions (by transaction id) and signs the head.
alter table audit_events alter column prev_hash drop not null;
-- 1: hashed with the global predecessor at write time (before this migration); 2: case chain.
alter table audit_events add column v smallint not null default 1;
-- The writer's transaction: the sealer seals only events whose transaction has finished.
-- Rows from before this migration get the migration's own transaction id.
alter table audit_events add column xid xid8 not null default pg_current_xact_id();
create index audit_events_xid_idx on audit_events (xid);

create table audit_seals (
    position bigint primary key,
    event_id bigint not null unique,
    event_hash text not null,
    prev_hash text not null,
    hash text not null
);

create table audit_heads (
    id bigint generated always as identity primary key,
    position bigint not null,
    hash text not null,
    horizon xid8 not null,
    sealed_at timestamptz not null,
    public_key text not null,
    signature text not null
);

create trigger audit_seals_no_update before update or delete on audit_seals
    for each row execute function audit_events_append_only();
create trigger audit_seals_no_truncate before truncate on audit_seals
    for each statement execute function audit_events_append_only();
create trigger audit_heads_no_update before update or delete on audit_heads
    for each row execute function audit_events_append_only();
create trigger audit_heads_no_truncate before truncate on audit_heads
    for each statement execute function audit_events_append_only();

-- One statement per batch of events of one case: lock the case's chain, read its head, link
-- and insert each event. `content` is the sha256 of the event's canonical text, computed by
-- the caller; the link is sha256(previous hash || content), recomputed by `audit verify`.
create function audit_append(p_case uuid, p_events jsonb) returns bigint
language plpgsql as $$
declare
    prev text;
    e jsonb;
    h text;
    last_id bigint;
begin
    perform pg_advisory_xact_lock(1635083363, hashtext(coalesce(p_case::text, '')));
    if p_case is null then
        select hash into prev from audit_events where case_id is null order by id desc limit 1;
    else
        select hash into prev from audit_events where case_id = p_case order by id desc limit 1;
    end if;
    prev := coalesce(prev, repeat('0', 64));
    for e in select value from jsonb_array_elements(p_events) loop
        h := encode(sha256(convert_to(prev || (e->>'content'), 'UTF8')), 'hex');
        insert into audit_events (case_id, at, actor, kind, data, prev_hash, case_prev_hash,
                                  hash, v)
        values (p_case, (e->>'at')::timestamptz, e->>'actor', e->>'kind', e->'data', null,
                prev, h, 2)
        returning id into last_id;
        prev := h;
    end loop;
    return last_id;
end $$;
