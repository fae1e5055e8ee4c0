-- Proactive cases ("aller vers"): the administration proposes a benefit the rules find a
-- citizen eligible for, and waits for their yes or no.
alter table cases drop constraint cases_status_check;
alter table cases add constraint cases_status_check check (status in (
    'proposition', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'));
alter table cases drop constraint cases_channel_check;
alter table cases add constraint cases_channel_check check (channel in (
    'api', 'email', 'chat', 'web', 'sms', 'outreach'));

-- One proposal per citizen, procedure and period; what the rules found, kept as evidence.
create table outreach_proposals (
    case_id uuid primary key references cases(id) on delete cascade,
    citizen_id text not null references citizens(id),
    procedure text not null,
    period text not null,
    status text not null default 'proposed'
        check (status in ('proposed', 'accepted', 'declined')),
    rules jsonb not null,
    created_at timestamptz not null default now(),
    answered_at timestamptz,
    unique (citizen_id, procedure, period)
);
create index outreach_proposals_procedure_idx on outreach_proposals (procedure, status);

-- Citizens who asked to receive no proposals.
create table outreach_opt_outs (
    citizen_id text primary key references citizens(id),
    at timestamptz not null default now()
);
