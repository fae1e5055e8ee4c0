-- Since when a case waits for its citizen (a question asked), by the service's own clock,
-- the one the reminders and lapses are counted with; null when it waits for nobody else.
alter table cases add column waiting_since timestamptz;
alter table cases add column reminded_at timestamptz;
create index cases_waiting_idx on cases (waiting_since)
    where settled_at is null and waiting_since is not null;
