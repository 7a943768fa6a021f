package org.woolly.utils.adt;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.woolly.utils.adt.PgProcData.CALLED;
import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * pg_stat_statements' functions, built in ({@code contrib/pg_stat_statements}). PostgreSQL's
 * view reads {@code pg_stat_statements(true)}'s records, which Woolly cannot return yet, so the
 * view calls {@code woolly_stat_statements_*} per entry over
 * {@code woolly_stat_statements_idset()} (1 to the number of entries in the statement's
 * snapshot), as pg_stat_activity does over the backends. {@code pg_stat_statements_reset} takes
 * zero to three of its arguments (PostgreSQL's defaults are 0). OIDs 9300-9311: PostgreSQL 15
 * has these in an extension, not in pg_proc.
 */
final class StatementStatisticsFunctions {
    private StatementStatisticsFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int int4 = TypeOids.INT4;
        int text = TypeOids.TEXT;
        r.function("woolly_stat_statements_idset", int4, STABLE, STRICT,
                (a, c) -> IntStream.rangeClosed(1, c.serverActivity().statements().size()).boxed().iterator());
        r.function("woolly_stat_statements_oid", TypeOids.OID, STABLE, STRICT, (a, c) -> column(a, c, row ->
                switch ((String) a[1]) {
                    case "userid" -> row.userOid();
                    case "dbid" -> row.databaseOid();
                    default -> null;
                }), int4, text);
        r.function("woolly_stat_statements_toplevel", TypeOids.BOOL, STABLE, STRICT,
                (a, c) -> column(a, c, StatementActivity::topLevel), int4);
        r.function("woolly_stat_statements_query", text, STABLE, STRICT,
                (a, c) -> column(a, c, StatementActivity::query), int4);
        r.function("woolly_stat_statements_int8", TypeOids.INT8, STABLE, STRICT, (a, c) -> column(a, c, row ->
                a[1].equals("queryid") ? row.queryId() : row.columns().getOrDefault((String) a[1], 0L)), int4, text);
        r.function("woolly_stat_statements_float8", TypeOids.FLOAT8, STABLE, STRICT,
                (a, c) -> column(a, c, row -> row.columns().getOrDefault((String) a[1], 0.0)), int4, text);
        r.function("woolly_stat_statements_numeric", TypeOids.NUMERIC, STABLE, STRICT,
                (a, c) -> column(a, c, row -> row.columns().getOrDefault((String) a[1], java.math.BigDecimal.ZERO)),
                int4, text);
        r.function("woolly_stat_statements_info_dealloc", TypeOids.INT8, STABLE, STRICT,
                (a, c) -> c.serverActivity().statementsInfo("dealloc"));
        r.function("woolly_stat_statements_info_stats_reset", TypeOids.TIMESTAMPTZ, STABLE, STRICT,
                (a, c) -> c.serverActivity().statementsInfo("stats_reset"));
        r.function("pg_stat_statements_reset", TypeOids.VOID, VOLATILE, CALLED, (a, c) -> reset(c, 0, 0, 0));
        r.function("pg_stat_statements_reset", TypeOids.VOID, VOLATILE, CALLED,
                (a, c) -> reset(c, oidOrZero(a[0]), 0, 0), TypeOids.OID);
        r.function("pg_stat_statements_reset", TypeOids.VOID, VOLATILE, CALLED,
                (a, c) -> reset(c, oidOrZero(a[0]), oidOrZero(a[1]), 0), TypeOids.OID, TypeOids.OID);
        r.function("pg_stat_statements_reset", TypeOids.VOID, VOLATILE, CALLED,
                (a, c) -> reset(c, oidOrZero(a[0]), oidOrZero(a[1]), a[2] == null ? 0 : (Long) a[2]),
                TypeOids.OID, TypeOids.OID, TypeOids.INT8);
    }

    /**
     * The progress views' functions (PostgreSQL reads {@code pg_stat_get_progress_info(cmd)}'s
     * records): per command, ids 1 to the number of backends running it, and their columns.
     */
    static void registerProgress(BuiltinFunctions.Registry r) {
        int int4 = TypeOids.INT4;
        int text = TypeOids.TEXT;
        r.function("woolly_stat_progress_idset", int4, STABLE, STRICT, (a, c) -> IntStream.rangeClosed(1,
                c.serverActivity().progress((String) a[0]).size()).boxed().iterator(), text);
        r.function("woolly_stat_progress_pid", int4, STABLE, STRICT,
                (a, c) -> progress(a, c, ProgressActivity::pid), text, int4);
        r.function("woolly_stat_progress_datid", TypeOids.OID, STABLE, STRICT,
                (a, c) -> progress(a, c, ProgressActivity::databaseOid), text, int4);
        r.function("woolly_stat_progress_relid", TypeOids.OID, STABLE, STRICT,
                (a, c) -> progress(a, c, ProgressActivity::relationOid), text, int4);
        r.function("woolly_stat_progress_param", TypeOids.INT8, STABLE, STRICT, (a, c) -> progress(a, c, row -> {
            int index = (Integer) a[2];
            return index < 1 || index > row.parameters().length ? null : (Object) row.parameters()[index - 1];
        }), text, int4, int4);
        r.function("woolly_btree_progress_phasename", text, PgProcData.IMMUTABLE, STRICT, (a, c) ->
                switch (((Long) a[0]).intValue()) {
                    case 1 -> "initializing";
                    case 2 -> "scanning table";
                    case 3 -> "sorting live tuples";
                    case 4 -> "sorting dead tuples";
                    case 5 -> "loading tuples in tree";
                    default -> null;
                }, TypeOids.INT8);
    }

    private static Object progress(Object[] a, FunctionContext c, Function<ProgressActivity, Object> column) {
        List<ProgressActivity> rows = c.serverActivity().progress((String) a[0]);
        int id = (Integer) a[1];
        return id < 1 || id > rows.size() ? null : column.apply(rows.get(id - 1));
    }

    private static Object column(Object[] a, FunctionContext c, Function<StatementActivity, Object> column) {
        List<StatementActivity> rows = c.serverActivity().statements();
        int id = (Integer) a[0];
        return id < 1 || id > rows.size() ? null : column.apply(rows.get(id - 1));
    }

    private static int oidOrZero(Object value) {
        return value == null ? 0 : (Integer) value;
    }

    private static Object reset(FunctionContext c, int userOid, int databaseOid, long queryId) {
        c.serverActivity().resetStatements(userOid, databaseOid, queryId);
        return VoidIO.VALUE;
    }
}
