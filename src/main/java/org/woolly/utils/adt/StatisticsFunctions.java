package org.woolly.utils.adt;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * The statistics and signalling functions ({@code pgstatfuncs.c}, {@code signalfuncs.c}) under
 * PostgreSQL 15's names and OIDs, over the session's {@link ServerActivity}. The per-backend
 * functions take a backend id, 1 to the number of server processes in the statement's
 * snapshot (what {@code pg_stat_get_backend_idset()} returns), and give NULL for any other id.
 * pg_stat_activity columns PostgreSQL reads from {@code pg_stat_get_activity(NULL)}'s record,
 * which Woolly cannot return yet, have {@code woolly_stat_get_backend_*} functions (OIDs
 * 8600-8606).
 */
final class StatisticsFunctions {
    private StatisticsFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int int4 = TypeOids.INT4;
        int int8 = TypeOids.INT8;
        int oid = TypeOids.OID;
        int text = TypeOids.TEXT;
        int timestamptz = TypeOids.TIMESTAMPTZ;
        r.function("pg_stat_get_backend_idset", int4, STABLE, STRICT,
                (a, c) -> IntStream.rangeClosed(1, c.serverActivity().backends().size()).boxed().iterator());
        backend(r, "pg_stat_get_backend_pid", int4, BackendActivity::pid);
        backend(r, "pg_stat_get_backend_dbid", oid, BackendActivity::databaseOid);
        backend(r, "pg_stat_get_backend_userid", oid, BackendActivity::userOid);
        backend(r, "pg_stat_get_backend_activity", text, BackendActivity::query);
        backend(r, "pg_stat_get_backend_wait_event_type", text, BackendActivity::waitEventType);
        backend(r, "pg_stat_get_backend_wait_event", text, BackendActivity::waitEvent);
        backend(r, "pg_stat_get_backend_activity_start", timestamptz, BackendActivity::queryStart);
        backend(r, "pg_stat_get_backend_xact_start", timestamptz, BackendActivity::transactionStart);
        backend(r, "pg_stat_get_backend_start", timestamptz, BackendActivity::backendStart);
        backend(r, "pg_stat_get_backend_client_port", int4, BackendActivity::clientPort);
        backend(r, "woolly_stat_get_backend_client_addr", text, BackendActivity::clientAddress);
        backend(r, "woolly_stat_get_backend_application_name", text, BackendActivity::applicationName);
        backend(r, "woolly_stat_get_backend_state", text, BackendActivity::state);
        backend(r, "woolly_stat_get_backend_state_change", timestamptz, BackendActivity::stateChange);
        backend(r, "woolly_stat_get_backend_xid", text, row -> xidText(row.backendXid()));
        backend(r, "woolly_stat_get_backend_xmin", text, row -> xidText(row.backendXmin()));
        backend(r, "woolly_stat_get_backend_type", text, BackendActivity::backendType);
        backend(r, "woolly_stat_get_backend_query_id", int8, BackendActivity::queryId);
        backend(r, "woolly_stat_get_backend_leader_pid", int4, BackendActivity::leaderPid);
        backend(r, "woolly_stat_get_backend_plan_node", text, BackendActivity::planNode);
        backend(r, "woolly_stat_get_backend_plan_rows", int8, BackendActivity::planRows);
        r.function("woolly_explain_backend", text, VOLATILE, STRICT, (a, c) -> {
            List<String> lines = c.serverActivity().explainBackend((Integer) a[0]);
            return (lines == null ? List.<String>of() : lines).iterator();
        }, int4);

        r.function("pg_cancel_backend", TypeOids.BOOL, VOLATILE, STRICT,
                (a, c) -> c.serverActivity().signalBackend((Integer) a[0], false, 0), int4);
        r.function("pg_terminate_backend", TypeOids.BOOL, VOLATILE, STRICT,
                (a, c) -> c.serverActivity().signalBackend((Integer) a[0], true, (Long) a[1]), int4, int8);
        r.function("pg_terminate_backend", TypeOids.BOOL, VOLATILE, STRICT,
                (a, c) -> c.serverActivity().signalBackend((Integer) a[0], true, 0), int4);

