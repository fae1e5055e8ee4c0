-- Durability: failures and sweeps are counted per case, not per job, so that merging or taking
-- back a job never resets or spends them.
alter table cases add column run_failures int not null default 0;
alter table cases add column sweeps int not null default 0;
alter table cases add column swept_at timestamptz;
-- The sweeper looks for open cases that stopped moving.
create index cases_open_updated_idx on cases (updated_at) where settled_at is null;
