-- The fair queue counts a citizen's other open cases at each job queued (guichet/queue.py):
-- by this index it reads those only, not every case the citizen ever had, so the cost of
-- queueing stays flat however long their history.
create index cases_open_by_citizen_idx on cases (citizen_id) where settled_at is null;
