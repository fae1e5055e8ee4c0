-- Files a citizen sends with a demand or an answer (web form, email): kept with the case,
-- never given to a model. The type is the one the bytes show, not the one declared.
create table case_attachments (
    id bigint generated always as identity primary key,
    case_id uuid not null references cases(id) on delete cascade,
    message_id bigint references case_messages(id) on delete set null,
    filename text not null,
    content_type text not null,
    size int not null check (size >= 0),
    sha256 text not null,
    data bytea,  -- null once purged by retention
    created_at timestamptz not null default now(),
    purged_at timestamptz
);
create index case_attachments_case_idx on case_attachments (case_id, id);
-- The same file attached twice to one message (a resent mail) is kept once.
create unique index case_attachments_once_idx on case_attachments (message_id, sha256)
    where message_id is not null;
