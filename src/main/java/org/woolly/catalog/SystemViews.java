package org.woolly.catalog;

import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.TypeOids;

import java.util.ArrayList;
import java.util.List;

/**
 * The system views initdb creates ({@code src/backend/catalog/system_views.sql}), with
 * PostgreSQL 15's OIDs, column names and types. A view is a pg_class row of relkind 'v' (no
 * storage), its columns in pg_attribute, its row type in pg_type and one {@code _RETURN} rule in
 * pg_rewrite whose {@code ev_action} is the query as SQL text, written as PostgreSQL's
 * {@code pg_get_viewdef} prints it where Woolly can run that form; the analyzer expands the view
 * as a subquery. How to add one: README.md "Views".
 */
public final class SystemViews {
    private static final int NAME = TypeOids.NAME;
    private static final int BOOL = TypeOids.BOOL;
    private static final int INT4 = TypeOids.INT4;
    private static final int TEXT = TypeOids.TEXT;
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;
    private static final int OID = TypeOids.OID;
    private static final int TIMESTAMPTZ = TypeOids.TIMESTAMPTZ;

    /** Name of the rule that makes a relation a view ({@code ViewSelectRuleName}). */
    public static final String RETURN_RULE = "_RETURN";

    /**
     * One system view. Its row type OID is {@code oid + 2} and its rule's {@code oid + 3}, as
     * PostgreSQL 15's initdb assigns them (the array type, {@code oid + 1}, Woolly does not create).
     *
     * @param definition the query, as {@code pg_views.definition} shows it
     */
    public record View(int oid, String name, List<CatalogColumn> columns, String definition) {
        public int rowTypeOid() {
            return oid + 2;
        }

        public int ruleOid() {
            return oid + 3;
        }
    }

    public static final View PG_ROLES = new Builder(12000, "pg_roles")
            .column("rolname", NAME).column("rolsuper", BOOL).column("rolinherit", BOOL)
            .column("rolcreaterole", BOOL).column("rolcreatedb", BOOL).column("rolcanlogin", BOOL)
            .column("rolreplication", BOOL).column("rolconnlimit", INT4).column("rolpassword", TEXT)
            .column("rolvaliduntil", TIMESTAMPTZ).column("rolbypassrls", BOOL).column("rolconfig", TEXT_ARRAY)
            .column("oid", OID)
            .definition("""
                    SELECT pg_authid.rolname,
                        pg_authid.rolsuper,
                        pg_authid.rolinherit,
                        pg_authid.rolcreaterole,
                        pg_authid.rolcreatedb,
                        pg_authid.rolcanlogin,
                        pg_authid.rolreplication,
                        pg_authid.rolconnlimit,
                        '********'::text AS rolpassword,
                        pg_authid.rolvaliduntil,
                        pg_authid.rolbypassrls,
                        s.setconfig AS rolconfig,
                        pg_authid.oid
                       FROM (pg_authid
                         LEFT JOIN pg_db_role_setting s ON (((pg_authid.oid = s.setrole) AND (s.setdatabase = (0)::oid))));""");

    public static final View PG_SHADOW = new Builder(12005, "pg_shadow")
            .column("usename", NAME).column("usesysid", OID).column("usecreatedb", BOOL).column("usesuper", BOOL)
            .column("userepl", BOOL).column("usebypassrls", BOOL).column("passwd", TEXT)
            .column("valuntil", TIMESTAMPTZ).column("useconfig", TEXT_ARRAY)
            .definition("""
                    SELECT pg_authid.rolname AS usename,
                        pg_authid.oid AS usesysid,
                        pg_authid.rolcreatedb AS usecreatedb,
                        pg_authid.rolsuper AS usesuper,
                        pg_authid.rolreplication AS userepl,
                        pg_authid.rolbypassrls AS usebypassrls,
                        pg_authid.rolpassword AS passwd,
                        pg_authid.rolvaliduntil AS valuntil,
                        s.setconfig AS useconfig
                       FROM (pg_authid
                         LEFT JOIN pg_db_role_setting s ON (((pg_authid.oid = s.setrole) AND (s.setdatabase = (0)::oid))))
                      WHERE pg_authid.rolcanlogin;""");

    public static final View PG_USER = new Builder(12014, "pg_user")
            .column("usename", NAME).column("usesysid", OID).column("usecreatedb", BOOL).column("usesuper", BOOL)
            .column("userepl", BOOL).column("usebypassrls", BOOL).column("passwd", TEXT)
            .column("valuntil", TIMESTAMPTZ).column("useconfig", TEXT_ARRAY)
            .definition("""
                    SELECT pg_shadow.usename,
                        pg_shadow.usesysid,
                        pg_shadow.usecreatedb,
                        pg_shadow.usesuper,
                        pg_shadow.userepl,
                        pg_shadow.usebypassrls,
                        '********'::text AS passwd,
                        pg_shadow.valuntil,
                        pg_shadow.useconfig
                       FROM pg_shadow;""");

