-- The results of replay runs: what each case did on each engine, the divergences with their
-- repro artifacts, the signatures people triage, cost statistics and nightly cursors.

-- A run's provenance and totals. `range` (0001) is the range asked for; the summary holds what
-- was covered.
ALTER TABLE runs
    ADD COLUMN kind      text    NOT NULL DEFAULT 'run' CHECK (kind IN ('run', 'nightly', 'distributed')),
    ADD COLUMN engines   text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN seconds   double precision CHECK (seconds IS NULL OR seconds >= 0),
    ADD COLUMN summary   jsonb,
    ADD COLUMN exit_code integer CHECK (exit_code IS NULL OR exit_code IN (0, 1, 2)),
    -- The nightly job's name (its cursor), for nightly runs.
    ADD COLUMN job       text;

-- One row per case and engine set (the same case replayed again replaces its row, so reruns
-- never duplicate). `engines` is the run's engine keys joined by commas ("stack,register").
CREATE TABLE case_outcomes (
    source          text    NOT NULL,
    ledger          bigint  NOT NULL CHECK (ledger >= 0),
    tx_hash         text    NOT NULL,
    op_index        integer NOT NULL CHECK (op_index >= 0),
    engines         text    NOT NULL,
    run_id          bigint  NOT NULL REFERENCES runs (id),
    protocol        integer NOT NULL,
    kind            text    NOT NULL,
    contract        text,
    function        text,
    wasm_hash       text,
    engines_verdict text,
    class           text,
    -- The outcomes.jsonl line of the case, exactly as --out writes it.
    line            jsonb   NOT NULL,
    PRIMARY KEY (source, ledger, tx_hash, op_index, engines)
);

CREATE INDEX case_outcomes_run ON case_outcomes (run_id);

-- What each engine consumed on each case (the cost data behind the statistics and charts).
CREATE TABLE case_costs (
    source     text    NOT NULL,
    ledger     bigint  NOT NULL,
    tx_hash    text    NOT NULL,
    op_index   integer NOT NULL,
    engines    text    NOT NULL,
    engine     text    NOT NULL,
    status     text    NOT NULL,
    cpu        bigint  NOT NULL,
    mem        bigint  NOT NULL,
    fuel       bigint  NOT NULL,
    inst_cpu   bigint  NOT NULL,
    inst_mem   bigint  NOT NULL,
    inst_fuel  bigint  NOT NULL,
    PRIMARY KEY (source, ledger, tx_hash, op_index, engines, engine),
    FOREIGN KEY (source, ledger, tx_hash, op_index, engines)
        REFERENCES case_outcomes (source, ledger, tx_hash, op_index, engines) ON DELETE CASCADE
);

-- Kinds of findings. Status: new (first seen by the run that last saw it), known (seen before,
-- or allow-listed), regressed (seen again after it was fixed), fixed (every case that showed it
-- was replayed again without it).
CREATE TABLE signatures (
    hash           text        PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    class          text        NOT NULL,
    path           text        NOT NULL,
    wasm_hash      text        NOT NULL,
    function       text        NOT NULL,
    error          text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('new', 'known', 'regressed', 'fixed')),
    allow_reason   text,
    first_run_id   bigint      NOT NULL REFERENCES runs (id),
    last_run_id    bigint      NOT NULL REFERENCES runs (id),
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    -- Cases that show it (each case counted once, however often it was replayed).
    count          bigint      NOT NULL CHECK (count >= 0),
    -- Became new or regressed and no finished run has reported it yet (a run killed before its
    -- end leaves its findings to the next run's exit code).
    pending        boolean     NOT NULL,
    -- The run in which it became fixed.
    fixed_run_id   bigint      REFERENCES runs (id)
);

-- One finding of one case: the signature, the self-contained divergence document (field-level
-- diff, first divergent step, both outcomes) and the case itself (CaseBinary), so a repro needs
-- nothing else. `open` is false once the case was replayed without this finding.
CREATE TABLE divergences (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text    NOT NULL,
    ledger        bigint  NOT NULL,
    tx_hash       text    NOT NULL,
    op_index      integer NOT NULL,
    engines       text    NOT NULL,
    signature     text    NOT NULL REFERENCES signatures (hash) DEFERRABLE INITIALLY DEFERRED,
    first_run_id  bigint  NOT NULL REFERENCES runs (id),
    run_id        bigint  NOT NULL REFERENCES runs (id),
    open          boolean NOT NULL,
    document      jsonb   NOT NULL,
    case_binary   bytea   NOT NULL,
    UNIQUE (source, ledger, tx_hash, op_index, engines, signature)
);

CREATE INDEX divergences_signature ON divergences (signature) WHERE open;
CREATE INDEX divergences_run ON divergences (run_id);

-- Cost per contract and function per run and engine, aggregated when the run finishes.
CREATE TABLE cost_stats (
    run_id     bigint NOT NULL REFERENCES runs (id),
    engine     text   NOT NULL,
    wasm_hash  text   NOT NULL,
    function   text   NOT NULL,
    cases      bigint NOT NULL,
    cpu        numeric NOT NULL,
    mem        numeric NOT NULL,
    fuel       numeric NOT NULL,
    inst_cpu   numeric NOT NULL,
    inst_mem   numeric NOT NULL,
    inst_fuel  numeric NOT NULL,
    PRIMARY KEY (run_id, engine, wasm_hash, function)
);

-- Where a nightly job resumes: the next ledger to replay, per job name (source and engines).
-- It advances in the same transaction as the outcomes of the ledgers before it.
CREATE TABLE nightly_cursors (
    name        text        PRIMARY KEY,
    next_ledger bigint      NOT NULL CHECK (next_ledger >= 0),
    run_id      bigint      NOT NULL REFERENCES runs (id),
    updated_at  timestamptz NOT NULL
);
