-- Ledger state of each chain (one independent history: a network, or one test network's file),
-- so a nightly run resumes where the last one stopped instead of re-reading history.
CREATE TABLE state_chains (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                      text        NOT NULL UNIQUE,
    network_passphrase        text        NOT NULL,
    -- Last ledger whose changes the state includes (the checkpoint after a bootstrap).
    last_ledger               bigint      NOT NULL CHECK (last_ledger >= 0),
    -- XDR LedgerHeader of that ledger, when known.
    last_header               bytea,
    basis                     text        NOT NULL CHECK (basis IN ('partial', 'genesis', 'checkpoint')),
    origin                    text        NOT NULL,
    -- ConfigSettingID values still holding core-test-network-config.json genesis values.
    settings_from_test_config integer[]   NOT NULL,
    test_config_source        text        NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now()
);

-- Live entries by XDR LedgerKey. A NULL entry is a key known to be absent (kept only while the
-- state is partial, where a key not held is unknown rather than absent).
CREATE TABLE state_entries (
    chain_id bigint NOT NULL REFERENCES state_chains (id) ON DELETE CASCADE,
    key      bytea  NOT NULL,
    entry    bytea,
    PRIMARY KEY (chain_id, key)
);

-- Protocol 23+: persistent entries evicted from the live state.
CREATE TABLE state_hot_archive (
    chain_id bigint NOT NULL REFERENCES state_chains (id) ON DELETE CASCADE,
    key      bytea  NOT NULL,
    entry    bytea  NOT NULL,
    PRIMARY KEY (chain_id, key)
);
