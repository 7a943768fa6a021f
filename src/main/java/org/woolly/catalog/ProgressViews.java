package org.woolly.catalog;

import org.woolly.catalog.SystemViews.View;
import org.woolly.utils.adt.TypeOids;

/**
 * The progress views of {@code system_views.sql} ({@code pg_stat_progress_vacuum},
 * {@code _analyze}, {@code _create_index}, {@code _copy}) with PostgreSQL 15's OIDs, columns and
 * phase names. PostgreSQL reads {@code pg_stat_get_progress_info(cmd)}'s records; these read the
 * same twenty parameters per backend through {@code woolly_stat_progress_*}, which the running
 * commands set through {@code org.woolly.pgstat.CommandProgress}. B-tree's build sub-phases
 * ({@code pg_indexam_progress_phasename}) come from {@code woolly_btree_progress_phasename}.
 * {@link SystemViews#all()} lists them.
 */
final class ProgressViews {
    private ProgressViews() {}

    /**
     * The rows {@code pg_stat_get_progress_info(command)} gives PostgreSQL's views, as a subquery
     * {@code s(pid, datid, relid, param1, ...)} with the {@code parameters} the view reads.
     */
    private static String progressInfo(String command, int parameters) {
        StringBuilder sql = new StringBuilder("( SELECT woolly_stat_progress_pid('%1$s'::text, p.id) AS pid,\n"
                + "        woolly_stat_progress_datid('%1$s'::text, p.id) AS datid,\n"
                + "        woolly_stat_progress_relid('%1$s'::text, p.id) AS relid");
        for (int i = 1; i <= parameters; i++) {
            sql.append(",\n        woolly_stat_progress_param('%1$s'::text, p.id, ").append(i)
                    .append(") AS param").append(i);
        }
        return sql.append("\n       FROM woolly_stat_progress_idset('%1$s'::text) p(id)) s\n     ")
                .toString().formatted(command);
    }

    static final View PG_STAT_PROGRESS_VACUUM = new SystemViews.Builder(12302, "pg_stat_progress_vacuum")
            .column("pid", TypeOids.INT4)
            .column("datid", TypeOids.OID)
            .column("datname", TypeOids.NAME)
            .column("relid", TypeOids.OID)
            .column("phase", TypeOids.TEXT)
            .column("heap_blks_total", TypeOids.INT8)
            .column("heap_blks_scanned", TypeOids.INT8)
            .column("heap_blks_vacuumed", TypeOids.INT8)
            .column("index_vacuum_count", TypeOids.INT8)
            .column("max_dead_tuples", TypeOids.INT8)
            .column("num_dead_tuples", TypeOids.INT8)
            .definition("""
                    SELECT s.pid,
                        s.datid,
                        d.datname,
                        s.relid,
                            CASE s.param1
                                WHEN 0 THEN 'initializing'::text
                                WHEN 1 THEN 'scanning heap'::text
                                WHEN 2 THEN 'vacuuming indexes'::text
                                WHEN 3 THEN 'vacuuming heap'::text
                                WHEN 4 THEN 'cleaning up indexes'::text
                                WHEN 5 THEN 'truncating heap'::text
                                WHEN 6 THEN 'performing final cleanup'::text
                                ELSE NULL::text
                            END AS phase,
                        s.param2 AS heap_blks_total,
                        s.param3 AS heap_blks_scanned,
                        s.param4 AS heap_blks_vacuumed,
                        s.param5 AS index_vacuum_count,
                        s.param6 AS max_dead_tuples,
                        s.param7 AS num_dead_tuples
                       FROM (""" + progressInfo("VACUUM", 7) + """
                         LEFT JOIN pg_database d ON ((s.datid = d.oid)));""");

    static final View PG_STAT_PROGRESS_ANALYZE = new SystemViews.Builder(12297, "pg_stat_progress_analyze")
            .column("pid", TypeOids.INT4)
            .column("datid", TypeOids.OID)
            .column("datname", TypeOids.NAME)
            .column("relid", TypeOids.OID)
            .column("phase", TypeOids.TEXT)
            .column("sample_blks_total", TypeOids.INT8)
            .column("sample_blks_scanned", TypeOids.INT8)
            .column("ext_stats_total", TypeOids.INT8)
            .column("ext_stats_computed", TypeOids.INT8)
            .column("child_tables_total", TypeOids.INT8)
            .column("child_tables_done", TypeOids.INT8)
            .column("current_child_table_relid", TypeOids.OID)
            .definition("""
                    SELECT s.pid,
                        s.datid,
                        d.datname,
                        s.relid,
                            CASE s.param1
                                WHEN 0 THEN 'initializing'::text
                                WHEN 1 THEN 'acquiring sample rows'::text
                                WHEN 2 THEN 'acquiring inherited sample rows'::text
                                WHEN 3 THEN 'computing statistics'::text
                                WHEN 4 THEN 'computing extended statistics'::text
                                WHEN 5 THEN 'finalizing analyze'::text
                                ELSE NULL::text
                            END AS phase,
                        s.param2 AS sample_blks_total,
                        s.param3 AS sample_blks_scanned,
                        s.param4 AS ext_stats_total,
                        s.param5 AS ext_stats_computed,
                        s.param6 AS child_tables_total,
                        s.param7 AS child_tables_done,
                        (s.param8)::oid AS current_child_table_relid
                       FROM (""" + progressInfo("ANALYZE", 8) + """
                         LEFT JOIN pg_database d ON ((s.datid = d.oid)));""");

