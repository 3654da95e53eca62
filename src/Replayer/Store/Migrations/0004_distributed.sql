-- Distributed runs (`replay run --distributed`): the coordinator builds the cases in order and
-- stores them here in compressed batches; `replay worker` processes (Hangfire jobs, one per
-- batch) run and compare them and write the results to case_outcomes & co. The job engine's
-- own tables live in the schema "hangfire"; what a batch is and how far it got lives here, so
-- attempts are counted even when a worker process dies (which Hangfire's retry filter never sees).

-- What the workers need to run a distributed run's batches the way the coordinator was asked to.
CREATE TABLE dist_runs (
    run_id             bigint  PRIMARY KEY REFERENCES runs (id),
    source             text    NOT NULL,
    engines            text[]  NOT NULL,
    modes              text[]  NOT NULL,
    module_cache       boolean NOT NULL,
    -- The allow-list's JSON (empty list when none was given).
    allow_list         text    NOT NULL,
    tool_version       text    NOT NULL,
    -- A batch whose attempts all failed (or died) is given up after this many.
    max_attempts       integer NOT NULL CHECK (max_attempts >= 1)
);

CREATE TABLE dist_batches (
    run_id        bigint      NOT NULL REFERENCES dist_runs (run_id),
    batch         integer     NOT NULL CHECK (batch >= 0),
    -- The lowest and highest ledger of its cases (a meta: directory holds several networks, each from its own ledger 1).
    first_ledger  bigint      NOT NULL,
    last_ledger   bigint      NOT NULL CHECK (last_ledger >= first_ledger),
    cases         integer     NOT NULL CHECK (cases >= 1),
    -- Zstandard-compressed cases (BatchPayload); dropped once the batch is done.
    payload       bytea,
    payload_bytes integer     NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- Attempts started (a worker that dies mid-batch leaves status 'running' and its attempt counted).
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- The per-case totals of the batch (RunSummary part), once done.
    summary       jsonb,
    -- The last attempt's error; for a failed batch, why it was given up.
    error         text,
    worker        text,
    job_id        text,
    enqueued_at   timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    seconds       double precision,
    PRIMARY KEY (run_id, batch),
    CHECK (status <> 'done' OR summary IS NOT NULL)
);

CREATE INDEX dist_batches_open ON dist_batches (run_id) WHERE status IN ('queued', 'running');
