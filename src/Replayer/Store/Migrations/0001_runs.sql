-- Runs: one row per invocation of a replay job (nightly, on-demand range check, ...).
CREATE TABLE runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    tool_version  text        NOT NULL,
    source        text        NOT NULL,
    -- Inclusive ledger range the run covers; the upper bound may be unknown for open-ended runs.
    range         int8range   NOT NULL,
    status        text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);

CREATE INDEX runs_started_at ON runs (started_at DESC);