    static final View PG_STAT_PROGRESS_CREATE_INDEX = new SystemViews.Builder(12312, "pg_stat_progress_create_index")
            .column("pid", TypeOids.INT4)
            .column("datid", TypeOids.OID)
            .column("datname", TypeOids.NAME)
            .column("relid", TypeOids.OID)
            .column("index_relid", TypeOids.OID)
            .column("command", TypeOids.TEXT)
            .column("phase", TypeOids.TEXT)
            .column("lockers_total", TypeOids.INT8)
            .column("lockers_done", TypeOids.INT8)
            .column("current_locker_pid", TypeOids.INT8)
            .column("blocks_total", TypeOids.INT8)
            .column("blocks_done", TypeOids.INT8)
            .column("tuples_total", TypeOids.INT8)
            .column("tuples_done", TypeOids.INT8)
            .column("partitions_total", TypeOids.INT8)
            .column("partitions_done", TypeOids.INT8)
            .definition("""
                    SELECT s.pid,
                        s.datid,
                        d.datname,
                        s.relid,
                        (s.param7)::oid AS index_relid,
                            CASE s.param1
                                WHEN 1 THEN 'CREATE INDEX'::text
                                WHEN 2 THEN 'CREATE INDEX CONCURRENTLY'::text
                                WHEN 3 THEN 'REINDEX'::text
                                WHEN 4 THEN 'REINDEX CONCURRENTLY'::text
                                ELSE NULL::text
                            END AS command,
                            CASE s.param10
                                WHEN 0 THEN 'initializing'::text
                                WHEN 1 THEN 'waiting for writers before build'::text
                                WHEN 2 THEN ('building index'::text || COALESCE((': '::text || woolly_btree_progress_phasename(s.param11)), ''::text))
                                WHEN 3 THEN 'waiting for writers before validation'::text
                                WHEN 4 THEN 'index validation: scanning index'::text
                                WHEN 5 THEN 'index validation: sorting tuples'::text
                                WHEN 6 THEN 'index validation: scanning table'::text
                                WHEN 7 THEN 'waiting for old snapshots'::text
                                WHEN 8 THEN 'waiting for readers before marking dead'::text
                                WHEN 9 THEN 'waiting for readers before dropping'::text
                                ELSE NULL::text
                            END AS phase,
                        s.param4 AS lockers_total,
                        s.param5 AS lockers_done,
                        s.param6 AS current_locker_pid,
                        s.param16 AS blocks_total,
                        s.param17 AS blocks_done,
                        s.param12 AS tuples_total,
                        s.param13 AS tuples_done,
                        s.param14 AS partitions_total,
                        s.param15 AS partitions_done
                       FROM (""" + progressInfo("CREATE INDEX", 17) + """
                         LEFT JOIN pg_database d ON ((s.datid = d.oid)));""");

    static final View PG_STAT_PROGRESS_COPY = new SystemViews.Builder(12322, "pg_stat_progress_copy")
            .column("pid", TypeOids.INT4)
            .column("datid", TypeOids.OID)
            .column("datname", TypeOids.NAME)
            .column("relid", TypeOids.OID)
            .column("command", TypeOids.TEXT)
            .column("type", TypeOids.TEXT)
            .column("bytes_processed", TypeOids.INT8)
            .column("bytes_total", TypeOids.INT8)
            .column("tuples_processed", TypeOids.INT8)
            .column("tuples_excluded", TypeOids.INT8)
            .definition("""
                    SELECT s.pid,
                        s.datid,
                        d.datname,
                        s.relid,
                            CASE s.param5
                                WHEN 1 THEN 'COPY FROM'::text
                                WHEN 2 THEN 'COPY TO'::text
                                ELSE NULL::text
                            END AS command,
                            CASE s.param6
                                WHEN 1 THEN 'FILE'::text
                                WHEN 2 THEN 'PROGRAM'::text
                                WHEN 3 THEN 'PIPE'::text
                                WHEN 4 THEN 'CALLBACK'::text
                                ELSE NULL::text
                            END AS type,
                        s.param1 AS bytes_processed,
                        s.param2 AS bytes_total,
                        s.param3 AS tuples_processed,
                        s.param4 AS tuples_excluded
                       FROM (""" + progressInfo("COPY", 6) + """
                         LEFT JOIN pg_database d ON ((s.datid = d.oid)));""");
}
