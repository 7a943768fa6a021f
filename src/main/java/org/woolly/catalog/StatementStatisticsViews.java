package org.woolly.catalog;

import org.woolly.catalog.SystemViews.View;
import org.woolly.utils.adt.TypeOids;

/**
 * pg_stat_statements' views, built in ({@code contrib/pg_stat_statements}, version 1.10 of
 * PostgreSQL 15): PostgreSQL's columns, over the {@code woolly_stat_statements_*} functions
 * (PostgreSQL reads {@code pg_stat_statements(true)}'s records). The JIT columns and the
 * temporary-file I/O times are zero: Woolly has no JIT and does not time temporary-file I/O yet. OIDs 9320-9327: PostgreSQL 15 creates these views in the extension's schema, with OIDs
 * assigned at CREATE EXTENSION. {@link SystemViews#all()} lists them.
 */
final class StatementStatisticsViews {
    private StatementStatisticsViews() {}

    static final View PG_STAT_STATEMENTS = new SystemViews.Builder(9320, "pg_stat_statements")
            .column("userid", TypeOids.OID)
            .column("dbid", TypeOids.OID)
            .column("toplevel", TypeOids.BOOL)
            .column("queryid", TypeOids.INT8)
            .column("query", TypeOids.TEXT)
            .column("plans", TypeOids.INT8)
            .column("total_plan_time", TypeOids.FLOAT8)
            .column("min_plan_time", TypeOids.FLOAT8)
            .column("max_plan_time", TypeOids.FLOAT8)
            .column("mean_plan_time", TypeOids.FLOAT8)
            .column("stddev_plan_time", TypeOids.FLOAT8)
            .column("calls", TypeOids.INT8)
            .column("total_exec_time", TypeOids.FLOAT8)
            .column("min_exec_time", TypeOids.FLOAT8)
            .column("max_exec_time", TypeOids.FLOAT8)
            .column("mean_exec_time", TypeOids.FLOAT8)
            .column("stddev_exec_time", TypeOids.FLOAT8)
            .column("rows", TypeOids.INT8)
            .column("shared_blks_hit", TypeOids.INT8)
            .column("shared_blks_read", TypeOids.INT8)
            .column("shared_blks_dirtied", TypeOids.INT8)
            .column("shared_blks_written", TypeOids.INT8)
            .column("local_blks_hit", TypeOids.INT8)
            .column("local_blks_read", TypeOids.INT8)
            .column("local_blks_dirtied", TypeOids.INT8)
            .column("local_blks_written", TypeOids.INT8)
            .column("temp_blks_read", TypeOids.INT8)
            .column("temp_blks_written", TypeOids.INT8)
            .column("blk_read_time", TypeOids.FLOAT8)
            .column("blk_write_time", TypeOids.FLOAT8)
            .column("temp_blk_read_time", TypeOids.FLOAT8)
            .column("temp_blk_write_time", TypeOids.FLOAT8)
            .column("wal_records", TypeOids.INT8)
            .column("wal_fpi", TypeOids.INT8)
            .column("wal_bytes", TypeOids.NUMERIC)
            .column("jit_functions", TypeOids.INT8)
            .column("jit_generation_time", TypeOids.FLOAT8)
            .column("jit_inlining_count", TypeOids.INT8)
            .column("jit_inlining_time", TypeOids.FLOAT8)
            .column("jit_optimization_count", TypeOids.INT8)
            .column("jit_optimization_time", TypeOids.FLOAT8)
            .column("jit_emission_count", TypeOids.INT8)
            .column("jit_emission_time", TypeOids.FLOAT8)
            .definition("""
                    SELECT woolly_stat_statements_oid(s.id, 'userid'::text) AS userid,
                        woolly_stat_statements_oid(s.id, 'dbid'::text) AS dbid,
                        woolly_stat_statements_toplevel(s.id) AS toplevel,
                        woolly_stat_statements_int8(s.id, 'queryid'::text) AS queryid,
                        woolly_stat_statements_query(s.id) AS query,
                        woolly_stat_statements_int8(s.id, 'plans'::text) AS plans,
                        woolly_stat_statements_float8(s.id, 'total_plan_time'::text) AS total_plan_time,
                        woolly_stat_statements_float8(s.id, 'min_plan_time'::text) AS min_plan_time,
                        woolly_stat_statements_float8(s.id, 'max_plan_time'::text) AS max_plan_time,
                        woolly_stat_statements_float8(s.id, 'mean_plan_time'::text) AS mean_plan_time,
                        woolly_stat_statements_float8(s.id, 'stddev_plan_time'::text) AS stddev_plan_time,
                        woolly_stat_statements_int8(s.id, 'calls'::text) AS calls,
                        woolly_stat_statements_float8(s.id, 'total_exec_time'::text) AS total_exec_time,
                        woolly_stat_statements_float8(s.id, 'min_exec_time'::text) AS min_exec_time,
                        woolly_stat_statements_float8(s.id, 'max_exec_time'::text) AS max_exec_time,
                        woolly_stat_statements_float8(s.id, 'mean_exec_time'::text) AS mean_exec_time,
                        woolly_stat_statements_float8(s.id, 'stddev_exec_time'::text) AS stddev_exec_time,
                        woolly_stat_statements_int8(s.id, 'rows'::text) AS rows,
                        woolly_stat_statements_int8(s.id, 'shared_blks_hit'::text) AS shared_blks_hit,
                        woolly_stat_statements_int8(s.id, 'shared_blks_read'::text) AS shared_blks_read,
                        woolly_stat_statements_int8(s.id, 'shared_blks_dirtied'::text) AS shared_blks_dirtied,
                        woolly_stat_statements_int8(s.id, 'shared_blks_written'::text) AS shared_blks_written,
                        woolly_stat_statements_int8(s.id, 'local_blks_hit'::text) AS local_blks_hit,
                        woolly_stat_statements_int8(s.id, 'local_blks_read'::text) AS local_blks_read,
                        woolly_stat_statements_int8(s.id, 'local_blks_dirtied'::text) AS local_blks_dirtied,
                        woolly_stat_statements_int8(s.id, 'local_blks_written'::text) AS local_blks_written,
                        woolly_stat_statements_int8(s.id, 'temp_blks_read'::text) AS temp_blks_read,
                        woolly_stat_statements_int8(s.id, 'temp_blks_written'::text) AS temp_blks_written,
                        woolly_stat_statements_float8(s.id, 'blk_read_time'::text) AS blk_read_time,
                        woolly_stat_statements_float8(s.id, 'blk_write_time'::text) AS blk_write_time,
                        (0)::double precision AS temp_blk_read_time,
                        (0)::double precision AS temp_blk_write_time,
                        woolly_stat_statements_int8(s.id, 'wal_records'::text) AS wal_records,
                        woolly_stat_statements_int8(s.id, 'wal_fpi'::text) AS wal_fpi,
                        woolly_stat_statements_numeric(s.id, 'wal_bytes'::text) AS wal_bytes,
                        (0)::bigint AS jit_functions,
                        (0)::double precision AS jit_generation_time,
                        (0)::bigint AS jit_inlining_count,
                        (0)::double precision AS jit_inlining_time,
                        (0)::bigint AS jit_optimization_count,
                        (0)::double precision AS jit_optimization_time,
                        (0)::bigint AS jit_emission_count,
                        (0)::double precision AS jit_emission_time
                       FROM woolly_stat_statements_idset() s(id);""");

    static final View PG_STAT_STATEMENTS_INFO = new SystemViews.Builder(9324, "pg_stat_statements_info")
            .column("dealloc", TypeOids.INT8).column("stats_reset", TypeOids.TIMESTAMPTZ)
            .definition("""
                    SELECT woolly_stat_statements_info_dealloc() AS dealloc,
                        woolly_stat_statements_info_stats_reset() AS stats_reset;""");
}
