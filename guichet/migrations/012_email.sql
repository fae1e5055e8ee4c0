-- Email in and out. Addresses are personal data: the tables below keep a digest of an
-- address (sha256 of its lower-case form), never the address itself.

-- A citizen is found by the address of their contact record, whatever its case.
create index records_contact_email_idx on records (lower(data->>'email'))
    where source = 'contact';

-- Each case's reply address, reply+<token>@<mail domain>: random, so that nobody can write
-- into a case by guessing it.
create table mail_threads (
    case_id uuid primary key references cases(id) on delete cascade,
    token text not null unique,
    created_at timestamptz not null default now()
);

-- The Message-IDs guichet sent, so that a reply's In-Reply-To/References finds its case.
create table mail_sent (
    message_id text primary key,
    case_id uuid not null references cases(id) on delete cascade,
    notification_id bigint references notifications(id) on delete set null,
    sent_at timestamptz not null default now()
);
create index mail_sent_case_idx on mail_sent (case_id);

-- Every mail taken in, by its Message-ID (or a digest of its bytes when it has none): the
-- same mail delivered twice is taken once. What became of it says why nothing was made.
create table mail_received (
    message_id text primary key,
    outcome text not null check (outcome in ('opened', 'threaded', 'unknown', 'automatic',
                                             'bounce')),
    case_id uuid references cases(id) on delete set null,
    case_message_id bigint references case_messages(id) on delete set null,
    received_at timestamptz not null default now()
);
create index mail_received_case_idx on mail_received (case_id, received_at);

-- Addresses that bounced for good: notices go to another channel until one is fixed.
create table mail_failing (
    address_hash text primary key,
    reason text not null,
    since timestamptz not null default now()
);

-- One answer a day at most to an address guichet does not know (a loop otherwise).
create table mail_unknown_answered (
    address_hash text not null,
    day date not null,
    primary key (address_hash, day)
);
