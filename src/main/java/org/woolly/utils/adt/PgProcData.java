package org.woolly.utils.adt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The built-in functions Woolly implements, one line per {@code pg_proc} row with PostgreSQL 15's
 * OID, {@code proname}, return type, {@code provolatile}, {@code proisstrict} and argument types:
 * the role of {@code src/include/catalog/pg_proc.dat}. initdb writes these rows and
 * {@link BuiltinFunctions} attaches an implementation to each (by name and argument types).
 * Functions behind an operator are listed with the operator ({@link PgOperatorData}), aggregates
 * in {@link PgAggregateData}.
 *
 * <p>The few entries PostgreSQL has no pg_proc row for (its SQL value functions such as
 * {@code current_date}, which Woolly resolves as functions, and {@code ilike}) take OIDs from
 * 8000 up: PostgreSQL leaves 8000-9999 free for development ({@code unused_oids}). Rows produced
 * from the real server; see {@code src/test/resources/catalog/README.md}.
 */
public final class PgProcData {
    public static final char IMMUTABLE = 'i';
    public static final char STABLE = 's';
    public static final char VOLATILE = 'v';
    public static final boolean STRICT = true;
    /** CALLED ON NULL INPUT. */
    public static final boolean CALLED = false;
    static final int INT4_ARRAY = 1007;
    private static final int TEXT_ARRAY = 1009;

    /** One pg_proc row; {@code variadic}: the last argument type repeats ({@code provariadic}). */
    public record Proc(int oid, String name, int returnType, char volatility, boolean strict, boolean variadic,
                       int[] argumentTypes) {}

