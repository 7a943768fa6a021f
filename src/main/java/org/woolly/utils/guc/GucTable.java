package org.woolly.utils.guc;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The parameters Woolly knows, with PostgreSQL 15's names, types, units, defaults and contexts
 * (the tables of {@code src/backend/utils/misc/guc.c}). Lookup is case-insensitive.
 */
public final class GucTable {

    private static final Map<String, GucParameter> BY_LOWER_NAME = new LinkedHashMap<>();

    private static final double INT_MAX = Integer.MAX_VALUE;

    static {
        string("listen_addresses", "localhost", GucContext.POSTMASTER,
                "Sets the host name or IP address(es) to listen to.", false);
        integer("port", 5432, GucUnit.NONE, 0, 65535, GucContext.POSTMASTER,
                "Sets the TCP port the server listens on (0: any free port, for tests).", false);
        string("unix_socket_directories", "/tmp", GucContext.POSTMASTER,
                "Sets the directories where Unix-domain sockets will be created.", false);
        integer("max_connections", 100, GucUnit.NONE, 1, 262143, GucContext.POSTMASTER,
                "Sets the maximum number of concurrent connections.", false);
        integer("superuser_reserved_connections", 3, GucUnit.NONE, 0, 262143, GucContext.POSTMASTER,
                "Sets the number of connection slots reserved for superusers.", false);
        integer("shared_buffers", 16384, GucUnit.BLOCKS, 16, INT_MAX / 2, GucContext.POSTMASTER,
                "Sets the number of shared memory buffers used by the server.", false);
        integer("work_mem", 4096, GucUnit.KILOBYTES, 64, INT_MAX, GucContext.USER,
                "Sets the maximum memory to be used for query workspaces.", false);
        define("hash_mem_multiplier", GucType.REAL, GucUnit.NONE, "2", GucContext.USER,
                "Multiple of work_mem to use for hash tables.", false, List.of(), 1, 1000, UnaryOperator.identity());
        integer("temp_file_limit", -1, GucUnit.KILOBYTES, -1, INT_MAX, GucContext.SUPERUSER,
                "Limits the total size of all temporary files used by each process.", false);
        integer("log_temp_files", -1, GucUnit.KILOBYTES, -1, INT_MAX, GucContext.SUPERUSER,
                "Log the use of temporary files larger than this number of kilobytes.", false);
        integer("maintenance_work_mem", 65536, GucUnit.KILOBYTES, 1024, INT_MAX, GucContext.USER,
                "Sets the maximum memory to be used for maintenance operations.", false);
        integer("temp_buffers", 1024, GucUnit.BLOCKS, 100, INT_MAX / 2, GucContext.USER,
                "Sets the maximum number of temporary buffers used by each session.", false);
        bool("fsync", true, GucContext.SIGHUP, "Forces synchronization of updates to disk.", false);
        enumeration("synchronous_commit", "on", List.of("local", "remote_write", "remote_apply", "on", "off"),
                GucContext.USER, "Sets the current transaction's synchronization level.", false);
        bool("full_page_writes", true, GucContext.SIGHUP,
                "Writes full pages to WAL when first modified after a checkpoint.", false);
        enumeration("wal_level", "replica", List.of("minimal", "replica", "logical"), GucContext.POSTMASTER,
                "Sets the level of information written to the WAL.", false);
        integer("wal_buffers", -1, GucUnit.BLOCKS, -1, INT_MAX / 8192, GucContext.POSTMASTER,
                "Sets the number of disk-page buffers in shared memory for WAL.", false);
        integer("wal_writer_delay", 200, GucUnit.MILLISECONDS, 1, 10000, GucContext.SIGHUP,
                "Time between WAL flushes performed in the WAL writer.", false);
        integer("bgwriter_delay", 200, GucUnit.MILLISECONDS, 10, 10000, GucContext.SIGHUP,
                "Background writer sleep time between rounds.", false);
        integer("bgwriter_lru_maxpages", 100, GucUnit.NONE, 0, INT_MAX / 2, GucContext.SIGHUP,
                "Background writer maximum number of LRU pages to flush per round.", false);
        define("bgwriter_lru_multiplier", GucType.REAL, GucUnit.NONE, "2", GucContext.SIGHUP,
                "Multiple of the average buffer usage to free per round.", false, List.of(), 0, 10,
                UnaryOperator.identity());
        bool("restart_after_crash", true, GucContext.SIGHUP, "Reinitialize server after backend crash.", false);
        integer("checkpoint_timeout", 300, GucUnit.SECONDS, 30, 86400, GucContext.SIGHUP,
                "Sets the maximum time between automatic WAL checkpoints.", false);
        integer("max_wal_size", 1024, GucUnit.MEGABYTES, 2, INT_MAX, GucContext.SIGHUP,
                "Sets the WAL size that triggers a checkpoint.", false);
        integer("min_wal_size", 80, GucUnit.MEGABYTES, 2, INT_MAX, GucContext.SIGHUP,
                "Sets the minimum size to shrink the WAL to.", false);
        define("checkpoint_completion_target", GucType.REAL, GucUnit.NONE, "0.9", GucContext.SIGHUP,
                "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval.", false,
                List.of(), 0, 1, UnaryOperator.identity());
        integer("checkpoint_warning", 30, GucUnit.SECONDS, 0, INT_MAX, GucContext.SIGHUP,
                "Sets the maximum time before warning if checkpoints triggered by WAL volume happen too frequently.",
                false);
        integer("wal_keep_size", 0, GucUnit.MEGABYTES, 0, INT_MAX, GucContext.SIGHUP,
                "Sets the size of WAL files held for standby servers.", false);
        bool("wal_recycle", true, GucContext.SUPERUSER, "Recycles WAL files by renaming them.", false);
        define("log_destination", GucType.STRING, GucUnit.NONE, "stderr", GucContext.SIGHUP,
                "Sets the destination for server log output.", false, List.of(), 0, 0,
                GucTable::checkLogDestination);
        bool("logging_collector", false, GucContext.POSTMASTER,
                "Start a subprocess to capture stderr output and/or csvlogs into log files.", false);
        string("log_directory", "log", GucContext.SIGHUP,
                "Sets the destination directory for log files.", false);
        List<String> levels = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
                "error", "log", "fatal", "panic");
        enumeration("log_min_messages", "warning", levels, GucContext.SUPERUSER,
                "Sets the message levels that are logged.", false);
        enumeration("log_min_error_statement", "error", levels, GucContext.SUPERUSER,
                "Causes all statements generating error at or above this level to be logged.", false);
        string("log_line_prefix", "%m [%p] ", GucContext.SIGHUP,
                "Controls information prefixed to each log line.", false);
        string("log_filename", "postgresql-%Y-%m-%d_%H%M%S.log", GucContext.SIGHUP,
                "Sets the file name pattern for log files.", false);
        integer("log_rotation_age", 1440, GucUnit.MINUTES, 0, INT_MAX / 60, GucContext.SIGHUP,
                "Sets the amount of time to wait before forcing log file rotation.", false);
        integer("log_rotation_size", 10240, GucUnit.KILOBYTES, 0, INT_MAX / 1024, GucContext.SIGHUP,
                "Sets the maximum size a log file can reach before being rotated.", false);
        bool("log_truncate_on_rotation", false, GucContext.SIGHUP,
                "Truncate existing log files of same name during log rotation.", false);
        enumeration("log_statement", "none", List.of("none", "ddl", "mod", "all"), GucContext.SUPERUSER,
                "Sets the type of statements logged.", false);
        integer("log_min_duration_statement", -1, GucUnit.MILLISECONDS, -1, INT_MAX, GucContext.SUPERUSER,
                "Sets the minimum execution time above which all statements will be logged.", false);
        bool("log_duration", false, GucContext.SUPERUSER, "Logs the duration of each completed SQL statement.",
                false);
        bool("log_connections", false, GucContext.SUPERUSER_BACKEND, "Logs each successful connection.", false);
        bool("log_disconnections", false, GucContext.SUPERUSER_BACKEND,
                "Logs end of a session, including duration.", false);
        bool("log_checkpoints", true, GucContext.SIGHUP, "Logs each checkpoint.", false);
        bool("log_lock_waits", false, GucContext.SUPERUSER, "Logs long lock waits.", false);
        bool("track_activities", true, GucContext.SUPERUSER,
                "Collects information about executing commands.", false);
        bool("track_counts", true, GucContext.SUPERUSER, "Collects statistics on database activity.", false);
        bool("track_io_timing", false, GucContext.SUPERUSER, "Collects timing statistics for database I/O activity.",
                false);
        enumeration("compute_query_id", "auto", List.of("auto", "regress", "on", "off"), GucContext.SUPERUSER,
                "Enables in-core computation of query identifiers.", false);
        // pg_stat_statements is built in: its parameters exist without shared_preload_libraries
        integer("pg_stat_statements.max", 5000, GucUnit.NONE, 100, INT_MAX, GucContext.POSTMASTER,
                "Sets the maximum number of statements tracked by pg_stat_statements.", false);
        enumeration("pg_stat_statements.track", "top", List.of("none", "top", "all"), GucContext.SUPERUSER,
                "Selects which statements are tracked by pg_stat_statements.", false);
        bool("pg_stat_statements.track_utility", true, GucContext.SUPERUSER,
                "Selects whether utility commands are tracked by pg_stat_statements.", false);
        bool("pg_stat_statements.track_planning", false, GucContext.SUPERUSER,
                "Selects whether planning duration is tracked by pg_stat_statements.", false);
        bool("pg_stat_statements.save", true, GucContext.SIGHUP,
                "Save pg_stat_statements statistics across server shutdowns.", false);
        integer("metrics_port", 0, GucUnit.NONE, 0, 65535, GucContext.POSTMASTER,
                "Sets the TCP port of the Prometheus metrics endpoint (0: none).", false);
        string("metrics_listen_addresses", "localhost", GucContext.POSTMASTER,
                "Sets the host name or IP address(es) the metrics endpoint listens to.", false);
        enumeration("metrics_auth", "password", List.of("trust", "password"), GucContext.SIGHUP,
                "Sets how the metrics endpoint authenticates a scrape (HTTP Basic against a role's password).",
                false);
        enumeration("client_min_messages", "notice", List.of("debug5", "debug4", "debug3", "debug2", "debug1",
                "log", "notice", "warning", "error"), GucContext.USER,
                "Sets the message levels that are sent to the client.", false);
        string("search_path", "\"$user\", public", GucContext.USER,
                "Sets the schema search order for names that are not schema-qualified.", false);
        define("DateStyle", GucType.STRING, GucUnit.NONE, "ISO, MDY", GucContext.USER,
                "Sets the display format for date and time values.", true, List.of(), 0, 0,
                GucTable::canonicalDateStyle);
        define("TimeZone", GucType.STRING, GucUnit.NONE, defaultTimeZone(), GucContext.USER,
                "Sets the time zone for displaying and interpreting time stamps.", true, List.of(), 0, 0,
                GucTable::canonicalTimeZone);
        enumeration("IntervalStyle", "postgres", List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601"),
                GucContext.USER, "Sets the display format for interval values.", true);
        integer("extra_float_digits", 1, GucUnit.NONE, -15, 3, GucContext.USER,
                "Sets the number of digits displayed for floating-point values.", false);
        enumeration("bytea_output", "hex", List.of("escape", "hex"), GucContext.USER,
                "Sets the output format for bytea.", false);
        // TOAST compresses with pglz only, as a PostgreSQL built without lz4
        enumeration("default_toast_compression", "pglz", List.of("pglz"), GucContext.USER,
                "Sets the default compression method for compressible values.", false);
        define("client_encoding", GucType.STRING, GucUnit.NONE, "UTF8", GucContext.USER,
                "Sets the client's character set encoding.", true, List.of(), 0, 0, GucTable::canonicalEncoding);
        define("server_encoding", GucType.STRING, GucUnit.NONE, "UTF8", GucContext.INTERNAL,
                "Shows the server (database) character set encoding.", true, List.of(), 0, 0,
                UnaryOperator.identity());
        string("server_version", "15.0", GucContext.INTERNAL, "Shows the server version.", true);
        integer("server_version_num", 150000, GucUnit.NONE, 150000, 150000, GucContext.INTERNAL,
                "Shows the server version as an integer.", false);
        bool("integer_datetimes", true, GucContext.INTERNAL, "Shows whether datetimes are integer based.", true);
        bool("standard_conforming_strings", true, GucContext.USER,
                "Causes '...' strings to treat backslashes literally.", true);
        string("application_name", "", GucContext.USER,
                "Sets the application name to be reported in statistics and logs.", true);
        bool("is_superuser", false, GucContext.INTERNAL,
                "Shows whether the current user is a superuser.", true);
        // set through SET SESSION AUTHORIZATION and SET ROLE, whose checks (tcop's RoleSwitch) need the catalog
        string("session_authorization", "", GucContext.USER, "Sets the session user name.", true);
        string("role", "none", GucContext.USER, "Sets the current role.", false);
        List<String> isolations = List.of("serializable", "repeatable read", "read committed", "read uncommitted");
        define("default_transaction_isolation", GucType.ENUM, GucUnit.NONE, "read committed", GucContext.USER,
                "Sets the transaction isolation level of each new transaction.", false, isolations, 0, 0,
                UnaryOperator.identity());
        define("transaction_isolation", GucType.ENUM, GucUnit.NONE, "read committed", GucContext.USER,
                "Sets the current transaction's isolation level.", false, isolations, 0, 0,
                UnaryOperator.identity());
        bool("default_transaction_read_only", false, GucContext.USER,
                "Sets the default read-only status of new transactions.", true);
        bool("transaction_read_only", false, GucContext.USER,
                "Sets the current transaction's read-only status.", false);
        bool("default_transaction_deferrable", false, GucContext.USER,
                "Sets the default deferrable status of new transactions.", false);
        bool("transaction_deferrable", false, GucContext.USER, "Whether to defer a read-only serializable "
                + "transaction until it can be executed with no possible serialization failures.", false);
        integer("statement_timeout", 0, GucUnit.MILLISECONDS, 0, INT_MAX, GucContext.USER,
                "Sets the maximum allowed duration of any statement.", false);
        integer("lock_timeout", 0, GucUnit.MILLISECONDS, 0, INT_MAX, GucContext.USER,
                "Sets the maximum allowed duration of any wait for a lock.", false);
        integer("idle_in_transaction_session_timeout", 0, GucUnit.MILLISECONDS, 0, INT_MAX, GucContext.USER,
                "Sets the maximum allowed idle time between queries, when in a transaction.", false);
        integer("idle_session_timeout", 0, GucUnit.MILLISECONDS, 0, INT_MAX, GucContext.USER,
                "Sets the maximum allowed idle time between queries, when not in a transaction.", false);
        string("lc_messages", "C", GucContext.SUPERUSER, "Sets the language in which messages are displayed.", false);
        string("lc_monetary", "C", GucContext.USER, "Sets the locale for formatting monetary amounts.", false);
        string("lc_numeric", "C", GucContext.USER, "Sets the locale for formatting numbers.", false);
        string("lc_time", "C", GucContext.USER, "Sets the locale for formatting date and time values.", false);
        string("timezone_abbreviations", "Default", GucContext.USER,
                "Selects a file of time zone abbreviations.", false);
        integer("max_prepared_transactions", 0, GucUnit.NONE, 0, 262143, GucContext.POSTMASTER,
                "Sets the maximum number of simultaneously prepared transactions.", false);
        string("default_text_search_config", "pg_catalog.english", GucContext.USER,
                "Sets default text search configuration.", false);
        bool("row_security", true, GucContext.USER, "Enable row security.", false);
        enumeration("xmloption", "content", List.of("content", "document"), GucContext.USER,
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as "
                        + "documents or content fragments.", false);
        define("default_tablespace", GucType.STRING, GucUnit.NONE, "", GucContext.USER,
                "Sets the default tablespace to create tables and indexes in.", false, List.of(), 0, 0,
                GucTable::existingTablespace);
        define("default_table_access_method", GucType.STRING, GucUnit.NONE, "heap", GucContext.USER,
                "Sets the default table access method for new tables.", false, List.of(), 0, 0,
                GucTable::existingTableAccessMethod);
        // no scan joins another in progress, so every sequential scan starts at block 0 either way
        bool("synchronize_seqscans", true, GucContext.USER, "Enable synchronized sequential scans.", false);
        enumeration("password_encryption", "scram-sha-256", List.of("md5", "scram-sha-256"), GucContext.USER,
                "Chooses the algorithm for encrypting passwords.", false);
        integer("authentication_timeout", 60, GucUnit.SECONDS, 1, 600, GucContext.SIGHUP,
                "Sets the maximum allowed time to complete client authentication.", false);
        bool("ssl", false, GucContext.SIGHUP, "Enables SSL connections.", false);
        string("data_directory", "", GucContext.POSTMASTER, "Sets the server's data directory.", false);
        string("hba_file", "", GucContext.POSTMASTER, "Sets the server's \"hba\" configuration file.", false);
        integer("block_size", 8192, GucUnit.NONE, 8192, 8192, GucContext.INTERNAL,
                "Shows the size of a disk block.", false);
        integer("max_identifier_length", 63, GucUnit.NONE, 63, 63, GucContext.INTERNAL,
                "Shows the maximum identifier length.", false);
        bool("in_hot_standby", false, GucContext.INTERNAL,
                "Shows whether hot standby is currently active.", true);
        bool("enable_seqscan", true, GucContext.USER, "Enables the planner's use of sequential-scan plans.", false);
        bool("enable_indexscan", true, GucContext.USER, "Enables the planner's use of index-scan plans.", false);
        bool("enable_hashjoin", true, GucContext.USER, "Enables the planner's use of hash join plans.", false);
        bool("enable_mergejoin", true, GucContext.USER, "Enables the planner's use of merge join plans.", false);
        bool("enable_nestloop", true, GucContext.USER, "Enables the planner's use of nested-loop join plans.", false);
        bool("enable_sort", true, GucContext.USER, "Enables the planner's use of explicit sort steps.", false);
        bool("enable_indexonlyscan", true, GucContext.USER, "Enables the planner's use of index-only-scan plans.",
                false);
        bool("enable_bitmapscan", true, GucContext.USER, "Enables the planner's use of bitmap-scan plans.", false);
        bool("enable_hashagg", true, GucContext.USER, "Enables the planner's use of hashed aggregation plans.", false);
        bool("enable_material", true, GucContext.USER, "Enables the planner's use of materialization.", false);
        integer("join_collapse_limit", 8, GucUnit.NONE, 1, INT_MAX, GucContext.USER,
                "Sets the FROM-list size beyond which JOIN constructs are not flattened.", false);
        integer("from_collapse_limit", 8, GucUnit.NONE, 1, INT_MAX, GucContext.USER,
                "Sets the FROM-list size beyond which subqueries are not collapsed.", false);
        bool("geqo", true, GucContext.USER, "Enables genetic query optimization.", false);
        integer("geqo_threshold", 12, GucUnit.NONE, 2, INT_MAX, GucContext.USER,
                "Sets the threshold of FROM items beyond which GEQO is used.", false);
        real("cpu_tuple_cost", 0.01, GucContext.USER,
                "Sets the planner's estimate of the cost of processing each tuple (row).");
        real("cpu_index_tuple_cost", 0.005, GucContext.USER,
                "Sets the planner's estimate of the cost of processing each index entry during an index scan.");
        real("cpu_operator_cost", 0.0025, GucContext.USER,
                "Sets the planner's estimate of the cost of processing each operator or function call.");
        integer("default_statistics_target", 100, GucUnit.NONE, 1, 10000, GucContext.USER,
                "Sets the default statistics target.", false);
        bool("autovacuum", true, GucContext.SIGHUP, "Starts the autovacuum subprocess.", false);
        integer("vacuum_freeze_min_age", 50000000, GucUnit.NONE, 0, 1000000000, GucContext.USER,
                "Minimum age at which VACUUM should freeze a table row.", false);
        define("vacuum_cost_delay", GucType.REAL, GucUnit.MILLISECONDS, "0", GucContext.USER,
                "Vacuum cost delay in milliseconds.", false, List.of(), 0, 100, UnaryOperator.identity());
        integer("vacuum_cost_limit", 200, GucUnit.NONE, 1, 10000, GucContext.USER,
                "Vacuum cost amount available before napping.", false);
        integer("vacuum_cost_page_hit", 1, GucUnit.NONE, 0, 10000, GucContext.USER,
                "Vacuum cost for a page found in the buffer cache.", false);
        integer("vacuum_cost_page_miss", 2, GucUnit.NONE, 0, 10000, GucContext.USER,
                "Vacuum cost for a page not found in the buffer cache.", false);
        integer("vacuum_cost_page_dirty", 20, GucUnit.NONE, 0, 10000, GucContext.USER,
                "Vacuum cost for a page dirtied by vacuum.", false);
        integer("vacuum_freeze_table_age", 150000000, GucUnit.NONE, 0, 2000000000, GucContext.USER,
                "Age at which VACUUM should scan whole table to freeze tuples.", false);
        integer("autovacuum_freeze_max_age", 200000000, GucUnit.NONE, 100000, 2000000000, GucContext.POSTMASTER,
                "Age at which to autovacuum a table to prevent transaction ID wraparound.", false);
        // multixact ids are 64-bit and never wrap: these are accepted and shown as PostgreSQL's
        integer("vacuum_multixact_freeze_min_age", 5000000, GucUnit.NONE, 0, 1000000000, GucContext.USER,
                "Minimum age at which VACUUM should freeze a MultiXactId in a table row.", false);
        integer("vacuum_multixact_freeze_table_age", 150000000, GucUnit.NONE, 0, 2000000000, GucContext.USER,
                "Multixact age at which VACUUM should scan whole table to freeze tuples.", false);
        integer("autovacuum_multixact_freeze_max_age", 400000000, GucUnit.NONE, 10000, 2000000000,
                GucContext.POSTMASTER, "Multixact age at which to autovacuum a table to prevent multixact wraparound.",
                false);
        integer("autovacuum_naptime", 60, GucUnit.SECONDS, 1, INT_MAX / 1000, GucContext.SIGHUP,
                "Time to sleep between autovacuum runs.", false);
        integer("autovacuum_max_workers", 3, GucUnit.NONE, 1, 262143, GucContext.POSTMASTER,
                "Sets the maximum number of simultaneously running autovacuum worker processes.", false);
        integer("autovacuum_vacuum_threshold", 50, GucUnit.NONE, 0, INT_MAX, GucContext.SIGHUP,
                "Minimum number of tuple updates or deletes prior to vacuum.", false);
        integer("autovacuum_vacuum_insert_threshold", 1000, GucUnit.NONE, -1, INT_MAX, GucContext.SIGHUP,
                "Minimum number of tuple inserts prior to vacuum, or -1 to disable insert vacuums.", false);
        integer("autovacuum_analyze_threshold", 50, GucUnit.NONE, 0, INT_MAX, GucContext.SIGHUP,
                "Minimum number of tuple inserts, updates, or deletes prior to analyze.", false);
        define("autovacuum_vacuum_scale_factor", GucType.REAL, GucUnit.NONE, "0.2", GucContext.SIGHUP,
                "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.", false, List.of(),
                0, 100, UnaryOperator.identity());
        define("autovacuum_vacuum_insert_scale_factor", GucType.REAL, GucUnit.NONE, "0.2", GucContext.SIGHUP,
                "Number of tuple inserts prior to vacuum as a fraction of reltuples.", false, List.of(), 0, 100,
                UnaryOperator.identity());
        define("autovacuum_analyze_scale_factor", GucType.REAL, GucUnit.NONE, "0.1", GucContext.SIGHUP,
                "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.", false,
                List.of(), 0, 100, UnaryOperator.identity());
        integer("log_autovacuum_min_duration", 600000, GucUnit.MILLISECONDS, -1, INT_MAX, GucContext.SIGHUP,
                "Sets the minimum execution time above which autovacuum actions will be logged.", false);
        bool("data_checksums", true, GucContext.INTERNAL, "Shows whether data checksums are turned on for this cluster.", false);
        bool("check_function_bodies", true, GucContext.USER, "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.", false);
        integer("max_locks_per_transaction", 64, GucUnit.NONE, 10, INT_MAX, GucContext.POSTMASTER,
                "Sets the maximum number of locks per transaction.", false);
        integer("max_pred_locks_per_transaction", 64, GucUnit.NONE, 10, INT_MAX, GucContext.POSTMASTER,
                "Sets the maximum number of predicate locks per transaction.", false);
        integer("max_pred_locks_per_relation", -2, GucUnit.NONE, Integer.MIN_VALUE, INT_MAX, GucContext.SIGHUP,
                "Sets the maximum number of predicate-locked pages and tuples per relation.", false);
        integer("max_pred_locks_per_page", 2, GucUnit.NONE, 0, INT_MAX, GucContext.SIGHUP,
                "Sets the maximum number of predicate-locked tuples per page.", false);
        integer("deadlock_timeout", 1000, GucUnit.MILLISECONDS, 1, INT_MAX, GucContext.SUPERUSER,
                "Sets the time to wait on a lock before checking for deadlock.", false);
        integer("effective_cache_size", 524288, GucUnit.BLOCKS, 1, INT_MAX, GucContext.USER,
                "Sets the planner's assumption about the total size of the data caches.", false);
        real("random_page_cost", 4.0, GucContext.USER,
                "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.");
        real("seq_page_cost", 1.0, GucContext.USER,
                "Sets the planner's estimate of the cost of a sequentially fetched disk page.");
        // Parallel query's settings steer the planner's partial paths and the Gather's workers
        // (max_parallel_maintenance_workers and min_parallel_index_scan_size change nothing: no
        // parallel index build or scan yet). JIT and the plan types below do not exist in Woolly:
        // those settings are accepted as PostgreSQL built without them accepts them.
        real("parallel_setup_cost", 1000, GucContext.USER,
                "Sets the planner's estimate of the cost of starting up worker processes for parallel query.");
        real("parallel_tuple_cost", 0.1, GucContext.USER,
                "Sets the planner's estimate of the cost of passing each tuple (row) from worker to leader backend.");
        integer("max_parallel_workers_per_gather", 2, GucUnit.NONE, 0, 1024, GucContext.USER,
                "Sets the maximum number of parallel processes per executor node.", false);
        integer("max_parallel_workers", 8, GucUnit.NONE, 0, 1024, GucContext.USER,
                "Sets the maximum number of parallel workers that can be active at one time.", false);
        integer("max_worker_processes", 8, GucUnit.NONE, 0, 262143, GucContext.POSTMASTER,
                "Maximum number of concurrent worker processes.", false);
        enumeration("force_parallel_mode", "off", List.of("off", "on", "regress"), GucContext.USER,
                "Forces use of parallel query facilities.", false);
        integer("max_parallel_maintenance_workers", 2, GucUnit.NONE, 0, 1024, GucContext.USER,
                "Sets the maximum number of parallel processes per maintenance operation.", false);
        integer("min_parallel_table_scan_size", 1024, GucUnit.BLOCKS, 0, INT_MAX / 3, GucContext.USER,
                "Sets the minimum amount of table data for a parallel scan.", false);
        integer("min_parallel_index_scan_size", 64, GucUnit.BLOCKS, 0, INT_MAX / 3, GucContext.USER,
                "Sets the minimum amount of index data for a parallel scan.", false);
        bool("parallel_leader_participation", true, GucContext.USER,
                "Controls whether Gather and Gather Merge also run subplans.", false);
        bool("jit", true, GucContext.USER, "Allow JIT compilation.", false);
        for (String[] jit : new String[][] {{"jit_above_cost", "100000", "Perform JIT compilation if query is more expensive."},
                {"jit_inline_above_cost", "500000", "Perform JIT inlining if query is more expensive."},
                {"jit_optimize_above_cost", "500000", "Optimize JIT-compiled functions if query is more expensive."}}) {
            define(jit[0], GucType.REAL, GucUnit.NONE, jit[1], GucContext.USER, jit[2], false, List.of(), -1,
                    Double.MAX_VALUE, UnaryOperator.identity());
        }
        bool("enable_memoize", true, GucContext.USER, "Enables the planner's use of memoization.", false);
        bool("enable_gathermerge", true, GucContext.USER, "Enables the planner's use of gather merge plans.", false);
        bool("enable_incremental_sort", true, GucContext.USER, "Enables the planner's use of incremental sort steps.",
                false);
        bool("enable_parallel_append", true, GucContext.USER, "Enables the planner's use of parallel append plans.",
                false);
        bool("enable_parallel_hash", true, GucContext.USER, "Enables the planner's use of parallel hash plans.", false);
        bool("enable_tidscan", true, GucContext.USER, "Enables the planner's use of TID scan plans.", false);
        bool("escape_string_warning", true, GucContext.USER,
                "Warn about backslash escapes in ordinary string literals.", false);
        string("cluster_name", "", GucContext.POSTMASTER,
                "Sets the name of the cluster, which is included in the process title.", false);
    }

    private GucTable() {}

    /** The parameter of that name (case-insensitive), or null. */
    public static GucParameter find(String name) {
        // the server's own lookups (planner, executor) already use the lower-case name
        GucParameter parameter = BY_LOWER_NAME.get(name);
        return parameter != null ? parameter : BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The list parameters whose items are identifiers ({@code GUC_LIST_QUOTE} in {@code guc.c}):
     * SET quotes each item that is not a plain identifier, so {@code 'a,b'} stays one name.
     */
    private static final java.util.Set<String> LIST_QUOTE = java.util.Set.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "shared_preload_libraries", "local_preload_libraries");

    /** Whether SET quotes the items of this parameter's value as identifiers ({@code GUC_LIST_QUOTE}). */
    public static boolean quotesListItems(String name) {
        return LIST_QUOTE.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Every known parameter, in definition order. */
    public static List<GucParameter> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_LOWER_NAME.values()));
    }

    private static void define(String name, GucType type, GucUnit unit, String boot, GucContext context,
                               String description, boolean report, List<String> enumValues, double min, double max,
                               UnaryOperator<String> canonicalizer) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new GucParameter(name, type, unit, boot, context,
                description, report, enumValues, min, max, canonicalizer));
    }

    private static void string(String name, String boot, GucContext context, String description, boolean report) {
        define(name, GucType.STRING, GucUnit.NONE, boot, context, description, report, List.of(), 0, 0,
                UnaryOperator.identity());
    }

    private static void integer(String name, long boot, GucUnit unit, double min, double max, GucContext context,
                                String description, boolean report) {
        define(name, GucType.INTEGER, unit, Long.toString(boot), context, description, report, List.of(), min, max,
                UnaryOperator.identity());
    }

    private static void real(String name, double boot, GucContext context, String description) {
        define(name, GucType.REAL, GucUnit.NONE, Double.toString(boot), context, description, false, List.of(), 0,
                Double.MAX_VALUE, UnaryOperator.identity());
    }

    private static void bool(String name, boolean boot, GucContext context, String description, boolean report) {
        define(name, GucType.BOOL, GucUnit.NONE, boot ? "on" : "off", context, description, report, List.of(), 0, 0,
                UnaryOperator.identity());
    }

    private static void enumeration(String name, String boot, List<String> values, GucContext context,
                                    String description, boolean report) {
        define(name, GucType.ENUM, GucUnit.NONE, boot, context, description, report, values, 0, 0,
                UnaryOperator.identity());
    }

    /** {@code check_default_tablespace}: empty, or a tablespace that exists (Woolly has the two built-in ones). */
    static String existingTablespace(String name) {
        if (!name.isEmpty() && !name.equals("pg_default") && !name.equals("pg_global")) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"default_tablespace\": \"%s\"", name)
                    .withDetail("Tablespace \"" + name + "\" does not exist.");
        }
        return name;
    }

    /** {@code check_default_table_access_method}: heap is Woolly's only table access method. */
    static String existingTableAccessMethod(String name) {
        if (name.isEmpty()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"default_table_access_method\": \"\"")
                    .withDetail("default_table_access_method cannot be empty.");
        }
        if (!name.equals("heap")) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"default_table_access_method\": \"%s\"", name)
                    .withDetail("Table access method \"" + name + "\" does not exist.");
        }
        return name;
    }

    /** UTC unless the environment names a zone in TZ, as initdb would pick up the machine's zone. */
    private static String defaultTimeZone() {
        String fromEnvironment = System.getenv("TZ");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                ZoneId.of(fromEnvironment.trim());
                return fromEnvironment.trim();
            } catch (DateTimeException ignored) {
                return "UTC";
            }
        }
        return "UTC";
    }

    static String canonicalTimeZone(String value) {
        String trimmed = value.trim();
        try {
            zoneFor(trimmed);
            return trimmed.equalsIgnoreCase("utc") ? "UTC" : trimmed;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The zone a TimeZone setting names: IANA names, offsets, UTC/GMT/Z and the old short names (EST). */
    public static ZoneId zoneFor(String name) {
        String trimmed = name.trim();
        if (trimmed.equalsIgnoreCase("utc") || trimmed.equalsIgnoreCase("gmt") || trimmed.equalsIgnoreCase("z")
                || trimmed.equalsIgnoreCase("zulu")) {
            return ZoneId.of("UTC");
        }
        return ZoneId.of(trimmed, ZoneId.SHORT_IDS);
    }

    /**
     * {@code check_log_destination}: a comma-separated list of stderr, csvlog, jsonlog (any case)
     * and syslog, which PostgreSQL accepts on Unix and Woolly does not write to yet.
     */
    static String checkLogDestination(String value) {
        for (String part : value.split(",")) {
            String word = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("stderr", "csvlog", "jsonlog", "syslog").contains(word)) {
                throw new IllegalArgumentException("Unrecognized key word: \"" + part.trim() + "\".");
            }
        }
        return value;
    }

    /** Accepts PostgreSQL's DateStyle syntax: a style and/or an order, comma separated, keeping the other part. */
    static String canonicalDateStyle(String value) {
        String style = "ISO";
        String order = "MDY";
        for (String part : value.split("[,\\s]+")) {
            switch (part.trim().toUpperCase(Locale.ROOT)) {
                case "" -> { }
                case "ISO" -> style = "ISO";
                case "SQL" -> style = "SQL";
                case "POSTGRES" -> style = "Postgres";
                case "GERMAN" -> {
                    style = "German";
                    order = "DMY";
                }
                case "YMD" -> order = "YMD";
                case "DMY", "EURO", "EUROPEAN" -> order = "DMY";
                case "MDY", "US", "NONEURO", "NONEUROPEAN", "DEFAULT" -> order = "MDY";
                default -> throw new IllegalArgumentException("Unrecognized key word: \"" + part.trim() + "\".");
            }
        }
        return style + ", " + order;
    }

    /** Woolly speaks UTF-8 only; PostgreSQL's spellings of it, and SQL_ASCII, are accepted. */
    static String canonicalEncoding(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (normalized.equals("UTF8") || normalized.equals("UNICODE")) {
            return "UTF8";
        }
        // Clients in a C locale ask for SQL_ASCII; like PostgreSQL, that means bytes pass unconverted.
        if (normalized.equals("SQLASCII")) {
            return "SQL_ASCII";
        }
        throw new IllegalArgumentException("Woolly supports only the UTF8 and SQL_ASCII client encodings.");
    }
}
