package org.woolly.catalog;

import org.woolly.catalog.SystemViews.View;
import org.woolly.utils.adt.TypeOids;

/**
 * The block I/O views of {@code system_views.sql} ({@code pg_statio_*}): pages of each table,
 * index and sequence requested from the buffer pool, read or found there
 * ({@code org.woolly.pgstat.BlockCounters}), with PostgreSQL 15's OIDs, columns and
 * definitions as {@code pg_get_viewdef} prints them. {@link SystemViews#all()} lists them.
 */
final class BlockStatisticsViews {
    private static final int NAME = TypeOids.NAME;
    private static final int OID = TypeOids.OID;

    private BlockStatisticsViews() {}

    static final View PG_STATIO_ALL_TABLES = new SystemViews.Builder(12170, "pg_statio_all_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("heap_blks_read", TypeOids.INT8).column("heap_blks_hit", TypeOids.INT8).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8).column("toast_blks_read", TypeOids.INT8).column("toast_blks_hit", TypeOids.INT8).column("tidx_blks_read", TypeOids.INT8).column("tidx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT c.oid AS relid,
                        n.nspname AS schemaname,
                        c.relname,
                        (pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) AS heap_blks_read,
                        pg_stat_get_blocks_hit(c.oid) AS heap_blks_hit,
                        i.idx_blks_read,
                        i.idx_blks_hit,
                        (pg_stat_get_blocks_fetched(t.oid) - pg_stat_get_blocks_hit(t.oid)) AS toast_blks_read,
                        pg_stat_get_blocks_hit(t.oid) AS toast_blks_hit,
                        x.idx_blks_read AS tidx_blks_read,
                        x.idx_blks_hit AS tidx_blks_hit
                       FROM ((((pg_class c
                         LEFT JOIN pg_class t ON ((c.reltoastrelid = t.oid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN LATERAL ( SELECT (sum((pg_stat_get_blocks_fetched(pg_index.indexrelid) - pg_stat_get_blocks_hit(pg_index.indexrelid))))::bigint AS idx_blks_read,
                                (sum(pg_stat_get_blocks_hit(pg_index.indexrelid)))::bigint AS idx_blks_hit
                               FROM pg_index
                              WHERE (pg_index.indrelid = c.oid)) i ON (true))
                         LEFT JOIN LATERAL ( SELECT (sum((pg_stat_get_blocks_fetched(pg_index.indexrelid) - pg_stat_get_blocks_hit(pg_index.indexrelid))))::bigint AS idx_blks_read,
                                (sum(pg_stat_get_blocks_hit(pg_index.indexrelid)))::bigint AS idx_blks_hit
                               FROM pg_index
                              WHERE (pg_index.indrelid = t.oid)) x ON (true))
                      WHERE (c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]));""");

    static final View PG_STATIO_SYS_TABLES = new SystemViews.Builder(12175, "pg_statio_sys_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("heap_blks_read", TypeOids.INT8).column("heap_blks_hit", TypeOids.INT8).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8).column("toast_blks_read", TypeOids.INT8).column("toast_blks_hit", TypeOids.INT8).column("tidx_blks_read", TypeOids.INT8).column("tidx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_tables.relid,
                        pg_statio_all_tables.schemaname,
                        pg_statio_all_tables.relname,
                        pg_statio_all_tables.heap_blks_read,
                        pg_statio_all_tables.heap_blks_hit,
                        pg_statio_all_tables.idx_blks_read,
                        pg_statio_all_tables.idx_blks_hit,
                        pg_statio_all_tables.toast_blks_read,
                        pg_statio_all_tables.toast_blks_hit,
                        pg_statio_all_tables.tidx_blks_read,
                        pg_statio_all_tables.tidx_blks_hit
                       FROM pg_statio_all_tables
                      WHERE ((pg_statio_all_tables.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR (pg_statio_all_tables.schemaname ~ '^pg_toast'::text));""");

    static final View PG_STATIO_USER_TABLES = new SystemViews.Builder(12179, "pg_statio_user_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("heap_blks_read", TypeOids.INT8).column("heap_blks_hit", TypeOids.INT8).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8).column("toast_blks_read", TypeOids.INT8).column("toast_blks_hit", TypeOids.INT8).column("tidx_blks_read", TypeOids.INT8).column("tidx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_tables.relid,
                        pg_statio_all_tables.schemaname,
                        pg_statio_all_tables.relname,
                        pg_statio_all_tables.heap_blks_read,
                        pg_statio_all_tables.heap_blks_hit,
                        pg_statio_all_tables.idx_blks_read,
                        pg_statio_all_tables.idx_blks_hit,
                        pg_statio_all_tables.toast_blks_read,
                        pg_statio_all_tables.toast_blks_hit,
                        pg_statio_all_tables.tidx_blks_read,
                        pg_statio_all_tables.tidx_blks_hit
                       FROM pg_statio_all_tables
                      WHERE ((pg_statio_all_tables.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND (pg_statio_all_tables.schemaname !~ '^pg_toast'::text));""");

    static final View PG_STATIO_ALL_INDEXES = new SystemViews.Builder(12196, "pg_statio_all_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT c.oid AS relid,
                        i.oid AS indexrelid,
                        n.nspname AS schemaname,
                        c.relname,
                        i.relname AS indexrelname,
                        (pg_stat_get_blocks_fetched(i.oid) - pg_stat_get_blocks_hit(i.oid)) AS idx_blks_read,
                        pg_stat_get_blocks_hit(i.oid) AS idx_blks_hit
                       FROM (((pg_class c
                         JOIN pg_index x ON ((c.oid = x.indrelid)))
                         JOIN pg_class i ON ((i.oid = x.indexrelid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                      WHERE (c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]));""");

    static final View PG_STATIO_SYS_INDEXES = new SystemViews.Builder(12201, "pg_statio_sys_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_indexes.relid,
                        pg_statio_all_indexes.indexrelid,
                        pg_statio_all_indexes.schemaname,
                        pg_statio_all_indexes.relname,
                        pg_statio_all_indexes.indexrelname,
                        pg_statio_all_indexes.idx_blks_read,
                        pg_statio_all_indexes.idx_blks_hit
                       FROM pg_statio_all_indexes
                      WHERE ((pg_statio_all_indexes.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR (pg_statio_all_indexes.schemaname ~ '^pg_toast'::text));""");

    static final View PG_STATIO_USER_INDEXES = new SystemViews.Builder(12205, "pg_statio_user_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_blks_read", TypeOids.INT8).column("idx_blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_indexes.relid,
                        pg_statio_all_indexes.indexrelid,
                        pg_statio_all_indexes.schemaname,
                        pg_statio_all_indexes.relname,
                        pg_statio_all_indexes.indexrelname,
                        pg_statio_all_indexes.idx_blks_read,
                        pg_statio_all_indexes.idx_blks_hit
                       FROM pg_statio_all_indexes
                      WHERE ((pg_statio_all_indexes.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND (pg_statio_all_indexes.schemaname !~ '^pg_toast'::text));""");

    static final View PG_STATIO_ALL_SEQUENCES = new SystemViews.Builder(12209, "pg_statio_all_sequences")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("blks_read", TypeOids.INT8).column("blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT c.oid AS relid,
                        n.nspname AS schemaname,
                        c.relname,
                        (pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) AS blks_read,
                        pg_stat_get_blocks_hit(c.oid) AS blks_hit
                       FROM (pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                      WHERE (c.relkind = 'S'::"char");""");

    static final View PG_STATIO_SYS_SEQUENCES = new SystemViews.Builder(12214, "pg_statio_sys_sequences")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("blks_read", TypeOids.INT8).column("blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_sequences.relid,
                        pg_statio_all_sequences.schemaname,
                        pg_statio_all_sequences.relname,
                        pg_statio_all_sequences.blks_read,
                        pg_statio_all_sequences.blks_hit
                       FROM pg_statio_all_sequences
                      WHERE ((pg_statio_all_sequences.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR (pg_statio_all_sequences.schemaname ~ '^pg_toast'::text));""");

    static final View PG_STATIO_USER_SEQUENCES = new SystemViews.Builder(12218, "pg_statio_user_sequences")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("blks_read", TypeOids.INT8).column("blks_hit", TypeOids.INT8)
            .definition("""
                    SELECT pg_statio_all_sequences.relid,
                        pg_statio_all_sequences.schemaname,
                        pg_statio_all_sequences.relname,
                        pg_statio_all_sequences.blks_read,
                        pg_statio_all_sequences.blks_hit
                       FROM pg_statio_all_sequences
                      WHERE ((pg_statio_all_sequences.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND (pg_statio_all_sequences.schemaname !~ '^pg_toast'::text));""");
}