    /** {@code pg_get_userbyid} is a join with pg_authid here. */
    public static final View PG_VIEWS = new Builder(12028, "pg_views")
            .column("schemaname", NAME).column("viewname", NAME).column("viewowner", NAME)
            .column("definition", TEXT)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS viewname,
                        a.rolname AS viewowner,
                        pg_get_viewdef(c.oid) AS definition
                       FROM ((pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                      WHERE (c.relkind = 'v'::"char");""");

    /** PostgreSQL 15's query as it is (its OID there is 12023; Woolly's range for it is 9700-9734). */
    public static final View PG_RULES = new Builder(9700, "pg_rules")
            .column("schemaname", NAME).column("tablename", NAME).column("rulename", NAME)
            .column("definition", TEXT)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS tablename,
                        r.rulename,
                        pg_get_ruledef(r.oid) AS definition
                       FROM ((pg_rewrite r
                         JOIN pg_class c ON ((c.oid = r.ev_class)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                      WHERE (r.rulename <> '_RETURN'::name);""");

    /** PostgreSQL 15's query as it is. */
    public static final View PG_INDEXES = new Builder(12043, "pg_indexes")
            .column("schemaname", NAME).column("tablename", NAME).column("indexname", NAME)
            .column("tablespace", NAME).column("indexdef", TEXT)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS tablename,
                        i.relname AS indexname,
                        t.spcname AS tablespace,
                        pg_get_indexdef(i.oid) AS indexdef
                       FROM ((((pg_index x
                         JOIN pg_class c ON ((c.oid = x.indrelid)))
                         JOIN pg_class i ON ((i.oid = x.indexrelid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_tablespace t ON ((t.oid = i.reltablespace)))
                      WHERE ((c.relkind = ANY (ARRAY['r'::"char", 'm'::"char", 'p'::"char"])) AND (i.relkind = ANY (ARRAY['i'::"char", 'I'::"char"])));""");

    /** Empty (Woolly has no materialized views); {@code pg_get_viewdef} is a join with pg_rewrite as in pg_views. */
    public static final View PG_MATVIEWS = new Builder(12038, "pg_matviews")
            .column("schemaname", NAME).column("matviewname", NAME).column("matviewowner", NAME)
            .column("tablespace", NAME).column("hasindexes", BOOL).column("ispopulated", BOOL)
            .column("definition", TEXT)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS matviewname,
                        a.rolname AS matviewowner,
                        t.spcname AS tablespace,
                        c.relhasindex AS hasindexes,
                        c.relispopulated AS ispopulated,
                        r.ev_action AS definition
                       FROM ((((pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_tablespace t ON ((t.oid = c.reltablespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                         LEFT JOIN pg_rewrite r ON (((r.ev_class = c.oid) AND (r.rulename = '_RETURN'::name))))
                      WHERE (c.relkind = 'm'::"char");""");

    /** {@code pg_get_userbyid} is a join with pg_authid, {@code = ANY (ARRAY[...])} an IN list here. */
    public static final View PG_TABLES = new Builder(12033, "pg_tables")
            .column("schemaname", NAME).column("tablename", NAME).column("tableowner", NAME)
            .column("tablespace", NAME).column("hasindexes", BOOL).column("hasrules", BOOL)
            .column("hastriggers", BOOL).column("rowsecurity", BOOL)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS tablename,
                        a.rolname AS tableowner,
                        t.spcname AS tablespace,
                        c.relhasindex AS hasindexes,
                        c.relhasrules AS hasrules,
                        c.relhastriggers AS hastriggers,
                        c.relrowsecurity AS rowsecurity
                       FROM (((pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_tablespace t ON ((t.oid = c.reltablespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                      WHERE (c.relkind IN ('r'::"char", 'p'::"char"));""");

    private static final String ACTIVITY_FROM = "\n   FROM ((pg_stat_get_backend_idset() s(backendid)\n"
            + "     LEFT JOIN pg_database d ON ((pg_stat_get_backend_dbid(s.backendid) = d.oid)))\n"
            + "     LEFT JOIN pg_authid u ON ((pg_stat_get_backend_userid(s.backendid) = u.oid)));";

    /**
     * PostgreSQL reads one record per process from {@code pg_stat_get_activity(NULL)}; Woolly
     * has no record-returning functions yet, so the view calls the per-backend functions
     * (PostgreSQL's own, and {@code woolly_stat_get_backend_*} for the columns it has none for)
     * over {@code pg_stat_get_backend_idset()}. client_addr is text (Woolly has no inet type),
     * backend_xid and backend_xmin are text (no xid type); client_hostname is NULL as in
     * PostgreSQL without log_hostname.
     */
    public static final View PG_STAT_ACTIVITY = activityColumns(new Builder(12222, "pg_stat_activity"))
            .definition(activitySelect("") + ACTIVITY_FROM);

    /**
     * Woolly's own: pg_stat_activity's columns (its clients keep their column list) followed by
     * the plan node the running statement is in now and the rows that node returned so far
     * (NULL when the process runs no statement, or when its query is hidden from the caller).
     */
    public static final View WOOLLY_STAT_ACTIVITY = activityColumns(new Builder(9750, "woolly_stat_activity"))
            .column("plan_node", TEXT).column("plan_rows", TypeOids.INT8)
            .definition(activitySelect(",\n    woolly_stat_get_backend_plan_node(s.backendid) AS plan_node,"
                    + "\n    woolly_stat_get_backend_plan_rows(s.backendid) AS plan_rows") + ACTIVITY_FROM);

    private static Builder activityColumns(Builder builder) {
        return builder.column("datid", OID).column("datname", NAME).column("pid", INT4).column("leader_pid", INT4)
                .column("usesysid", OID).column("usename", NAME).column("application_name", TEXT)
                .asText("client_addr", "inet").column("client_hostname", TEXT).column("client_port", INT4)
                .column("backend_start", TIMESTAMPTZ).column("xact_start", TIMESTAMPTZ)
                .column("query_start", TIMESTAMPTZ).column("state_change", TIMESTAMPTZ)
                .column("wait_event_type", TEXT).column("wait_event", TEXT).column("state", TEXT)
                .asText("backend_xid", "xid").asText("backend_xmin", "xid").column("query_id", TypeOids.INT8)
                .column("query", TEXT).column("backend_type", TEXT);
    }

    private static String activitySelect(String moreColumns) {
        return """
                SELECT pg_stat_get_backend_dbid(s.backendid) AS datid,
                    d.datname,
                    pg_stat_get_backend_pid(s.backendid) AS pid,
                    woolly_stat_get_backend_leader_pid(s.backendid) AS leader_pid,
                    pg_stat_get_backend_userid(s.backendid) AS usesysid,
                    u.rolname AS usename,
                    woolly_stat_get_backend_application_name(s.backendid) AS application_name,
                    woolly_stat_get_backend_client_addr(s.backendid) AS client_addr,
                    NULL::text AS client_hostname,
                    pg_stat_get_backend_client_port(s.backendid) AS client_port,
                    pg_stat_get_backend_start(s.backendid) AS backend_start,
                    pg_stat_get_backend_xact_start(s.backendid) AS xact_start,
                    pg_stat_get_backend_activity_start(s.backendid) AS query_start,
                    woolly_stat_get_backend_state_change(s.backendid) AS state_change,
                    pg_stat_get_backend_wait_event_type(s.backendid) AS wait_event_type,
                    pg_stat_get_backend_wait_event(s.backendid) AS wait_event,
                    woolly_stat_get_backend_state(s.backendid) AS state,
                    woolly_stat_get_backend_xid(s.backendid) AS backend_xid,
                    woolly_stat_get_backend_xmin(s.backendid) AS backend_xmin,
                    woolly_stat_get_backend_query_id(s.backendid) AS query_id,
                    pg_stat_get_backend_activity(s.backendid) AS query,
                    woolly_stat_get_backend_type(s.backendid) AS backend_type""" + moreColumns;
    }

    /** PostgreSQL 15's definition, as {@code pg_get_viewdef} prints it. */
    public static final View PG_STAT_DATABASE = new Builder(12266, "pg_stat_database")
            .column("datid", OID).column("datname", NAME).column("numbackends", INT4)
            .column("xact_commit", TypeOids.INT8).column("xact_rollback", TypeOids.INT8)
            .column("blks_read", TypeOids.INT8).column("blks_hit", TypeOids.INT8)
            .column("tup_returned", TypeOids.INT8).column("tup_fetched", TypeOids.INT8)
            .column("tup_inserted", TypeOids.INT8).column("tup_updated", TypeOids.INT8)
            .column("tup_deleted", TypeOids.INT8).column("conflicts", TypeOids.INT8)
            .column("temp_files", TypeOids.INT8).column("temp_bytes", TypeOids.INT8)
            .column("deadlocks", TypeOids.INT8).column("checksum_failures", TypeOids.INT8)
            .column("checksum_last_failure", TIMESTAMPTZ).column("blk_read_time", TypeOids.FLOAT8)
            .column("blk_write_time", TypeOids.FLOAT8).column("session_time", TypeOids.FLOAT8)
            .column("active_time", TypeOids.FLOAT8).column("idle_in_transaction_time", TypeOids.FLOAT8)
            .column("sessions", TypeOids.INT8).column("sessions_abandoned", TypeOids.INT8)
            .column("sessions_fatal", TypeOids.INT8).column("sessions_killed", TypeOids.INT8)
            .column("stats_reset", TIMESTAMPTZ)
            .definition("""
                    SELECT d.oid AS datid,
                        d.datname,
                            CASE
                                WHEN (d.oid = (0)::oid) THEN 0
                                ELSE pg_stat_get_db_numbackends(d.oid)
                            END AS numbackends,
                        pg_stat_get_db_xact_commit(d.oid) AS xact_commit,
                        pg_stat_get_db_xact_rollback(d.oid) AS xact_rollback,
                        (pg_stat_get_db_blocks_fetched(d.oid) - pg_stat_get_db_blocks_hit(d.oid)) AS blks_read,
                        pg_stat_get_db_blocks_hit(d.oid) AS blks_hit,
                        pg_stat_get_db_tuples_returned(d.oid) AS tup_returned,
                        pg_stat_get_db_tuples_fetched(d.oid) AS tup_fetched,
                        pg_stat_get_db_tuples_inserted(d.oid) AS tup_inserted,
                        pg_stat_get_db_tuples_updated(d.oid) AS tup_updated,
                        pg_stat_get_db_tuples_deleted(d.oid) AS tup_deleted,
                        pg_stat_get_db_conflict_all(d.oid) AS conflicts,
                        pg_stat_get_db_temp_files(d.oid) AS temp_files,
                        pg_stat_get_db_temp_bytes(d.oid) AS temp_bytes,
                        pg_stat_get_db_deadlocks(d.oid) AS deadlocks,
                        pg_stat_get_db_checksum_failures(d.oid) AS checksum_failures,
                        pg_stat_get_db_checksum_last_failure(d.oid) AS checksum_last_failure,
                        pg_stat_get_db_blk_read_time(d.oid) AS blk_read_time,
                        pg_stat_get_db_blk_write_time(d.oid) AS blk_write_time,
                        pg_stat_get_db_session_time(d.oid) AS session_time,
                        pg_stat_get_db_active_time(d.oid) AS active_time,
                        pg_stat_get_db_idle_in_transaction_time(d.oid) AS idle_in_transaction_time,
                        pg_stat_get_db_sessions(d.oid) AS sessions,
                        pg_stat_get_db_sessions_abandoned(d.oid) AS sessions_abandoned,
                        pg_stat_get_db_sessions_fatal(d.oid) AS sessions_fatal,
                        pg_stat_get_db_sessions_killed(d.oid) AS sessions_killed,
                        pg_stat_get_db_stat_reset_time(d.oid) AS stats_reset
                       FROM ( SELECT 0 AS oid,
                                NULL::name AS datname
                            UNION ALL
                             SELECT pg_database.oid,
                                pg_database.datname
                               FROM pg_database) d;""");

    public static final View PG_STAT_BGWRITER = new Builder(12289, "pg_stat_bgwriter")
            .column("checkpoints_timed", TypeOids.INT8).column("checkpoints_req", TypeOids.INT8)
            .column("checkpoint_write_time", TypeOids.FLOAT8).column("checkpoint_sync_time", TypeOids.FLOAT8)
            .column("buffers_checkpoint", TypeOids.INT8).column("buffers_clean", TypeOids.INT8)
            .column("maxwritten_clean", TypeOids.INT8).column("buffers_backend", TypeOids.INT8)
            .column("buffers_backend_fsync", TypeOids.INT8).column("buffers_alloc", TypeOids.INT8)
            .column("stats_reset", TIMESTAMPTZ)
            .definition("""
                    SELECT pg_stat_get_bgwriter_timed_checkpoints() AS checkpoints_timed,
                        pg_stat_get_bgwriter_requested_checkpoints() AS checkpoints_req,
                        pg_stat_get_checkpoint_write_time() AS checkpoint_write_time,
                        pg_stat_get_checkpoint_sync_time() AS checkpoint_sync_time,
                        pg_stat_get_bgwriter_buf_written_checkpoints() AS buffers_checkpoint,
                        pg_stat_get_bgwriter_buf_written_clean() AS buffers_clean,
                        pg_stat_get_bgwriter_maxwritten_clean() AS maxwritten_clean,
                        pg_stat_get_buf_written_backend() AS buffers_backend,
                        pg_stat_get_buf_fsync_backend() AS buffers_backend_fsync,
                        pg_stat_get_buf_alloc() AS buffers_alloc,
                        pg_stat_get_bgwriter_stat_reset_time() AS stats_reset;""");

    /*
     * The per-table and per-index statistics views, PostgreSQL 15's definitions as
     * pg_get_viewdef prints them, over the relation counters of org.woolly.pgstat.
     */

    public static final View PG_STAT_ALL_TABLES = new Builder(12142, "pg_stat_all_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("seq_scan", TypeOids.INT8).column("seq_tup_read", TypeOids.INT8).column("idx_scan", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8).column("n_tup_ins", TypeOids.INT8).column("n_tup_upd", TypeOids.INT8).column("n_tup_del", TypeOids.INT8).column("n_tup_hot_upd", TypeOids.INT8).column("n_live_tup", TypeOids.INT8).column("n_dead_tup", TypeOids.INT8).column("n_mod_since_analyze", TypeOids.INT8).column("n_ins_since_vacuum", TypeOids.INT8).column("last_vacuum", TIMESTAMPTZ).column("last_autovacuum", TIMESTAMPTZ).column("last_analyze", TIMESTAMPTZ).column("last_autoanalyze", TIMESTAMPTZ).column("vacuum_count", TypeOids.INT8).column("autovacuum_count", TypeOids.INT8).column("analyze_count", TypeOids.INT8).column("autoanalyze_count", TypeOids.INT8)
            .definition("""
                    SELECT c.oid AS relid,
                        n.nspname AS schemaname,
                        c.relname,
                        pg_stat_get_numscans(c.oid) AS seq_scan,
                        pg_stat_get_tuples_returned(c.oid) AS seq_tup_read,
                        (sum(pg_stat_get_numscans(i.indexrelid)))::bigint AS idx_scan,
                        ((sum(pg_stat_get_tuples_fetched(i.indexrelid)))::bigint + pg_stat_get_tuples_fetched(c.oid)) AS idx_tup_fetch,
                        pg_stat_get_tuples_inserted(c.oid) AS n_tup_ins,
                        pg_stat_get_tuples_updated(c.oid) AS n_tup_upd,
                        pg_stat_get_tuples_deleted(c.oid) AS n_tup_del,
                        pg_stat_get_tuples_hot_updated(c.oid) AS n_tup_hot_upd,
                        pg_stat_get_live_tuples(c.oid) AS n_live_tup,
                        pg_stat_get_dead_tuples(c.oid) AS n_dead_tup,
                        pg_stat_get_mod_since_analyze(c.oid) AS n_mod_since_analyze,
                        pg_stat_get_ins_since_vacuum(c.oid) AS n_ins_since_vacuum,
                        pg_stat_get_last_vacuum_time(c.oid) AS last_vacuum,
                        pg_stat_get_last_autovacuum_time(c.oid) AS last_autovacuum,
                        pg_stat_get_last_analyze_time(c.oid) AS last_analyze,
                        pg_stat_get_last_autoanalyze_time(c.oid) AS last_autoanalyze,
                        pg_stat_get_vacuum_count(c.oid) AS vacuum_count,
                        pg_stat_get_autovacuum_count(c.oid) AS autovacuum_count,
                        pg_stat_get_analyze_count(c.oid) AS analyze_count,
                        pg_stat_get_autoanalyze_count(c.oid) AS autoanalyze_count
                       FROM ((pg_class c
                         LEFT JOIN pg_index i ON ((c.oid = i.indrelid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                      WHERE (c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char", 'p'::"char"]))
                      GROUP BY c.oid, n.nspname, c.relname;""");

    public static final View PG_STAT_SYS_TABLES = new Builder(12152, "pg_stat_sys_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("seq_scan", TypeOids.INT8).column("seq_tup_read", TypeOids.INT8).column("idx_scan", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8).column("n_tup_ins", TypeOids.INT8).column("n_tup_upd", TypeOids.INT8).column("n_tup_del", TypeOids.INT8).column("n_tup_hot_upd", TypeOids.INT8).column("n_live_tup", TypeOids.INT8).column("n_dead_tup", TypeOids.INT8).column("n_mod_since_analyze", TypeOids.INT8).column("n_ins_since_vacuum", TypeOids.INT8).column("last_vacuum", TIMESTAMPTZ).column("last_autovacuum", TIMESTAMPTZ).column("last_analyze", TIMESTAMPTZ).column("last_autoanalyze", TIMESTAMPTZ).column("vacuum_count", TypeOids.INT8).column("autovacuum_count", TypeOids.INT8).column("analyze_count", TypeOids.INT8).column("autoanalyze_count", TypeOids.INT8)
            .definition("""
                    SELECT pg_stat_all_tables.relid,
                        pg_stat_all_tables.schemaname,
                        pg_stat_all_tables.relname,
                        pg_stat_all_tables.seq_scan,
                        pg_stat_all_tables.seq_tup_read,
                        pg_stat_all_tables.idx_scan,
                        pg_stat_all_tables.idx_tup_fetch,
                        pg_stat_all_tables.n_tup_ins,
                        pg_stat_all_tables.n_tup_upd,
                        pg_stat_all_tables.n_tup_del,
                        pg_stat_all_tables.n_tup_hot_upd,
                        pg_stat_all_tables.n_live_tup,
                        pg_stat_all_tables.n_dead_tup,
                        pg_stat_all_tables.n_mod_since_analyze,
                        pg_stat_all_tables.n_ins_since_vacuum,
                        pg_stat_all_tables.last_vacuum,
                        pg_stat_all_tables.last_autovacuum,
                        pg_stat_all_tables.last_analyze,
                        pg_stat_all_tables.last_autoanalyze,
                        pg_stat_all_tables.vacuum_count,
                        pg_stat_all_tables.autovacuum_count,
                        pg_stat_all_tables.analyze_count,
                        pg_stat_all_tables.autoanalyze_count
                       FROM pg_stat_all_tables
                      WHERE ((pg_stat_all_tables.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR (pg_stat_all_tables.schemaname ~ '^pg_toast'::text));""");

    public static final View PG_STAT_USER_TABLES = new Builder(12161, "pg_stat_user_tables")
            .column("relid", OID).column("schemaname", NAME).column("relname", NAME).column("seq_scan", TypeOids.INT8).column("seq_tup_read", TypeOids.INT8).column("idx_scan", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8).column("n_tup_ins", TypeOids.INT8).column("n_tup_upd", TypeOids.INT8).column("n_tup_del", TypeOids.INT8).column("n_tup_hot_upd", TypeOids.INT8).column("n_live_tup", TypeOids.INT8).column("n_dead_tup", TypeOids.INT8).column("n_mod_since_analyze", TypeOids.INT8).column("n_ins_since_vacuum", TypeOids.INT8).column("last_vacuum", TIMESTAMPTZ).column("last_autovacuum", TIMESTAMPTZ).column("last_analyze", TIMESTAMPTZ).column("last_autoanalyze", TIMESTAMPTZ).column("vacuum_count", TypeOids.INT8).column("autovacuum_count", TypeOids.INT8).column("analyze_count", TypeOids.INT8).column("autoanalyze_count", TypeOids.INT8)
            .definition("""
                    SELECT pg_stat_all_tables.relid,
                        pg_stat_all_tables.schemaname,
                        pg_stat_all_tables.relname,
                        pg_stat_all_tables.seq_scan,
                        pg_stat_all_tables.seq_tup_read,
                        pg_stat_all_tables.idx_scan,
                        pg_stat_all_tables.idx_tup_fetch,
                        pg_stat_all_tables.n_tup_ins,
                        pg_stat_all_tables.n_tup_upd,
                        pg_stat_all_tables.n_tup_del,
                        pg_stat_all_tables.n_tup_hot_upd,
                        pg_stat_all_tables.n_live_tup,
                        pg_stat_all_tables.n_dead_tup,
                        pg_stat_all_tables.n_mod_since_analyze,
                        pg_stat_all_tables.n_ins_since_vacuum,
                        pg_stat_all_tables.last_vacuum,
                        pg_stat_all_tables.last_autovacuum,
                        pg_stat_all_tables.last_analyze,
                        pg_stat_all_tables.last_autoanalyze,
                        pg_stat_all_tables.vacuum_count,
                        pg_stat_all_tables.autovacuum_count,
                        pg_stat_all_tables.analyze_count,
                        pg_stat_all_tables.autoanalyze_count
                       FROM pg_stat_all_tables
                      WHERE ((pg_stat_all_tables.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND (pg_stat_all_tables.schemaname !~ '^pg_toast'::text));""");

    public static final View PG_STAT_ALL_INDEXES = new Builder(12183, "pg_stat_all_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_scan", TypeOids.INT8).column("idx_tup_read", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8)
            .definition("""
                    SELECT c.oid AS relid,
                        i.oid AS indexrelid,
                        n.nspname AS schemaname,
                        c.relname,
                        i.relname AS indexrelname,
                        pg_stat_get_numscans(i.oid) AS idx_scan,
                        pg_stat_get_tuples_returned(i.oid) AS idx_tup_read,
                        pg_stat_get_tuples_fetched(i.oid) AS idx_tup_fetch
                       FROM (((pg_class c
                         JOIN pg_index x ON ((c.oid = x.indrelid)))
                         JOIN pg_class i ON ((i.oid = x.indexrelid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                      WHERE (c.relkind = ANY (ARRAY['r'::"char", 't'::"char", 'm'::"char"]));""");

    public static final View PG_STAT_SYS_INDEXES = new Builder(12188, "pg_stat_sys_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_scan", TypeOids.INT8).column("idx_tup_read", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8)
            .definition("""
                    SELECT pg_stat_all_indexes.relid,
                        pg_stat_all_indexes.indexrelid,
                        pg_stat_all_indexes.schemaname,
                        pg_stat_all_indexes.relname,
                        pg_stat_all_indexes.indexrelname,
                        pg_stat_all_indexes.idx_scan,
                        pg_stat_all_indexes.idx_tup_read,
                        pg_stat_all_indexes.idx_tup_fetch
                       FROM pg_stat_all_indexes
                      WHERE ((pg_stat_all_indexes.schemaname = ANY (ARRAY['pg_catalog'::name, 'information_schema'::name])) OR (pg_stat_all_indexes.schemaname ~ '^pg_toast'::text));""");

    public static final View PG_STAT_USER_INDEXES = new Builder(12192, "pg_stat_user_indexes")
            .column("relid", OID).column("indexrelid", OID).column("schemaname", NAME).column("relname", NAME).column("indexrelname", NAME).column("idx_scan", TypeOids.INT8).column("idx_tup_read", TypeOids.INT8).column("idx_tup_fetch", TypeOids.INT8)
            .definition("""
                    SELECT pg_stat_all_indexes.relid,
                        pg_stat_all_indexes.indexrelid,
                        pg_stat_all_indexes.schemaname,
                        pg_stat_all_indexes.relname,
                        pg_stat_all_indexes.indexrelname,
                        pg_stat_all_indexes.idx_scan,
                        pg_stat_all_indexes.idx_tup_read,
                        pg_stat_all_indexes.idx_tup_fetch
                       FROM pg_stat_all_indexes
                      WHERE ((pg_stat_all_indexes.schemaname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name])) AND (pg_stat_all_indexes.schemaname !~ '^pg_toast'::text));""");

    /**
     * PostgreSQL reads the records of {@code pg_lock_status()}; Woolly's functions return no
     * records yet, so {@code woolly_lock_status()} returns each row as one text value
     * ({@code utils.adt.LockStatusRow}) that the view splits into PostgreSQL's columns.
     * transactionid is text (no xid type). A tuple lock names its relation by file, which the view
     * turns into the relation's OID through pg_class of the current database.
     */
    public static final View PG_LOCKS = new Builder(12073, "pg_locks")
            .column("locktype", TEXT).column("database", OID).column("relation", OID).column("page", INT4)
            .column("tuple", TypeOids.INT2).column("virtualxid", TEXT).asText("transactionid", "xid")
            .column("classid", OID).column("objid", OID).column("objsubid", TypeOids.INT2)
            .column("virtualtransaction", TEXT).column("pid", INT4).column("mode", TEXT).column("granted", BOOL)
            .column("fastpath", BOOL).column("waitstart", TIMESTAMPTZ)
            .definition("""
                    SELECT
                        NULLIF(split_part(l.s, '|'::text, 1), ''::text) AS locktype,
                        NULLIF(split_part(l.s, '|'::text, 2), ''::text)::oid AS database,
                        CASE WHEN (split_part(l.s, '|'::text, 1) = 'tuple'::text) THEN (SELECT c.oid FROM pg_class c WHERE (c.relfilenode = NULLIF(split_part(l.s, '|'::text, 3), ''::text)::oid)) ELSE NULLIF(split_part(l.s, '|'::text, 3), ''::text)::oid END AS relation,
                        NULLIF(split_part(l.s, '|'::text, 4), ''::text)::integer AS page,
                        NULLIF(split_part(l.s, '|'::text, 5), ''::text)::smallint AS tuple,
                        NULLIF(split_part(l.s, '|'::text, 6), ''::text) AS virtualxid,
                        NULLIF(split_part(l.s, '|'::text, 7), ''::text) AS transactionid,
                        NULLIF(split_part(l.s, '|'::text, 8), ''::text)::oid AS classid,
                        NULLIF(split_part(l.s, '|'::text, 9), ''::text)::oid AS objid,
                        NULLIF(split_part(l.s, '|'::text, 10), ''::text)::smallint AS objsubid,
                        NULLIF(split_part(l.s, '|'::text, 11), ''::text) AS virtualtransaction,
                        NULLIF(split_part(l.s, '|'::text, 12), ''::text)::integer AS pid,
                        NULLIF(split_part(l.s, '|'::text, 13), ''::text) AS mode,
                        NULLIF(split_part(l.s, '|'::text, 14), ''::text)::boolean AS granted,
                        NULLIF(split_part(l.s, '|'::text, 15), ''::text)::boolean AS fastpath,
                        NULLIF(split_part(l.s, '|'::text, 16), ''::text)::timestamp with time zone AS waitstart
                       FROM woolly_lock_status() l(s);""");

    /** PostgreSQL 15's definition over the records of {@code pg_prepared_xact()} (system_views.sql). */
    public static final View PG_PREPARED_XACTS = new Builder(12090, "pg_prepared_xacts")
            .column("transaction", TypeOids.XID).column("gid", TEXT).column("prepared", TIMESTAMPTZ)
            .column("owner", NAME).column("database", NAME)
            .definition("""
                    SELECT p.transaction,
                        p.gid,
                        p.prepared,
                        u.rolname AS owner,
                        d.datname AS database
                       FROM ((pg_prepared_xact() p(transaction, gid, prepared, ownerid, dbid)
                         LEFT JOIN pg_authid u ON ((p.ownerid = u.oid)))
                         LEFT JOIN pg_database d ON ((p.dbid = d.oid)));""");

    /**
     * PostgreSQL 15 reads one record from {@code pg_stat_get_wal()}; Woolly has no
     * record-returning functions yet, so the view calls {@code woolly_stat_get_wal_*}
     * (org.woolly.pgstat.WalStatistics). WAL I/O is not timed: the two times are 0.
     */
    public static final View PG_STAT_WAL = new Builder(12293, "pg_stat_wal")
            .column("wal_records", TypeOids.INT8).column("wal_fpi", TypeOids.INT8)
            .column("wal_bytes", TypeOids.NUMERIC).column("wal_buffers_full", TypeOids.INT8)
            .column("wal_write", TypeOids.INT8).column("wal_sync", TypeOids.INT8)
            .column("wal_write_time", TypeOids.FLOAT8).column("wal_sync_time", TypeOids.FLOAT8)
            .column("stats_reset", TIMESTAMPTZ)
            .definition("""
                    SELECT woolly_stat_get_wal_counter('wal_records'::text) AS wal_records,
                        woolly_stat_get_wal_counter('wal_fpi'::text) AS wal_fpi,
                        woolly_stat_get_wal_bytes() AS wal_bytes,
                        woolly_stat_get_wal_counter('wal_buffers_full'::text) AS wal_buffers_full,
                        woolly_stat_get_wal_counter('wal_write'::text) AS wal_write,
                        woolly_stat_get_wal_counter('wal_sync'::text) AS wal_sync,
                        (0)::double precision AS wal_write_time,
                        (0)::double precision AS wal_sync_time,
                        woolly_stat_get_wal_stat_reset_time() AS stats_reset;""");

    /**
     * PostgreSQL reads the records of {@code pg_show_all_settings()}; Woolly's functions return no
     * records yet, so the view lists the names from {@code woolly_show_all_settings()} and reads
     * each column with {@code woolly_setting_field} (utils.guc.SettingRows builds the rows).
     * enumvals is text, in text[]'s output form.
     */
    public static final View PG_SETTINGS = new Builder(12104, "pg_settings")
            .column("name", TEXT).column("setting", TEXT).column("unit", TEXT).column("category", TEXT)
            .column("short_desc", TEXT).column("extra_desc", TEXT).column("context", TEXT).column("vartype", TEXT)
            .column("source", TEXT).column("min_val", TEXT).column("max_val", TEXT).asText("enumvals", "text[]")
            .column("boot_val", TEXT).column("reset_val", TEXT).column("sourcefile", TEXT).column("sourceline", INT4)
            .column("pending_restart", BOOL)
            .definition("""
                    SELECT a.name,
                        woolly_setting_field(a.name, 'setting'::text) AS setting,
                        woolly_setting_field(a.name, 'unit'::text) AS unit,
                        woolly_setting_field(a.name, 'category'::text) AS category,
                        woolly_setting_field(a.name, 'short_desc'::text) AS short_desc,
                        woolly_setting_field(a.name, 'extra_desc'::text) AS extra_desc,
                        woolly_setting_field(a.name, 'context'::text) AS context,
                        woolly_setting_field(a.name, 'vartype'::text) AS vartype,
                        woolly_setting_field(a.name, 'source'::text) AS source,
                        woolly_setting_field(a.name, 'min_val'::text) AS min_val,
                        woolly_setting_field(a.name, 'max_val'::text) AS max_val,
                        woolly_setting_field(a.name, 'enumvals'::text) AS enumvals,
                        woolly_setting_field(a.name, 'boot_val'::text) AS boot_val,
                        woolly_setting_field(a.name, 'reset_val'::text) AS reset_val,
                        woolly_setting_field(a.name, 'sourcefile'::text) AS sourcefile,
                        (woolly_setting_field(a.name, 'sourceline'::text))::integer AS sourceline,
                        (woolly_setting_field(a.name, 'pending_restart'::text))::boolean AS pending_restart
                       FROM woolly_show_all_settings() a(name);""");

    /**
     * PostgreSQL 15's definition; {@code pg_get_userbyid} is a join with pg_authid here, and
     * data_type is the regtype's text: pgjdbc looks up a regtype column's type with
     * {@code current_schemas(boolean)}, which Woolly does not have yet.
     */
    public static final View PG_SEQUENCES = new Builder(12048, "pg_sequences")
            .column("schemaname", NAME).column("sequencename", NAME).column("sequenceowner", NAME)
            .asText("data_type", "regtype").column("start_value", TypeOids.INT8)
            .column("min_value", TypeOids.INT8).column("max_value", TypeOids.INT8).column("increment_by", TypeOids.INT8)
            .column("cycle", BOOL).column("cache_size", TypeOids.INT8).column("last_value", TypeOids.INT8)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS sequencename,
                        a.rolname AS sequenceowner,
                        ((s.seqtypid)::regtype)::text AS data_type,
                        s.seqstart AS start_value,
                        s.seqmin AS min_value,
                        s.seqmax AS max_value,
                        s.seqincrement AS increment_by,
                        s.seqcycle AS cycle,
                        s.seqcache AS cache_size,
                            CASE
                                WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE'::text) THEN pg_sequence_last_value((c.oid)::regclass)
                                ELSE NULL::bigint
                            END AS last_value
                       FROM (((pg_sequence s
                         JOIN pg_class c ON ((c.oid = s.seqrelid)))
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                      WHERE ((NOT pg_is_other_temp_schema(n.oid)) AND (c.relkind = 'S'::"char"));""");

    /**
     * The security labels (pg_dump reads it). PostgreSQL 15's view is a UNION ALL with one branch
     * per kind of object; this is its first branch, relations: pg_seclabel stays empty until
     * SECURITY LABEL exists, and the columns are the view's.
     */
    public static final View PG_SECLABELS = new Builder(12099, "pg_seclabels")
            .column("objoid", OID).column("classoid", OID).column("objsubid", INT4).column("objtype", TEXT)
            .column("objnamespace", OID).column("objname", TEXT).column("provider", TEXT).column("label", TEXT)
            .definition("""
                    SELECT l.objoid,
                        l.classoid,
                        l.objsubid,
                            CASE
                                WHEN (rel.relkind = ANY (ARRAY['r'::"char", 'p'::"char"])) THEN 'table'::text
                                WHEN (rel.relkind = 'v'::"char") THEN 'view'::text
                                WHEN (rel.relkind = 'm'::"char") THEN 'materialized view'::text
                                WHEN (rel.relkind = 'S'::"char") THEN 'sequence'::text
                                WHEN (rel.relkind = 'f'::"char") THEN 'foreign table'::text
                                ELSE NULL::text
                            END AS objtype,
                        rel.relnamespace AS objnamespace,
                            CASE
                                WHEN pg_table_is_visible(rel.oid) THEN quote_ident((rel.relname)::text)
                                ELSE ((quote_ident((nsp.nspname)::text) || '.'::text) || quote_ident((rel.relname)::text))
                            END AS objname,
                        l.provider,
                        l.label
                       FROM ((pg_seclabel l
                         JOIN pg_class rel ON (((l.classoid = rel.tableoid) AND (l.objoid = rel.oid))))
                         JOIN pg_namespace nsp ON ((rel.relnamespace = nsp.oid)))
                      WHERE (l.objsubid = 0);""");

    private static final List<View> ALL = List.of(PG_ROLES, PG_SHADOW, PG_USER, PG_VIEWS, PG_TABLES,
            PG_STAT_ACTIVITY, WOOLLY_STAT_ACTIVITY, PG_STAT_DATABASE, PG_STAT_BGWRITER, PG_STAT_ALL_TABLES, PG_STAT_SYS_TABLES, PG_STAT_USER_TABLES,
            PG_STAT_ALL_INDEXES, PG_STAT_SYS_INDEXES, PG_STAT_USER_INDEXES, PG_LOCKS, PG_PREPARED_XACTS, PG_MATVIEWS,
            PG_INDEXES,
            BlockStatisticsViews.PG_STATIO_ALL_TABLES, BlockStatisticsViews.PG_STATIO_SYS_TABLES,
            BlockStatisticsViews.PG_STATIO_USER_TABLES, BlockStatisticsViews.PG_STATIO_ALL_INDEXES,
            BlockStatisticsViews.PG_STATIO_SYS_INDEXES, BlockStatisticsViews.PG_STATIO_USER_INDEXES,
            BlockStatisticsViews.PG_STATIO_ALL_SEQUENCES, BlockStatisticsViews.PG_STATIO_SYS_SEQUENCES,
            BlockStatisticsViews.PG_STATIO_USER_SEQUENCES, PG_STAT_WAL, PG_SETTINGS, PG_SEQUENCES,
            StatementStatisticsViews.PG_STAT_STATEMENTS, StatementStatisticsViews.PG_STAT_STATEMENTS_INFO,
            ProgressViews.PG_STAT_PROGRESS_ANALYZE, ProgressViews.PG_STAT_PROGRESS_VACUUM,
            ProgressViews.PG_STAT_PROGRESS_CREATE_INDEX, ProgressViews.PG_STAT_PROGRESS_COPY,
            PG_SECLABELS, PG_RULES);

    private SystemViews() {}

    /** Every system view, in creation order (a view is created after those it reads). */
    public static List<View> all() {
        return ALL;
    }

    /** Collects the columns of one view declaration. */
    static final class Builder {
        private final int oid;
        private final String name;
        private final List<CatalogColumn> columns = new ArrayList<>();

        Builder(int oid, String name) {
            this.oid = oid;
            this.name = name;
        }

        Builder column(String column, int typeOid) {
            columns.add(new CatalogColumn(column, typeOid, false, PgTypeData.byOid(typeOid).name()));
            return this;
        }

        /** A column of a type Woolly does not have (as in the catalogs, README.md): text, always null. */
        Builder asText(String column, String postgresTypeName) {
            columns.add(new CatalogColumn(column, TEXT, false, postgresTypeName));
            return this;
        }

        View definition(String query) {
            // pg_get_viewdef starts with a space; the text block cannot hold leading indentation
            return new View(oid, name, List.copyOf(columns), " " + query);
        }
    }
}