        for (String[] counter : List.of(
                new String[] {"pg_stat_get_db_xact_commit", "xact_commit"},
                new String[] {"pg_stat_get_db_xact_rollback", "xact_rollback"},
                new String[] {"pg_stat_get_db_blocks_fetched", "blks_fetched"},
                new String[] {"pg_stat_get_db_blocks_hit", "blks_hit"},
                new String[] {"pg_stat_get_db_tuples_returned", "tup_returned"},
                new String[] {"pg_stat_get_db_tuples_fetched", "tup_fetched"},
                new String[] {"pg_stat_get_db_tuples_inserted", "tup_inserted"},
                new String[] {"pg_stat_get_db_tuples_updated", "tup_updated"},
                new String[] {"pg_stat_get_db_tuples_deleted", "tup_deleted"},
                new String[] {"pg_stat_get_db_conflict_all", "conflicts"},
                new String[] {"pg_stat_get_db_temp_files", "temp_files"},
                new String[] {"pg_stat_get_db_temp_bytes", "temp_bytes"},
                new String[] {"pg_stat_get_db_deadlocks", "deadlocks"},
                new String[] {"pg_stat_get_db_checksum_failures", "checksum_failures"},
                new String[] {"pg_stat_get_db_sessions", "sessions"},
                new String[] {"pg_stat_get_db_sessions_abandoned", "sessions_abandoned"},
                new String[] {"pg_stat_get_db_sessions_fatal", "sessions_fatal"},
                new String[] {"pg_stat_get_db_sessions_killed", "sessions_killed"})) {
            database(r, counter[0], int8, counter[1]);
        }
        database(r, "pg_stat_get_db_numbackends", int4, "numbackends");
        database(r, "pg_stat_get_db_session_time", TypeOids.FLOAT8, "session_time");
        database(r, "pg_stat_get_db_active_time", TypeOids.FLOAT8, "active_time");
        database(r, "pg_stat_get_db_idle_in_transaction_time", TypeOids.FLOAT8, "idle_in_transaction_time");
        database(r, "pg_stat_get_db_stat_reset_time", timestamptz, "stats_reset");
        // Woolly verifies checksums but does not count failures yet, nor time its I/O (track_io_timing)
        r.function("pg_stat_get_db_checksum_last_failure", timestamptz, STABLE, STRICT, (a, c) -> null, oid);
        r.function("pg_stat_get_db_blk_read_time", TypeOids.FLOAT8, STABLE, STRICT, (a, c) -> 0.0, oid);
        r.function("pg_stat_get_db_blk_write_time", TypeOids.FLOAT8, STABLE, STRICT, (a, c) -> 0.0, oid);

