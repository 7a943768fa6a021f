package org.woolly.utils.guc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code pg_settings} says about each parameter beside its value: the category, short and
 * extra description PostgreSQL 15 gives it in {@code src/backend/utils/misc/guc.c} (its
 * {@code config_group_names} and each entry's {@code short_desc} / {@code long_desc}), by
 * lower-case name.
 */
final class SettingDescriptions {

    /** One parameter's texts; {@code extraDescription} null where PostgreSQL has none. */
    record Description(String category, String shortDescription, String extraDescription) {}

    private static final Map<String, Description> BY_LOWER_NAME = new HashMap<>();

    static {
        describe("application_name", "Reporting and Logging / What to Log",
                "Sets the application name to be reported in statistics and logs.",
                null);
        describe("authentication_timeout", "Connections and Authentication / Authentication",
                "Sets the maximum allowed time to complete client authentication.",
                null);
        describe("autovacuum", "Autovacuum",
                "Starts the autovacuum subprocess.",
                null);
        describe("autovacuum_analyze_scale_factor", "Autovacuum",
                "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.",
                null);
        describe("autovacuum_analyze_threshold", "Autovacuum",
                "Minimum number of tuple inserts, updates, or deletes prior to analyze.",
                null);
        describe("autovacuum_max_workers", "Autovacuum",
                "Sets the maximum number of simultaneously running autovacuum worker processes.",
                null);
        describe("vacuum_freeze_min_age", "Client Connection Defaults / Statement Behavior",
                "Minimum age at which VACUUM should freeze a table row.",
                null);
        describe("vacuum_freeze_table_age", "Client Connection Defaults / Statement Behavior",
                "Age at which VACUUM should scan whole table to freeze tuples.",
                null);
        describe("autovacuum_freeze_max_age", "Autovacuum",
                "Age at which to autovacuum a table to prevent transaction ID wraparound.",
                null);
        describe("autovacuum_naptime", "Autovacuum",
                "Time to sleep between autovacuum runs.",
                null);
        describe("autovacuum_vacuum_insert_scale_factor", "Autovacuum",
                "Number of tuple inserts prior to vacuum as a fraction of reltuples.",
                null);
        describe("autovacuum_vacuum_insert_threshold", "Autovacuum",
                "Minimum number of tuple inserts prior to vacuum, or -1 to disable insert vacuums.",
                null);
        describe("autovacuum_vacuum_scale_factor", "Autovacuum",
                "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.",
                null);
        describe("autovacuum_vacuum_threshold", "Autovacuum",
                "Minimum number of tuple updates or deletes prior to vacuum.",
                null);
        describe("bgwriter_delay", "Resource Usage / Background Writer",
                "Background writer sleep time between rounds.",
                null);
        describe("bgwriter_lru_maxpages", "Resource Usage / Background Writer",
                "Background writer maximum number of LRU pages to flush per round.",
                null);
        describe("bgwriter_lru_multiplier", "Resource Usage / Background Writer",
                "Multiple of the average buffer usage to free per round.",
                null);
        describe("block_size", "Preset Options",
                "Shows the size of a disk block.",
                null);
        describe("bytea_output", "Client Connection Defaults / Statement Behavior",
                "Sets the output format for bytea.",
                null);
        describe("default_toast_compression", "Client Connection Defaults / Statement Behavior",
                "Sets the default compression method for compressible values.",
                null);
        describe("check_function_bodies", "Client Connection Defaults / Statement Behavior",
                "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.",
                null);
        describe("checkpoint_timeout", "Write-Ahead Log / Checkpoints",
                "Sets the maximum time between automatic WAL checkpoints.",
                null);
        describe("client_encoding", "Client Connection Defaults / Locale and Formatting",
                "Sets the client's character set encoding.",
                null);
        describe("client_min_messages", "Client Connection Defaults / Statement Behavior",
                "Sets the message levels that are sent to the client.",
                "Each level includes all the levels that follow it. The later the level, the fewer messages are sent.");
        describe("cluster_name", "Reporting and Logging / Process Title",
                "Sets the name of the cluster, which is included in the process title.",
                null);
        describe("cpu_index_tuple_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of processing each index entry during an index scan.",
                null);
        describe("cpu_operator_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of processing each operator or function call.",
                null);
        describe("parallel_setup_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of starting up worker processes for parallel query.",
                null);
        describe("parallel_tuple_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of passing each tuple (row) from worker to leader backend.",
                null);
        describe("max_parallel_workers_per_gather", "Resource Usage / Asynchronous Behavior",
                "Sets the maximum number of parallel processes per executor node.",
                null);
        describe("max_worker_processes", "Resource Usage / Asynchronous Behavior",
                "Maximum number of concurrent worker processes.", null);
        describe("force_parallel_mode", "Developer Options", "Forces use of parallel query facilities.",
                "If possible, run query using a parallel worker and with parallel restrictions.");
        describe("max_parallel_workers", "Resource Usage / Asynchronous Behavior",
                "Sets the maximum number of parallel workers that can be active at one time.",
                null);
        describe("max_parallel_maintenance_workers", "Resource Usage / Asynchronous Behavior",
                "Sets the maximum number of parallel processes per maintenance operation.",
                null);
        describe("min_parallel_table_scan_size", "Query Tuning / Planner Cost Constants",
                "Sets the minimum amount of table data for a parallel scan.",
                "If the planner estimates that it will read a number of table pages too small to reach this limit, a parallel scan will not be considered.");
        describe("min_parallel_index_scan_size", "Query Tuning / Planner Cost Constants",
                "Sets the minimum amount of index data for a parallel scan.",
                "If the planner estimates that it will read a number of index pages too small to reach this limit, a parallel scan will not be considered.");
        describe("parallel_leader_participation", "Resource Usage / Asynchronous Behavior",
                "Controls whether Gather and Gather Merge also run subplans.",
                "Should gather nodes also run subplans or just gather tuples?");
        describe("jit", "Query Tuning / Other Planner Options",
                "Allow JIT compilation.",
                null);
        describe("jit_above_cost", "Query Tuning / Planner Cost Constants",
                "Perform JIT compilation if query is more expensive.",
                "-1 disables JIT compilation.");
        describe("jit_inline_above_cost", "Query Tuning / Planner Cost Constants",
                "Perform JIT inlining if query is more expensive.",
                "-1 disables inlining.");
        describe("jit_optimize_above_cost", "Query Tuning / Planner Cost Constants",
                "Optimize JIT-compiled functions if query is more expensive.",
                "-1 disables optimization.");
        describe("enable_memoize", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of memoization.",
                null);
        describe("enable_gathermerge", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of gather merge plans.",
                null);
        describe("enable_incremental_sort", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of incremental sort steps.",
                null);
        describe("enable_parallel_append", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of parallel append plans.",
                null);
        describe("enable_parallel_hash", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of parallel hash plans.",
                null);
        describe("enable_tidscan", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of TID scan plans.",
                null);
        describe("escape_string_warning", "Version and Platform Compatibility / Previous PostgreSQL Versions",
                "Warn about backslash escapes in ordinary string literals.",
                null);
        describe("cpu_tuple_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of processing each tuple (row).",
                null);
        describe("data_checksums", "Preset Options",
                "Shows whether data checksums are turned on for this cluster.",
                null);
        describe("data_directory", "File Locations",
                "Sets the server's data directory.",
                null);
        describe("DateStyle", "Client Connection Defaults / Locale and Formatting",
                "Sets the display format for date and time values.",
                "Also controls interpretation of ambiguous date inputs.");
        describe("deadlock_timeout", "Lock Management",
                "Sets the time to wait on a lock before checking for deadlock.",
                null);
        describe("default_statistics_target", "Query Tuning / Other Planner Options",
                "Sets the default statistics target.",
                "This applies to table columns that have not had a column-specific target set via ALTER TABLE SET STATISTICS.");
        describe("default_text_search_config", "Client Connection Defaults / Locale and Formatting",
                "Sets default text search configuration.",
                null);
        describe("default_transaction_deferrable", "Client Connection Defaults / Statement Behavior",
                "Sets the default deferrable status of new transactions.",
                null);
        describe("default_transaction_isolation", "Client Connection Defaults / Statement Behavior",
                "Sets the transaction isolation level of each new transaction.",
                null);
        describe("default_transaction_read_only", "Client Connection Defaults / Statement Behavior",
                "Sets the default read-only status of new transactions.",
                null);
        describe("effective_cache_size", "Query Tuning / Planner Cost Constants",
                "Sets the planner's assumption about the total size of the data caches.",
                "That is, the total size of the caches (kernel cache and shared buffers) used for PostgreSQL data files. This is measured in disk pages, which are normally 8 kB each.");
        describe("enable_bitmapscan", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of bitmap-scan plans.",
                null);
        describe("enable_hashagg", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of hashed aggregation plans.",
                null);
        describe("enable_hashjoin", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of hash join plans.",
                null);
        describe("enable_indexonlyscan", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of index-only-scan plans.",
                null);
        describe("enable_indexscan", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of index-scan plans.",
                null);
        describe("enable_material", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of materialization.",
                null);
        describe("join_collapse_limit", "Query Tuning / Other Planner Options",
                "Sets the FROM-list size beyond which JOIN constructs are not flattened.",
                "The planner will flatten explicit JOIN constructs into lists of FROM items whenever a list of no more than this many items would result.");
        describe("from_collapse_limit", "Query Tuning / Other Planner Options",
                "Sets the FROM-list size beyond which subqueries are not collapsed.",
                "The planner will merge subqueries into upper queries if the resulting FROM list would have no more than this many items.");
        describe("geqo", "Query Tuning / Genetic Query Optimizer",
                "Enables genetic query optimization.",
                "This algorithm attempts to do planning without exhaustive searching.");
        describe("geqo_threshold", "Query Tuning / Genetic Query Optimizer",
                "Sets the threshold of FROM items beyond which GEQO is used.",
                null);
        describe("enable_mergejoin", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of merge join plans.",
                null);
        describe("enable_nestloop", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of nested-loop join plans.",
                null);
        describe("enable_seqscan", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of sequential-scan plans.",
                null);
        describe("enable_sort", "Query Tuning / Planner Method Configuration",
                "Enables the planner's use of explicit sort steps.",
                null);
        describe("extra_float_digits", "Client Connection Defaults / Locale and Formatting",
                "Sets the number of digits displayed for floating-point values.",
                "This affects real, double precision, and geometric data types. A zero or negative parameter value is added to the standard number of digits (FLT_DIG or DBL_DIG as appropriate). Any value greater than zero selects precise output mode.");
        describe("fsync", "Write-Ahead Log / Settings",
                "Forces synchronization of updates to disk.",
                "The server will use the fsync() system call in several places to make sure that updates are physically written to disk. This ensures that a database cluster will recover to a consistent state after an operating system or hardware crash.");
        describe("full_page_writes", "Write-Ahead Log / Settings",
                "Writes full pages to WAL when first modified after a checkpoint.",
                "A page write in process during an operating system crash might be only partially written to disk.  During recovery, the row changes stored in WAL are not enough to recover.  This option writes pages when first modified after a checkpoint to WAL so full recovery is possible.");
        describe("hba_file", "File Locations",
                "Sets the server's \"hba\" configuration file.",
                null);
        describe("idle_in_transaction_session_timeout", "Client Connection Defaults / Statement Behavior",
                "Sets the maximum allowed idle time between queries, when in a transaction.",
                "A value of 0 turns off the timeout.");
        describe("idle_session_timeout", "Client Connection Defaults / Statement Behavior",
                "Sets the maximum allowed idle time between queries, when not in a transaction.",
                "A value of 0 turns off the timeout.");
        describe("in_hot_standby", "Preset Options",
                "Shows whether hot standby is currently active.",
                null);
        describe("integer_datetimes", "Preset Options",
                "Shows whether datetimes are integer based.",
                null);
        describe("IntervalStyle", "Client Connection Defaults / Locale and Formatting",
                "Sets the display format for interval values.",
                null);
        describe("lc_messages", "Client Connection Defaults / Locale and Formatting",
                "Sets the language in which messages are displayed.",
                null);
        describe("lc_monetary", "Client Connection Defaults / Locale and Formatting",
                "Sets the locale for formatting monetary amounts.",
                null);
        describe("lc_numeric", "Client Connection Defaults / Locale and Formatting",
                "Sets the locale for formatting numbers.",
                null);
        describe("lc_time", "Client Connection Defaults / Locale and Formatting",
                "Sets the locale for formatting date and time values.",
                null);
        describe("listen_addresses", "Connections and Authentication / Connection Settings",
                "Sets the host name or IP address(es) to listen to.",
                null);
        describe("lock_timeout", "Client Connection Defaults / Statement Behavior",
                "Sets the maximum allowed duration of any wait for a lock.",
                "A value of 0 turns off the timeout.");
        describe("log_autovacuum_min_duration", "Reporting and Logging / What to Log",
                "Sets the minimum execution time above which autovacuum actions will be logged.",
                "Zero prints all actions. -1 turns autovacuum logging off.");
        describe("log_checkpoints", "Reporting and Logging / What to Log",
                "Logs each checkpoint.",
                null);
        describe("log_connections", "Reporting and Logging / What to Log",
                "Logs each successful connection.",
                null);
        describe("log_destination", "Reporting and Logging / Where to Log",
                "Sets the destination for server log output.",
                "Valid values are combinations of \"stderr\", \"syslog\", \"csvlog\", \"jsonlog\", and \"eventlog\", depending on the platform.");
        describe("log_directory", "Reporting and Logging / Where to Log",
                "Sets the destination directory for log files.",
                "Can be specified as relative to the data directory or as absolute path.");
        describe("log_disconnections", "Reporting and Logging / What to Log",
                "Logs end of a session, including duration.",
                null);
        describe("log_duration", "Reporting and Logging / What to Log",
                "Logs the duration of each completed SQL statement.",
                null);
        describe("log_filename", "Reporting and Logging / Where to Log",
                "Sets the file name pattern for log files.",
                null);
        describe("log_line_prefix", "Reporting and Logging / What to Log",
                "Controls information prefixed to each log line.",
                "If blank, no prefix is used.");
        describe("log_lock_waits", "Reporting and Logging / What to Log",
                "Logs long lock waits.",
                null);
        describe("log_min_duration_statement", "Reporting and Logging / When to Log",
                "Sets the minimum execution time above which all statements will be logged.",
                "Zero prints all queries. -1 turns this feature off.");
        describe("log_min_error_statement", "Reporting and Logging / When to Log",
                "Causes all statements generating error at or above this level to be logged.",
                "Each level includes all the levels that follow it. The later the level, the fewer messages are sent.");
        describe("log_min_messages", "Reporting and Logging / When to Log",
                "Sets the message levels that are logged.",
                "Each level includes all the levels that follow it. The later the level, the fewer messages are sent.");
        describe("log_rotation_age", "Reporting and Logging / Where to Log",
                "Sets the amount of time to wait before forcing log file rotation.",
                null);
        describe("log_rotation_size", "Reporting and Logging / Where to Log",
                "Sets the maximum size a log file can reach before being rotated.",
                null);
        describe("log_statement", "Reporting and Logging / What to Log",
                "Sets the type of statements logged.",
                null);
        describe("log_truncate_on_rotation", "Reporting and Logging / Where to Log",
                "Truncate existing log files of same name during log rotation.",
                null);
        describe("logging_collector", "Reporting and Logging / Where to Log",
                "Start a subprocess to capture stderr, csvlog and/or jsonlog into log files.",
                null);
        describe("hash_mem_multiplier", "Resource Usage / Memory",
                "Multiple of work_mem to use for hash tables.",
                null);
        describe("temp_file_limit", "Resource Usage / Disk",
                "Limits the total size of all temporary files used by each process.",
                "-1 means no limit.");
        describe("log_temp_files", "Reporting and Logging / What to Log",
                "Log the use of temporary files larger than this number of kilobytes.",
                "Zero logs all files. The default is -1 (turning this feature off).");
        String costDelay = "Resource Usage / Cost-Based Vacuum Delay";
        describe("vacuum_cost_delay", costDelay, "Vacuum cost delay in milliseconds.", null);
        describe("vacuum_cost_limit", costDelay, "Vacuum cost amount available before napping.", null);
        describe("vacuum_cost_page_hit", costDelay, "Vacuum cost for a page found in the buffer cache.", null);
        describe("vacuum_cost_page_miss", costDelay, "Vacuum cost for a page not found in the buffer cache.", null);
        describe("vacuum_cost_page_dirty", costDelay, "Vacuum cost for a page dirtied by vacuum.", null);
        describe("maintenance_work_mem", "Resource Usage / Memory",
                "Sets the maximum memory to be used for maintenance operations.",
                "This includes operations such as VACUUM and CREATE INDEX.");
        describe("max_connections", "Connections and Authentication / Connection Settings",
                "Sets the maximum number of concurrent connections.",
                null);
        describe("max_identifier_length", "Preset Options",
                "Shows the maximum identifier length.",
                null);
        describe("max_locks_per_transaction", "Lock Management",
                "Sets the maximum number of locks per transaction.",
                "The shared lock table is sized on the assumption that at most max_locks_per_transaction * max_connections distinct objects will need to be locked at any one time.");
        describe("max_pred_locks_per_page", "Lock Management",
                "Sets the maximum number of predicate-locked tuples per page.",
                "If more than this number of tuples on the same page are locked by a connection, those locks are replaced by a page-level lock.");
        describe("max_pred_locks_per_relation", "Lock Management",
                "Sets the maximum number of predicate-locked pages and tuples per relation.",
                "If more than this total of pages and tuples in the same relation are locked by a connection, those locks are replaced by a relation-level lock.");
        describe("max_pred_locks_per_transaction", "Lock Management",
                "Sets the maximum number of predicate locks per transaction.",
                "The shared predicate lock table is sized on the assumption that at most max_pred_locks_per_transaction * max_connections distinct objects will need to be locked at any one time.");
        describe("max_prepared_transactions", "Resource Usage / Memory",
                "Sets the maximum number of simultaneously prepared transactions.",
                null);
        describe("max_wal_size", "Write-Ahead Log / Checkpoints",
                "Sets the WAL size that triggers a checkpoint.",
                null);
        describe("min_wal_size", "Write-Ahead Log / Checkpoints",
                "Sets the minimum size to shrink the WAL to.",
                null);
        describe("checkpoint_completion_target", "Write-Ahead Log / Checkpoints",
                "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval.",
                null);
        describe("checkpoint_warning", "Write-Ahead Log / Checkpoints",
                "Sets the maximum time before warning if checkpoints triggered by WAL volume happen too frequently.",
                "Write a message to the server log if checkpoints caused by the filling of WAL segment files happen "
                        + "more frequently than this amount of time. Zero turns off the warning.");
        describe("wal_keep_size", "Replication / Sending Servers",
                "Sets the size of WAL files held for standby servers.",
                null);
        describe("wal_recycle", "Write-Ahead Log / Settings",
                "Recycles WAL files by renaming them.",
                null);
        describe("password_encryption", "Connections and Authentication / Authentication",
                "Chooses the algorithm for encrypting passwords.",
                null);
        describe("port", "Connections and Authentication / Connection Settings",
                "Sets the TCP port the server listens on.",
                null);
        describe("random_page_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.",
                null);
        describe("restart_after_crash", "Error Handling",
                "Reinitialize server after backend crash.",
                null);
        describe("row_security", "Client Connection Defaults / Statement Behavior",
                "Enable row security.",
                "When enabled, row security will be applied to all users.");
        describe("xmloption", "Client Connection Defaults / Statement Behavior",
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as "
                        + "documents or content fragments.",
                null);
        describe("default_tablespace", "Client Connection Defaults / Statement Behavior",
                "Sets the default tablespace to create tables and indexes in.",
                "An empty string selects the database's default tablespace.");
        describe("default_table_access_method", "Client Connection Defaults / Statement Behavior",
                "Sets the default table access method for new tables.",
                null);
        describe("synchronize_seqscans", "Version and Platform Compatibility / Previous PostgreSQL Versions",
                "Enable synchronized sequential scans.",
                null);
        describe("search_path", "Client Connection Defaults / Statement Behavior",
                "Sets the schema search order for names that are not schema-qualified.",
                null);
        describe("seq_page_cost", "Query Tuning / Planner Cost Constants",
                "Sets the planner's estimate of the cost of a sequentially fetched disk page.",
                null);
        describe("server_encoding", "Preset Options",
                "Shows the server (database) character set encoding.",
                null);
        describe("server_version", "Preset Options",
                "Shows the server version.",
                null);
        describe("server_version_num", "Preset Options",
                "Shows the server version as an integer.",
                null);
        describe("shared_buffers", "Resource Usage / Memory",
                "Sets the number of shared memory buffers used by the server.",
                null);
        describe("ssl", "Connections and Authentication / SSL",
                "Enables SSL connections.",
                null);
        describe("standard_conforming_strings", "Version and Platform Compatibility / Previous PostgreSQL Versions",
                "Causes '...' strings to treat backslashes literally.",
                null);
        describe("statement_timeout", "Client Connection Defaults / Statement Behavior",
                "Sets the maximum allowed duration of any statement.",
                "A value of 0 turns off the timeout.");
        describe("superuser_reserved_connections", "Connections and Authentication / Connection Settings",
                "Sets the number of connection slots reserved for superusers.",
                null);
        describe("synchronous_commit", "Write-Ahead Log / Settings",
                "Sets the current transaction's synchronization level.",
                null);
        describe("temp_buffers", "Resource Usage / Memory",
                "Sets the maximum number of temporary buffers used by each session.",
                null);
        describe("TimeZone", "Client Connection Defaults / Locale and Formatting",
                "Sets the time zone for displaying and interpreting time stamps.",
                null);
        describe("timezone_abbreviations", "Client Connection Defaults / Locale and Formatting",
                "Selects a file of time zone abbreviations.",
                null);
        describe("track_activities", "Statistics / Cumulative Query and Index Statistics",
                "Collects information about executing commands.",
                "Enables the collection of information on the currently executing command of each session, along with the time at which that command began execution.");
        describe("track_counts", "Statistics / Cumulative Query and Index Statistics",
                "Collects statistics on database activity.",
                null);
        describe("track_io_timing", "Statistics / Cumulative Query and Index Statistics",
                "Collects timing statistics for database I/O activity.",
                null);
        describe("transaction_deferrable", "Client Connection Defaults / Statement Behavior",
                "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.",
                null);
        describe("transaction_isolation", "Client Connection Defaults / Statement Behavior",
                "Sets the current transaction's isolation level.",
                null);
        describe("transaction_read_only", "Client Connection Defaults / Statement Behavior",
                "Sets the current transaction's read-only status.",
                null);
        describe("unix_socket_directories", "Connections and Authentication / Connection Settings",
                "Sets the directories where Unix-domain sockets will be created.",
                null);
        describe("wal_buffers", "Write-Ahead Log / Settings",
                "Sets the number of disk-page buffers in shared memory for WAL.",
                null);
        describe("wal_level", "Write-Ahead Log / Settings",
                "Sets the level of information written to the WAL.",
                null);
        describe("wal_writer_delay", "Write-Ahead Log / Settings",
                "Time between WAL flushes performed in the WAL writer.",
                null);
        describe("work_mem", "Resource Usage / Memory",
                "Sets the maximum memory to be used for query workspaces.",
                "This much memory can be used by each internal sort operation and hash table before switching to temporary disk files.");
    }

    private SettingDescriptions() {}

    private static void describe(String name, String category, String shortDescription, String extraDescription) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new Description(category, shortDescription, extraDescription));
    }

    /** The texts for a parameter, or, for one PostgreSQL does not have, its own description under "Customized Options". */
    static Description of(GucParameter parameter) {
        Description known = BY_LOWER_NAME.get(parameter.name().toLowerCase(Locale.ROOT));
        return known != null ? known : new Description("Customized Options", parameter.description(), null);
    }
}
