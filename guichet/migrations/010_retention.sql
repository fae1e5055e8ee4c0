-- Retention: when a closed case's personal data was erased (guichet/retention.py). The row
-- itself stays (status, dates, procedures), as do its audit events.
alter table cases add column personal_data_purged_at timestamptz;
-- The purge looks for closed cases not purged yet.
create index cases_purge_due_idx on cases (settled_at)
    where settled_at is not null and personal_data_purged_at is null;