        for (String[] counter : List.of(
                new String[] {"pg_stat_get_numscans", "numscans"},
                new String[] {"pg_stat_get_blocks_fetched", "blocks_fetched"},
                new String[] {"pg_stat_get_blocks_hit", "blocks_hit"},
                new String[] {"pg_stat_get_tuples_returned", "tuples_returned"},
                new String[] {"pg_stat_get_tuples_fetched", "tuples_fetched"},
                new String[] {"pg_stat_get_tuples_inserted", "tuples_inserted"},
                new String[] {"pg_stat_get_tuples_updated", "tuples_updated"},
                new String[] {"pg_stat_get_tuples_deleted", "tuples_deleted"},
                new String[] {"pg_stat_get_tuples_hot_updated", "tuples_hot_updated"},
                new String[] {"pg_stat_get_live_tuples", "live_tuples"},
                new String[] {"pg_stat_get_dead_tuples", "dead_tuples"},
                new String[] {"pg_stat_get_mod_since_analyze", "mod_since_analyze"},
                new String[] {"pg_stat_get_ins_since_vacuum", "ins_since_vacuum"},
                new String[] {"pg_stat_get_vacuum_count", "vacuum_count"},
                new String[] {"pg_stat_get_autovacuum_count", "autovacuum_count"},
                new String[] {"pg_stat_get_analyze_count", "analyze_count"},
                new String[] {"pg_stat_get_autoanalyze_count", "autoanalyze_count"},
                new String[] {"pg_stat_get_last_vacuum_time", "last_vacuum"},
                new String[] {"pg_stat_get_last_autovacuum_time", "last_autovacuum"},
                new String[] {"pg_stat_get_last_analyze_time", "last_analyze"},
                new String[] {"pg_stat_get_last_autoanalyze_time", "last_autoanalyze"})) {
            String column = counter[1];
            r.function(counter[0], column.startsWith("last_") ? timestamptz : int8, STABLE, STRICT,
                    (a, c) -> c.serverActivity().relationCounter((Integer) a[0], column), oid);
        }
        r.function("pg_stat_reset_single_table_counters", TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
            c.serverActivity().resetRelation((Integer) a[0]);
            return VoidIO.VALUE;
        }, oid);

        for (String[] counter : List.of(
                new String[] {"pg_stat_get_bgwriter_timed_checkpoints", "checkpoints_timed"},
                new String[] {"pg_stat_get_bgwriter_requested_checkpoints", "checkpoints_req"},
                new String[] {"pg_stat_get_bgwriter_buf_written_checkpoints", "buffers_checkpoint"},
                new String[] {"pg_stat_get_bgwriter_buf_written_clean", "buffers_clean"},
                new String[] {"pg_stat_get_bgwriter_maxwritten_clean", "maxwritten_clean"},
                new String[] {"pg_stat_get_buf_written_backend", "buffers_backend"},
                new String[] {"pg_stat_get_buf_fsync_backend", "buffers_backend_fsync"},
                new String[] {"pg_stat_get_buf_alloc", "buffers_alloc"})) {
            String column = counter[1];
            r.function(counter[0], int8, STABLE, STRICT, (a, c) -> c.serverActivity().backgroundWriterCounter(column));
        }
        r.function("pg_stat_get_checkpoint_write_time", TypeOids.FLOAT8, STABLE, STRICT,
                (a, c) -> ((Long) c.serverActivity().backgroundWriterCounter("checkpoint_write_time")).doubleValue());
        r.function("pg_stat_get_checkpoint_sync_time", TypeOids.FLOAT8, STABLE, STRICT,
                (a, c) -> ((Long) c.serverActivity().backgroundWriterCounter("checkpoint_sync_time")).doubleValue());
        r.function("pg_stat_get_bgwriter_stat_reset_time", timestamptz, STABLE, STRICT,
                (a, c) -> c.serverActivity().backgroundWriterCounter("stats_reset"));
        // pg_stat_wal: PostgreSQL reads pg_stat_get_wal()'s record, which Woolly cannot return yet
        r.function("woolly_stat_get_wal_counter", int8, STABLE, STRICT,
                (a, c) -> c.serverActivity().walCounter((String) a[0]), text);
        r.function("woolly_stat_get_wal_bytes", TypeOids.NUMERIC, STABLE, STRICT,
                (a, c) -> c.serverActivity().walCounter("wal_bytes"));
        r.function("woolly_stat_get_wal_stat_reset_time", timestamptz, STABLE, STRICT,
                (a, c) -> c.serverActivity().walCounter("stats_reset"));
        r.function("pg_stat_reset", TypeOids.VOID, VOLATILE, PgProcData.CALLED, (a, c) -> {
            c.serverActivity().resetCurrentDatabase();
            return VoidIO.VALUE;
        });
        r.function("pg_stat_reset_shared", TypeOids.VOID, VOLATILE, STRICT, (a, c) -> {
            c.serverActivity().resetShared((String) a[0]);
            return VoidIO.VALUE;
        }, text);
    }

    private static void backend(BuiltinFunctions.Registry r, String name, int returnType,
                                Function<BackendActivity, Object> column) {
        r.function(name, returnType, STABLE, STRICT, (a, c) -> {
            List<BackendActivity> backends = c.serverActivity().backends();
            int id = (Integer) a[0];
            return id < 1 || id > backends.size() ? null : column.apply(backends.get(id - 1));
        }, TypeOids.INT4);
    }

    private static void database(BuiltinFunctions.Registry r, String name, int returnType, String column) {
        r.function(name, returnType, STABLE, STRICT,
                (a, c) -> c.serverActivity().databaseCounter((Integer) a[0], column), TypeOids.OID);
    }

    private static String xidText(Long xid) {
        return xid == null || xid == 0 ? null : Long.toString(xid);
    }
}
