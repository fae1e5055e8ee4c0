-- SMS: cases opened by text message, the provider's id and delivery status of each notice
-- sent by SMS, and every inbound SMS once.
-- (migration 009 already admits 'sms' beside 'outreach'; restated here whole.)
alter table cases drop constraint if exists cases_channel_check;
alter table cases add constraint cases_channel_check
    check (channel in ('api', 'email', 'chat', 'web', 'sms', 'outreach'));

-- What the SMS provider said of a notice: its message id when it took it, then the delivery
-- reports its webhook posts (out of order sometimes: a final status is never overwritten).
alter table notifications add column provider_id text;
alter table notifications add column delivery_status text
    check (delivery_status in ('accepted', 'queued', 'sent', 'delivered', 'undelivered',
                               'failed', 'expired', 'rejected'));
alter table notifications add column delivery_error text;
alter table notifications add column delivered_at timestamptz;
create unique index notifications_provider_idx on notifications (provider_id)
    where provider_id is not null;

-- Each inbound SMS by the provider's message id, so that a webhook delivered twice makes
-- one message. The sender is kept as a keyed digest, never as the number itself.
create table sms_inbound (
    provider_id text primary key,
    sender_digest text not null,
    outcome text not null check (outcome in ('threaded', 'opened', 'unknown', 'ambiguous')),
    case_id uuid references cases(id) on delete cascade,
    message_id bigint references case_messages(id) on delete set null,
    replied boolean not null default false,
    received_at timestamptz not null default now()
);
create index sms_inbound_sender_idx on sms_inbound (sender_digest, received_at)
    where replied;

-- Finding the citizen of a number (the built-in records directory).
create index records_contact_phone_idx on records ((data->>'phone')) where source = 'contact';
