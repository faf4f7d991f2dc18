-- Generation tasks as durable jobs that any instance may run (PostgreSQL, several instances) or the one
-- instance runs (SQLite). A worker claims a job by writing its instance id as the owner and a lease it
-- renews while it works; a job whose lease ran out (its instance died) may be claimed again. A cancel
-- from any instance sets cancel_requested, which the owner reads as it renews the lease. queue_seq
-- orders the line (first in, first out) more finely than created_at's milliseconds.
ALTER TABLE generation_tasks ADD COLUMN owner TEXT;
ALTER TABLE generation_tasks ADD COLUMN lease_expires_at TEXT;
ALTER TABLE generation_tasks ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE generation_tasks ADD COLUMN queue_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE generation_tasks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- The generation of a task records the task; one task has at most one generation, whichever instance
-- finished it and however often it was claimed.
ALTER TABLE generations ADD COLUMN task_id TEXT;
CREATE UNIQUE INDEX generations_task_id ON generations(task_id);

CREATE INDEX generation_tasks_line ON generation_tasks(status, queue_seq);
