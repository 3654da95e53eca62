-- case_costs rows are written only by RunStore.WriteBatchAsync, in the same transaction as the
-- case_outcomes row they belong to, and replaced together with it; nothing deletes outcomes. The
-- foreign key therefore never caught anything, yet PostgreSQL checked it row by row: a query on
-- case_outcomes' primary key for every cost row, about 90% of the time of inserting them (about
-- 25 microseconds a row, measured with pg_stat_statements on core-tests reruns). The costs now
-- go straight in with COPY.
ALTER TABLE case_costs DROP CONSTRAINT IF EXISTS case_costs_source_ledger_tx_hash_op_index_engines_fkey;
