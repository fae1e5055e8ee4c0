-- Citizens' records, one row per (citizen, source); a source absent for a citizen means the
-- administration does not know them.
create table citizens (
    id text primary key check (id ~ '^C[0-9]{6,}$'),
    created_at timestamptz not null default now()
);

create table records (
    citizen_id text not null references citizens(id) on delete cascade,
    source text not null check (source in ('etat_civil', 'contact', 'caf', 'dgfip', 'cpam',
                                           'ants', 'electoral', 'france_travail')),
    data jsonb not null,
    updated_at timestamptz not null default now(),
    primary key (citizen_id, source)
);

create table cases (
    id uuid primary key,
    citizen_id text not null references citizens(id),
    channel text not null check (channel in ('api', 'email', 'chat', 'web')),
    status text not null default 'en_construction'
        check (status in ('en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')),
    holder text not null default 'agent' check (holder in ('agent', 'citizen', 'officer')),
    holder_reason text not null default 'demande reçue',
    procedures text[] not null default '{}',
    summary text,
    taken_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    settled_at timestamptz
);
create index cases_citizen_idx on cases (citizen_id, created_at desc);
create index cases_open_idx on cases (holder, status) where settled_at is null;

-- What the citizen (or an officer) wrote, as written; models only ever see a redacted copy.
create table case_messages (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id) on delete cascade,
    author text not null check (author in ('citizen', 'agent', 'officer')),
    channel text not null,
    body text not null,
    created_at timestamptz not null default now(),
    consumed_at timestamptz
);
create index case_messages_case_idx on case_messages (case_id, id);

-- Placeholder -> identifier, per case: restored only inside tools.
create table case_placeholders (
    case_id uuid not null references cases(id) on delete cascade,
    placeholder text not null,
    value text not null,
    primary key (case_id, placeholder)
);

create table approvals (
    id uuid primary key,
    case_id uuid not null references cases(id) on delete cascade,
    request_key text not null unique,
    procedure text not null,
    effect text not null,
    authority text not null,
    args jsonb not null,
    rationale text not null,
    evidence jsonb not null,
    status text not null default 'pending'
        check (status in ('pending', 'approved', 'edited', 'rejected', 'cancelled')),
    final_args jsonb,
    decided_by text,
    decided_at timestamptz,
    comment text,
    created_at timestamptz not null default now(),
    due_at timestamptz
);
create index approvals_pending_idx on approvals (authority, created_at) where status = 'pending';
create index approvals_case_idx on approvals (case_id);

-- Effects are idempotent by key: a re-run after a crash finds the row and does nothing.
create table effects (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id) on delete cascade,
    idem_key text not null unique,
    procedure text not null,
    effect text not null,
    args jsonb not null,
    result jsonb not null,
    approval_id uuid references approvals(id),
    created_at timestamptz not null default now()
);
create index effects_case_idx on effects (case_id, id);

create table notifications (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id) on delete cascade,
    idem_key text not null unique,
    kind text not null,
    channel text not null,
    subject text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending', 'sent', 'kept', 'failed')),
    attempts int not null default 0,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
);
create index notifications_case_idx on notifications (case_id, id);
create index notifications_pending_idx on notifications (id) where status = 'pending';

-- Append-only, hash-chained: per case and globally. Updates and deletes are refused below.
create table audit_events (
    id bigint generated always as identity primary key,
    case_id uuid,
    at timestamptz not null default now(),
    actor text not null,
    kind text not null,
    data jsonb not null,
    prev_hash text not null,
    case_prev_hash text,
    hash text not null
);
create index audit_case_idx on audit_events (case_id, id);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only (% refused)', tg_op;
end $$;
create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only();

-- Per procedure of a case: the form as filled so far and the rules' outcome (evidence).
create table case_procedures (
    case_id uuid not null references cases(id) on delete cascade,
    procedure text not null,
    form jsonb not null default '{}',
    missing jsonb not null default '[]',
    rules jsonb,
    updated_at timestamptz not null default now(),
    primary key (case_id, procedure)
);