    private static final List<Proc> ALL = List.of(
            proc(89, "version", TEXT, STABLE, STRICT),
            proc(1391, "pg_stat_get_backend_start", TIMESTAMPTZ, STABLE, STRICT, INT4),
            proc(1393, "pg_stat_get_backend_client_port", INT4, STABLE, STRICT, INT4),
            proc(1936, "pg_stat_get_backend_idset", INT4, STABLE, STRICT),
            proc(1937, "pg_stat_get_backend_pid", INT4, STABLE, STRICT, INT4),
            proc(1938, "pg_stat_get_backend_dbid", OID, STABLE, STRICT, INT4),
            proc(1939, "pg_stat_get_backend_userid", OID, STABLE, STRICT, INT4),
            proc(1940, "pg_stat_get_backend_activity", TEXT, STABLE, STRICT, INT4),
            proc(1941, "pg_stat_get_db_numbackends", INT4, STABLE, STRICT, OID),
            proc(1942, "pg_stat_get_db_xact_commit", INT8, STABLE, STRICT, OID),
            proc(1943, "pg_stat_get_db_xact_rollback", INT8, STABLE, STRICT, OID),
            proc(1944, "pg_stat_get_db_blocks_fetched", INT8, STABLE, STRICT, OID),
            proc(1945, "pg_stat_get_db_blocks_hit", INT8, STABLE, STRICT, OID),
            proc(2094, "pg_stat_get_backend_activity_start", TIMESTAMPTZ, STABLE, STRICT, INT4),
            proc(2096, "pg_terminate_backend", BOOL, VOLATILE, STRICT, INT4, INT8),
            proc(2171, "pg_cancel_backend", BOOL, VOLATILE, STRICT, INT4),
            proc(2274, "pg_stat_reset", VOID, VOLATILE, CALLED),
            proc(2758, "pg_stat_get_db_tuples_returned", INT8, STABLE, STRICT, OID),
            proc(2759, "pg_stat_get_db_tuples_fetched", INT8, STABLE, STRICT, OID),
            proc(2760, "pg_stat_get_db_tuples_inserted", INT8, STABLE, STRICT, OID),
            proc(2761, "pg_stat_get_db_tuples_updated", INT8, STABLE, STRICT, OID),
            proc(2762, "pg_stat_get_db_tuples_deleted", INT8, STABLE, STRICT, OID),
            proc(2769, "pg_stat_get_bgwriter_timed_checkpoints", INT8, STABLE, STRICT),
            proc(2770, "pg_stat_get_bgwriter_requested_checkpoints", INT8, STABLE, STRICT),
            proc(2771, "pg_stat_get_bgwriter_buf_written_checkpoints", INT8, STABLE, STRICT),
            proc(2772, "pg_stat_get_bgwriter_buf_written_clean", INT8, STABLE, STRICT),
            proc(2773, "pg_stat_get_bgwriter_maxwritten_clean", INT8, STABLE, STRICT),
            proc(2775, "pg_stat_get_buf_written_backend", INT8, STABLE, STRICT),
            proc(2788, "pg_stat_get_backend_wait_event_type", TEXT, STABLE, STRICT, INT4),
            proc(2844, "pg_stat_get_db_blk_read_time", FLOAT8, STABLE, STRICT, OID),
            proc(2845, "pg_stat_get_db_blk_write_time", FLOAT8, STABLE, STRICT, OID),
            proc(2853, "pg_stat_get_backend_wait_event", TEXT, STABLE, STRICT, INT4),
            proc(2857, "pg_stat_get_backend_xact_start", TIMESTAMPTZ, STABLE, STRICT, INT4),
            proc(2859, "pg_stat_get_buf_alloc", INT8, STABLE, STRICT),
            proc(3063, "pg_stat_get_buf_fsync_backend", INT8, STABLE, STRICT),
            proc(3070, "pg_stat_get_db_conflict_all", INT8, STABLE, STRICT, OID),
            proc(3074, "pg_stat_get_db_stat_reset_time", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(3075, "pg_stat_get_bgwriter_stat_reset_time", TIMESTAMPTZ, STABLE, STRICT),
            proc(3150, "pg_stat_get_db_temp_files", INT8, STABLE, STRICT, OID),
            proc(3151, "pg_stat_get_db_temp_bytes", INT8, STABLE, STRICT, OID),
            proc(3152, "pg_stat_get_db_deadlocks", INT8, STABLE, STRICT, OID),
            proc(3160, "pg_stat_get_checkpoint_write_time", FLOAT8, STABLE, STRICT),
            proc(3161, "pg_stat_get_checkpoint_sync_time", FLOAT8, STABLE, STRICT),
            proc(3426, "pg_stat_get_db_checksum_failures", INT8, STABLE, STRICT, OID),
            proc(3428, "pg_stat_get_db_checksum_last_failure", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(3775, "pg_stat_reset_shared", VOID, VOLATILE, STRICT, TEXT),
            proc(1928, "pg_stat_get_numscans", INT8, STABLE, STRICT, OID),
            proc(3800, "pg_current_logfile", TEXT, VOLATILE, CALLED),
            proc(3801, "pg_current_logfile", TEXT, VOLATILE, CALLED, TEXT),
            proc(2622, "pg_rotate_logfile", BOOL, VOLATILE, STRICT),
            proc(1934, "pg_stat_get_blocks_fetched", INT8, STABLE, STRICT, OID),
            proc(1935, "pg_stat_get_blocks_hit", INT8, STABLE, STRICT, OID),
            proc(1929, "pg_stat_get_tuples_returned", INT8, STABLE, STRICT, OID),
            proc(1930, "pg_stat_get_tuples_fetched", INT8, STABLE, STRICT, OID),
            proc(1931, "pg_stat_get_tuples_inserted", INT8, STABLE, STRICT, OID),
            proc(1932, "pg_stat_get_tuples_updated", INT8, STABLE, STRICT, OID),
            proc(1933, "pg_stat_get_tuples_deleted", INT8, STABLE, STRICT, OID),
            proc(1972, "pg_stat_get_tuples_hot_updated", INT8, STABLE, STRICT, OID),
            proc(2781, "pg_stat_get_last_vacuum_time", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(2782, "pg_stat_get_last_autovacuum_time", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(2783, "pg_stat_get_last_analyze_time", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(2784, "pg_stat_get_last_autoanalyze_time", TIMESTAMPTZ, STABLE, STRICT, OID),
            proc(2878, "pg_stat_get_live_tuples", INT8, STABLE, STRICT, OID),
            proc(2879, "pg_stat_get_dead_tuples", INT8, STABLE, STRICT, OID),
            proc(3054, "pg_stat_get_vacuum_count", INT8, STABLE, STRICT, OID),
            proc(3055, "pg_stat_get_autovacuum_count", INT8, STABLE, STRICT, OID),
            proc(3056, "pg_stat_get_analyze_count", INT8, STABLE, STRICT, OID),
            proc(3057, "pg_stat_get_autoanalyze_count", INT8, STABLE, STRICT, OID),
            proc(3177, "pg_stat_get_mod_since_analyze", INT8, STABLE, STRICT, OID),
            proc(5053, "pg_stat_get_ins_since_vacuum", INT8, STABLE, STRICT, OID),
            proc(3776, "pg_stat_reset_single_table_counters", VOID, VOLATILE, STRICT, OID),
            proc(6185, "pg_stat_get_db_session_time", FLOAT8, STABLE, STRICT, OID),
            proc(6186, "pg_stat_get_db_active_time", FLOAT8, STABLE, STRICT, OID),
            proc(6187, "pg_stat_get_db_idle_in_transaction_time", FLOAT8, STABLE, STRICT, OID),
            proc(6188, "pg_stat_get_db_sessions", INT8, STABLE, STRICT, OID),
            proc(6189, "pg_stat_get_db_sessions_abandoned", INT8, STABLE, STRICT, OID),
            proc(6190, "pg_stat_get_db_sessions_fatal", INT8, STABLE, STRICT, OID),
            proc(6191, "pg_stat_get_db_sessions_killed", INT8, STABLE, STRICT, OID),
            proc(8800, "woolly_stat_get_wal_counter", INT8, STABLE, STRICT, TEXT),
            proc(8801, "woolly_stat_get_wal_bytes", NUMERIC, STABLE, STRICT),
            proc(8802, "woolly_stat_get_wal_stat_reset_time", TIMESTAMPTZ, STABLE, STRICT),
            proc(8600, "woolly_stat_get_backend_client_addr", TEXT, STABLE, STRICT, INT4),
            proc(8601, "woolly_stat_get_backend_application_name", TEXT, STABLE, STRICT, INT4),
            proc(8602, "woolly_stat_get_backend_state", TEXT, STABLE, STRICT, INT4),
            proc(8603, "woolly_stat_get_backend_state_change", TIMESTAMPTZ, STABLE, STRICT, INT4),
            proc(8604, "woolly_stat_get_backend_xid", TEXT, STABLE, STRICT, INT4),
            proc(8605, "woolly_stat_get_backend_xmin", TEXT, STABLE, STRICT, INT4),
            proc(8606, "woolly_stat_get_backend_type", TEXT, STABLE, STRICT, INT4),
            proc(8607, "pg_terminate_backend", BOOL, VOLATILE, STRICT, INT4),
            proc(274, "timeofday", TEXT, VOLATILE, STRICT),
            proc(720, "octet_length", INT4, IMMUTABLE, STRICT, BYTEA),
            proc(745, "current_user", NAME, STABLE, STRICT),
            proc(746, "session_user", NAME, STABLE, STRICT),
            proc(849, "position", INT4, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(861, "current_database", NAME, STABLE, STRICT),
            proc(868, "strpos", INT4, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(870, "lower", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(871, "upper", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(872, "initcap", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(873, "lpad", TEXT, IMMUTABLE, STRICT, TEXT, INT4, TEXT),
            proc(874, "rpad", TEXT, IMMUTABLE, STRICT, TEXT, INT4, TEXT),
            proc(875, "ltrim", TEXT, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(876, "rtrim", TEXT, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(877, "substr", TEXT, IMMUTABLE, STRICT, TEXT, INT4, INT4),
            proc(878, "translate", TEXT, IMMUTABLE, STRICT, TEXT, TEXT, TEXT),
            proc(879, "lpad", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(880, "rpad", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(881, "ltrim", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(882, "rtrim", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(883, "substr", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(884, "btrim", TEXT, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(885, "btrim", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(936, "substring", TEXT, IMMUTABLE, STRICT, TEXT, INT4, INT4),
            proc(937, "substring", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(940, "mod", INT2, IMMUTABLE, STRICT, INT2, INT2),
            proc(941, "mod", INT4, IMMUTABLE, STRICT, INT4, INT4),
            proc(947, "mod", INT8, IMMUTABLE, STRICT, INT8, INT8),
            proc(1081, "format_type", TEXT, STABLE, CALLED, OID, INT4),
            proc(1171, "date_part", FLOAT8, STABLE, STRICT, TEXT, TIMESTAMPTZ),
            proc(1172, "date_part", FLOAT8, IMMUTABLE, STRICT, TEXT, INTERVAL),
            proc(1175, "justify_hours", INTERVAL, IMMUTABLE, STRICT, INTERVAL),
            proc(1194, "log10", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1199, "age", INTERVAL, IMMUTABLE, STRICT, TIMESTAMPTZ, TIMESTAMPTZ),
            proc(1217, "date_trunc", TIMESTAMPTZ, STABLE, STRICT, TEXT, TIMESTAMPTZ),
            proc(1218, "date_trunc", INTERVAL, IMMUTABLE, STRICT, TEXT, INTERVAL),
            proc(1282, "quote_ident", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(1283, "quote_literal", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(1295, "justify_days", INTERVAL, IMMUTABLE, STRICT, INTERVAL),
            proc(1299, "now", TIMESTAMPTZ, STABLE, STRICT),
            proc(1317, "length", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1318, "length", INT4, IMMUTABLE, STRICT, BPCHAR),
            proc(1340, "log", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1341, "ln", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1342, "round", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1343, "trunc", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1344, "sqrt", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1345, "cbrt", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1346, "pow", FLOAT8, IMMUTABLE, STRICT, FLOAT8, FLOAT8),
            proc(1347, "exp", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1367, "character_length", INT4, IMMUTABLE, STRICT, BPCHAR),
            proc(1368, "power", FLOAT8, IMMUTABLE, STRICT, FLOAT8, FLOAT8),
            proc(1369, "character_length", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1372, "char_length", INT4, IMMUTABLE, STRICT, BPCHAR),
            proc(1373, "isfinite", BOOL, IMMUTABLE, STRICT, DATE),
            proc(1374, "octet_length", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1375, "octet_length", INT4, IMMUTABLE, STRICT, BPCHAR),
            proc(1381, "char_length", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1384, "date_part", FLOAT8, IMMUTABLE, STRICT, TEXT, DATE),
            proc(1389, "isfinite", BOOL, IMMUTABLE, STRICT, TIMESTAMPTZ),
            proc(1390, "isfinite", BOOL, IMMUTABLE, STRICT, INTERVAL),
            proc(1394, "abs", FLOAT4, IMMUTABLE, STRICT, FLOAT4),
            proc(1395, "abs", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1396, "abs", INT8, IMMUTABLE, STRICT, INT8),
            proc(1397, "abs", INT4, IMMUTABLE, STRICT, INT4),
            proc(1398, "abs", INT2, IMMUTABLE, STRICT, INT2),
            proc(1402, "current_schema", NAME, STABLE, STRICT),
            proc(1481, "log10", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1569, "like", BOOL, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(1598, "random", FLOAT8, VOLATILE, STRICT),
            proc(1608, "degrees", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1609, "radians", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(1610, "pi", FLOAT8, IMMUTABLE, STRICT),
            proc(1620, "ascii", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1621, "chr", TEXT, IMMUTABLE, STRICT, INT4),
            proc(1622, "repeat", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(1642, "pg_get_userbyid", NAME, STABLE, STRICT, OID),
            proc(1705, "abs", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1706, "sign", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1707, "round", NUMERIC, IMMUTABLE, STRICT, NUMERIC, INT4),
            proc(1708, "round", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1709, "trunc", NUMERIC, IMMUTABLE, STRICT, NUMERIC, INT4),
            proc(1710, "trunc", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1711, "ceil", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1712, "floor", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1728, "mod", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(1730, "sqrt", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1732, "exp", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1734, "ln", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1736, "log", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(1738, "pow", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(1741, "log", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(1811, "bit_length", INT4, IMMUTABLE, STRICT, TEXT),
            proc(1973, "div", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(2010, "length", INT4, IMMUTABLE, STRICT, BYTEA),
            proc(2012, "substring", BYTEA, IMMUTABLE, STRICT, BYTEA, INT4, INT4),
            proc(2013, "substring", BYTEA, IMMUTABLE, STRICT, BYTEA, INT4),
            proc(2015, "btrim", BYTEA, IMMUTABLE, STRICT, BYTEA, BYTEA),
            proc(2020, "date_trunc", TIMESTAMP, IMMUTABLE, STRICT, TEXT, TIMESTAMP),
            proc(2021, "date_part", FLOAT8, IMMUTABLE, STRICT, TEXT, TIMESTAMP),
            proc(2026, "pg_backend_pid", INT4, STABLE, STRICT),
            proc(2048, "isfinite", BOOL, IMMUTABLE, STRICT, TIMESTAMP),
            proc(2058, "age", INTERVAL, IMMUTABLE, STRICT, TIMESTAMP, TIMESTAMP),
            proc(2073, "substring", TEXT, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(2077, "current_setting", TEXT, STABLE, STRICT, TEXT),
            proc(2078, "set_config", TEXT, VOLATILE, CALLED, TEXT, TEXT, BOOL),
            proc(2079, "pg_table_is_visible", BOOL, STABLE, STRICT, OID),
            proc(2085, "substr", BYTEA, IMMUTABLE, STRICT, BYTEA, INT4, INT4),
            proc(2086, "substr", BYTEA, IMMUTABLE, STRICT, BYTEA, INT4),
            proc(2087, "replace", TEXT, IMMUTABLE, STRICT, TEXT, TEXT, TEXT),
            proc(2088, "split_part", TEXT, IMMUTABLE, STRICT, TEXT, TEXT, INT4),
            proc(2089, "to_hex", TEXT, IMMUTABLE, STRICT, INT4),
            proc(2090, "to_hex", TEXT, IMMUTABLE, STRICT, INT8),
            proc(2167, "ceiling", NUMERIC, IMMUTABLE, STRICT, NUMERIC),
            proc(2169, "power", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(2308, "ceil", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(2309, "floor", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(2310, "sign", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(2311, "md5", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(2320, "ceiling", FLOAT8, IMMUTABLE, STRICT, FLOAT8),
            proc(2321, "md5", TEXT, IMMUTABLE, STRICT, BYTEA),
            proc(2561, "pg_blocking_pids", INT4_ARRAY, VOLATILE, STRICT, INT4),
            proc(2647, "transaction_timestamp", TIMESTAMPTZ, STABLE, STRICT),
            proc(2648, "statement_timestamp", TIMESTAMPTZ, STABLE, STRICT),
            proc(2649, "clock_timestamp", TIMESTAMPTZ, VOLATILE, STRICT),
            proc(2880, "pg_advisory_lock", VOID, VOLATILE, STRICT, INT8),
            proc(2881, "pg_advisory_lock_shared", VOID, VOLATILE, STRICT, INT8),
            proc(2882, "pg_try_advisory_lock", BOOL, VOLATILE, STRICT, INT8),
            proc(2883, "pg_try_advisory_lock_shared", BOOL, VOLATILE, STRICT, INT8),
            proc(2884, "pg_advisory_unlock", BOOL, VOLATILE, STRICT, INT8),
            proc(2885, "pg_advisory_unlock_shared", BOOL, VOLATILE, STRICT, INT8),
            proc(2886, "pg_advisory_lock", VOID, VOLATILE, STRICT, INT4, INT4),
            proc(2887, "pg_advisory_lock_shared", VOID, VOLATILE, STRICT, INT4, INT4),
            proc(2888, "pg_try_advisory_lock", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(2889, "pg_try_advisory_lock_shared", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(2890, "pg_advisory_unlock", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(2891, "pg_advisory_unlock_shared", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(2892, "pg_advisory_unlock_all", VOID, VOLATILE, STRICT),
            proc(2943, "txid_current", INT8, STABLE, STRICT),
            variadic(3058, "concat", TEXT, STABLE, CALLED, ANY),
            variadic(3059, "concat_ws", TEXT, STABLE, CALLED, TEXT, ANY),
            proc(3060, "left", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(3061, "right", TEXT, IMMUTABLE, STRICT, TEXT, INT4),
            proc(3062, "reverse", TEXT, IMMUTABLE, STRICT, TEXT),
            proc(3089, "pg_advisory_xact_lock", VOID, VOLATILE, STRICT, INT8),
            proc(3090, "pg_advisory_xact_lock_shared", VOID, VOLATILE, STRICT, INT8),
            proc(3091, "pg_try_advisory_xact_lock", BOOL, VOLATILE, STRICT, INT8),
            proc(3092, "pg_try_advisory_xact_lock_shared", BOOL, VOLATILE, STRICT, INT8),
            proc(3093, "pg_advisory_xact_lock", VOID, VOLATILE, STRICT, INT4, INT4),
            proc(3094, "pg_advisory_xact_lock_shared", VOID, VOLATILE, STRICT, INT4, INT4),
            proc(3095, "pg_try_advisory_xact_lock", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(3096, "pg_try_advisory_xact_lock_shared", BOOL, VOLATILE, STRICT, INT4, INT4),
            proc(3281, "scale", INT4, IMMUTABLE, STRICT, NUMERIC),
            proc(3294, "current_setting", TEXT, STABLE, STRICT, TEXT, BOOL),
            proc(3696, "starts_with", BOOL, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(3846, "make_date", DATE, IMMUTABLE, STRICT, INT4, INT4, INT4),
            proc(6199, "extract", NUMERIC, IMMUTABLE, STRICT, TEXT, DATE),
            proc(6200, "extract", NUMERIC, IMMUTABLE, STRICT, TEXT, TIME),
            proc(6202, "extract", NUMERIC, IMMUTABLE, STRICT, TEXT, TIMESTAMP),
            proc(6203, "extract", NUMERIC, STABLE, STRICT, TEXT, TIMESTAMPTZ),
            proc(6204, "extract", NUMERIC, IMMUTABLE, STRICT, TEXT, INTERVAL),
            proc(8000, "current_catalog", NAME, STABLE, STRICT),
            proc(8001, "current_date", DATE, STABLE, STRICT),
            proc(8002, "current_role", NAME, STABLE, STRICT),
            proc(8003, "current_timestamp", TIMESTAMPTZ, STABLE, STRICT),
            proc(8004, "ilike", BOOL, IMMUTABLE, STRICT, TEXT, TEXT),
            proc(8005, "localtime", TIME, STABLE, STRICT),
            proc(8006, "localtimestamp", TIMESTAMP, STABLE, STRICT),
            proc(8007, "user", NAME, STABLE, STRICT),
            proc(1574, "nextval", INT8, VOLATILE, STRICT, REGCLASS),
            proc(1575, "currval", INT8, VOLATILE, STRICT, REGCLASS),
            proc(1576, "setval", INT8, VOLATILE, STRICT, REGCLASS, INT8),
            proc(1765, "setval", INT8, VOLATILE, STRICT, REGCLASS, INT8, BOOL),
            proc(2559, "lastval", INT8, VOLATILE, STRICT),
            proc(1665, "pg_get_serial_sequence", TEXT, STABLE, STRICT, TEXT, TEXT),
            // set-returning (proretset, prorows 1000): SetReturningFunctions
            proc(938, "generate_series", TIMESTAMP, IMMUTABLE, STRICT, TIMESTAMP, TIMESTAMP, INTERVAL),
            proc(939, "generate_series", TIMESTAMPTZ, STABLE, STRICT, TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL),
            proc(1066, "generate_series", INT4, IMMUTABLE, STRICT, INT4, INT4, INT4),
            proc(1067, "generate_series", INT4, IMMUTABLE, STRICT, INT4, INT4),
            proc(1068, "generate_series", INT8, IMMUTABLE, STRICT, INT8, INT8, INT8),
            proc(1069, "generate_series", INT8, IMMUTABLE, STRICT, INT8, INT8),
            proc(3259, "generate_series", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC, NUMERIC),
            proc(3260, "generate_series", NUMERIC, IMMUTABLE, STRICT, NUMERIC, NUMERIC),
            proc(376, "string_to_array", TEXT_ARRAY, IMMUTABLE, CALLED, TEXT, TEXT, TEXT),
            proc(378, "array_append", ANYCOMPATIBLEARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE),
            proc(379, "array_prepend", ANYCOMPATIBLEARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY),
            proc(383, "array_cat", ANYCOMPATIBLEARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY),
            proc(384, "array_to_string", TEXT, STABLE, CALLED, ANYARRAY, TEXT, TEXT),
            proc(394, "string_to_array", TEXT_ARRAY, IMMUTABLE, CALLED, TEXT, TEXT),
            proc(395, "array_to_string", TEXT, STABLE, STRICT, ANYARRAY, TEXT),
            proc(747, "array_dims", TEXT, IMMUTABLE, STRICT, ANYARRAY),
            proc(748, "array_ndims", INT4, IMMUTABLE, STRICT, ANYARRAY),
            proc(1193, "array_fill", ANYARRAY, IMMUTABLE, CALLED, ANYELEMENT, INT4_ARRAY),
            proc(1286, "array_fill", ANYARRAY, IMMUTABLE, CALLED, ANYELEMENT, INT4_ARRAY, INT4_ARRAY),
            proc(2091, "array_lower", INT4, IMMUTABLE, STRICT, ANYARRAY, INT4),
            proc(2092, "array_upper", INT4, IMMUTABLE, STRICT, ANYARRAY, INT4),
            proc(2176, "array_length", INT4, IMMUTABLE, STRICT, ANYARRAY, INT4),
            proc(2331, "unnest", ANYELEMENT, IMMUTABLE, STRICT, ANYARRAY),
            proc(3167, "array_remove", ANYCOMPATIBLEARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE),
            proc(3168, "array_replace", ANYCOMPATIBLEARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE,
                    ANYCOMPATIBLE),
            proc(3179, "cardinality", INT4, IMMUTABLE, STRICT, ANYARRAY),
            proc(3277, "array_position", INT4, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE),
            proc(3278, "array_position", INT4, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, INT4),
            proc(3279, "array_positions", INT4_ARRAY, IMMUTABLE, CALLED, ANYCOMPATIBLEARRAY, ANYCOMPATIBLE),
            // pg_attrdef.adbin and pg_constraint.conbin are text in Woolly (pg_node_tree in PostgreSQL)
            proc(8608, "pg_get_expr", TEXT, STABLE, STRICT, TEXT, OID), // PostgreSQL 1716 takes pg_node_tree, which Woolly stores as text
            proc(8609, "pg_get_expr", TEXT, STABLE, STRICT, TEXT, OID, BOOL), // PostgreSQL 2509 takes pg_node_tree
            proc(1643, "pg_get_indexdef", TEXT, STABLE, STRICT, OID),
            proc(2507, "pg_get_indexdef", TEXT, STABLE, STRICT, OID, INT4, BOOL),
            proc(1387, "pg_get_constraintdef", TEXT, STABLE, STRICT, OID),
            proc(2508, "pg_get_constraintdef", TEXT, STABLE, STRICT, OID, BOOL),
            proc(2081, "pg_function_is_visible", BOOL, STABLE, STRICT, OID),
            proc(2080, "pg_type_is_visible", BOOL, STABLE, STRICT, OID),
            proc(1597, "pg_encoding_to_char", NAME, STABLE, STRICT, INT4),
            proc(3425, "pg_partition_ancestors", REGCLASS, VOLATILE, STRICT, REGCLASS)
    );

    private static final Map<String, Proc> BY_SIGNATURE = new HashMap<>();

    static {
        for (Proc proc : ALL) {
            if (BY_SIGNATURE.put(signature(proc.name(), proc.argumentTypes()), proc) != null) {
                throw new IllegalStateException("pg_proc lists " + proc.name() + " twice");
            }
        }
    }

    private PgProcData() {}

    private static Proc proc(int oid, String name, int returnType, char volatility, boolean strict,
                             int... argumentTypes) {
        return new Proc(oid, name, returnType, volatility, strict, false, argumentTypes);
    }

    private static Proc variadic(int oid, String name, int returnType, char volatility, boolean strict,
                                 int... argumentTypes) {
        return new Proc(oid, name, returnType, volatility, strict, true, argumentTypes);
    }

    public static List<Proc> all() {
        return ALL;
    }

    /** The row of the function with this name and these argument types, or null. */
    public static Proc find(String name, int[] argumentTypes) {
        return BY_SIGNATURE.get(signature(name, argumentTypes));
    }

    /** {@code name(oid oid ...)}: the identity of an overload, as regprocedure spells it with OIDs. */
    static String signature(String name, int[] argumentTypes) {
        return name + Arrays.toString(argumentTypes);
    }
}
