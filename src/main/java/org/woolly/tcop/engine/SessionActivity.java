package org.woolly.tcop.engine;

import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.RoleInfo;
import org.woolly.pgstat.BackendStatus;
import org.woolly.pgstat.ServerStatistics;
import org.woolly.utils.adt.BackendActivity;
import org.woolly.utils.adt.ServerActivity;
import org.woolly.utils.error.LogDestination;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics functions' view of the server from one session ({@code pgstatfuncs.c},
 * {@code signalfuncs.c}): the activity snapshot, kept for the statement (PostgreSQL keeps it
 * for the transaction), with what another role's sessions show hidden from a non-superuser;
 * the cumulative counters; and pg_cancel_backend / pg_terminate_backend with PostgreSQL's
 * permission rules, warnings and errors.
 */
final class SessionActivity implements ServerActivity {
    private static final String HIDDEN_QUERY = "<insufficient privilege>";

    private final ServerStatistics statistics;
    private final int databaseOid;
    private final RoleInfo role;
    private final NoticeSink notices;
    private List<BackendActivity> snapshot;
    private List<org.woolly.utils.adt.StatementActivity> statementSnapshot;
    private final java.util.Map<String, List<org.woolly.utils.adt.ProgressActivity>> progressSnapshots =
            new java.util.HashMap<>();
    /** Where a relation of the current database keeps its pages, by OID; empty if there is no such relation. */
    private java.util.function.IntFunction<java.util.Optional<org.woolly.storage.smgr.RelFileLocator>> relationFiles =
            oid -> java.util.Optional.empty();

    SessionActivity(ServerStatistics statistics, int databaseOid, RoleInfo role, NoticeSink notices) {
        this.statistics = statistics;
        this.databaseOid = databaseOid;
        this.role = role;
        this.notices = notices;
    }

    /** How the block counters find a relation's files from its OID (the session's catalog). */
    void relationFiles(java.util.function.IntFunction<java.util.Optional<org.woolly.storage.smgr.RelFileLocator>> lookup) {
        this.relationFiles = lookup;
    }

    /** A new statement sees a new snapshot ({@code pgstat_clear_snapshot}). */
    void clearSnapshot() {
        snapshot = null;
        statementSnapshot = null;
        progressSnapshots.clear();
    }

    @Override
    public List<org.woolly.utils.adt.ProgressActivity> progress(String command) {
        return progressSnapshots.computeIfAbsent(command, ignored -> {
            List<org.woolly.utils.adt.ProgressActivity> rows = new ArrayList<>();
            for (BackendStatus status : statistics.activity().all()) {
                var running = status.progressSnapshot(command);
                if (running != null) {
                    rows.add(new org.woolly.utils.adt.ProgressActivity(running.pid(), running.databaseOid(),
                            running.relationOid(), running.parameters()));
                }
            }
            return rows;
        });
    }

    /**
     * pg_stat_statements' rows: another role's query text and id only for a role with the
     * privileges of {@code pg_read_all_stats} (a superuser has them), as {@code pg_stat_statements.c}.
     */
    @Override
    public List<org.woolly.utils.adt.StatementActivity> statements() {
        if (statementSnapshot == null) {
            List<org.woolly.utils.adt.StatementActivity> rows = new ArrayList<>();
            for (org.woolly.pgstat.StatementStatistics.Row row : statistics.statements().rows()) {
                var key = row.key();
                boolean visible = key.userOid() == role.oid() || readsAllStatistics();
                rows.add(new org.woolly.utils.adt.StatementActivity(key.userOid(), key.databaseOid(), key.topLevel(),
                        visible ? key.queryId() : null, visible ? row.query() : HIDDEN_QUERY, row.columns()));
            }
            statementSnapshot = rows;
        }
        return statementSnapshot;
    }

    @Override
    public void resetStatements(int userOid, int databaseOid, long queryId) {
        statistics.statements().reset(userOid, databaseOid, queryId);
        statementSnapshot = null;
    }

    @Override
    public Object statementsInfo(String column) {
        return column.equals("dealloc") ? (Object) statistics.statements().deallocations()
                : (Object) statistics.statements().resetMicros();
    }

    @Override
    public List<BackendActivity> backends() {
        if (snapshot == null) {
            List<BackendActivity> rows = new ArrayList<>();
            for (BackendStatus status : statistics.activity().all()) {
                rows.add(withLivePlan(visible(status.snapshot()), status));
            }
            snapshot = rows;
        }
        return snapshot;
    }

    /** How this session prints another's plan, and whose queries it may see beyond its own role's. */
    private org.woolly.analyzer.TypeSystem types;
    private java.util.function.IntPredicate hasPrivilegesOfRole = roleOid -> false;

    void livePlans(org.woolly.analyzer.TypeSystem sessionTypes, java.util.function.IntPredicate privilegesOfRole) {
        this.types = sessionTypes;
        this.hasPrivilegesOfRole = privilegesOfRole;
    }

    /** woolly_stat_activity's plan node and rows so far, for an active statement whose query the caller sees. */
    private BackendActivity withLivePlan(BackendActivity row, BackendStatus status) {
        if (types == null || !"active".equals(row.state())
                || !(status.running() instanceof LiveStatement live)) {
            return row;
        }
        Object[] position = live.position(types);
        if (position == null) {
            return row;
        }
        return new BackendActivity(row.pid(), row.databaseOid(), row.userOid(), row.applicationName(),
                row.clientAddress(), row.clientPort(), row.backendStart(), row.transactionStart(), row.queryStart(),
                row.stateChange(), row.waitEventType(), row.waitEvent(), row.state(), row.backendXid(),
                row.backendXmin(), row.query(), row.backendType(), row.queryId(), row.leaderPid(),
                (String) position[0], (Long) position[1]);
    }

    /**
     * {@code woolly_explain_backend}: who may see a process's query in pg_stat_activity may see
     * its live plan (a superuser, or a role with the privileges of the process's role).
     */
    @Override
    public List<String> explainBackend(int pid) {
        BackendStatus target = statistics.activity().find(pid);
        if (target == null) {
            return null;
        }
        Integer targetRole = target.userOid();
        if (!role.superuser() && (targetRole == null
                || targetRole != role.oid() && !hasPrivilegesOfRole.test(targetRole))) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to explain the query of process %d", pid)
                    .withDetail("Only roles with privileges of the role of the process may see its plan.");
        }
        if (types == null || !(target.running() instanceof LiveStatement live)
                || !"active".equals(target.snapshot().state())) {
            return null;
        }
        return live.explain(types);
    }

    /** Whether this session's role has the privileges of {@code pg_read_all_stats} (a superuser has). */
    private boolean readsAllStatistics() {
        return role.superuser() || hasPrivilegesOfRole.test(CatalogOids.PG_READ_ALL_STATS);
    }

    /**
     * {@code pg_stat_get_activity}'s {@code HAS_PGSTAT_PERMISSIONS}: a session of a role whose
     * privileges the viewer lacks, or a worker with no role, shows only its identity unless the
     * viewer has the privileges of {@code pg_read_all_stats}.
     */
    private BackendActivity visible(BackendActivity row) {
        Integer owner = row.userOid();
        if (owner != null && (owner == role.oid() || hasPrivilegesOfRole.test(owner)) || readsAllStatistics()) {
            return row;
        }
        return new BackendActivity(row.pid(), row.databaseOid(), row.userOid(), row.applicationName(), null, null,
                null, null, null, null, null, null, null, null, null, HIDDEN_QUERY, row.backendType(), null, row.leaderPid(),
                null, null);
    }

    @Override
    public boolean signalBackend(int pid, boolean terminate, long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
        }
        BackendStatus target = statistics.activity().find(pid);
        if (target == null || target.signals() == null) {
            notices.notice(new SqlException(Severity.WARNING, SqlState.WARNING,
                    "PID " + pid + " is not a PostgreSQL backend process", null, null, 0, null));
            return false;
        }
        Integer targetRole = target.userOid();
        if ((targetRole == null || target.superuser()) && !role.superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a superuser to terminate superuser process"
                    : "must be a superuser to cancel superuser query");
        }
        // signalfuncs.c: the privileges of the process's role, or of pg_signal_backend
        if (!role.superuser() && targetRole != role.oid() && !hasPrivilegesOfRole.test(targetRole)
                && !hasPrivilegesOfRole.test(CatalogOids.PG_SIGNAL_BACKEND)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a member of the role whose process is being terminated or member of pg_signal_backend"
                    : "must be a member of the role whose query is being canceled or member of pg_signal_backend");
        }
        if (!terminate) {
            target.signals().cancel();
            return true;
        }
        target.signals().terminate();
        if (timeoutMillis == 0) {
            return true;
        }
        try {
            if (target.signals().awaitEnd(timeoutMillis)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notices.notice(new SqlException(Severity.WARNING, SqlState.WARNING, "backend with PID " + pid
                + " did not terminate within " + timeoutMillis + " milliseconds", null, null, 0, null));
        return false;
    }

    @Override
    public Object databaseCounter(int database, String column) {
        if (column.equals("numbackends")) {
            return statistics.activity().countInDatabase(database);
        }
        return statistics.databases().value(database, column);
    }

    @Override
    public Object relationCounter(int relationOid, String counter) {
        if (counter.startsWith("blocks_")) {
            var blocks = statistics.databases().blockCounters();
            return relationFiles.apply(relationOid).map(file -> counter.equals("blocks_hit")
                    ? blocks.relationHits(file.databaseOid(), file.relNumber())
                    : blocks.relationFetched(file.databaseOid(), file.relNumber())).orElse(0L);
        }
        return statistics.relations().value(databaseOid, relationOid, counter);
    }

    @Override
    public void resetRelation(int relationOid) {
        checkSuperuser("pg_stat_reset_single_table_counters");
        statistics.relations().reset(databaseOid, relationOid);
        relationFiles.apply(relationOid).ifPresent(file -> statistics.databases().blockCounters()
                .reset(file.databaseOid(), file.relNumber()));
    }

    @Override
    public Object backgroundWriterCounter(String column) {
        return statistics.backgroundWriter().value(column);
    }

    @Override
    public void resetCurrentDatabase() {
        checkSuperuser("pg_stat_reset");
        statistics.databases().reset(databaseOid);
        statistics.relations().reset(databaseOid);
        statistics.databases().blockCounters().reset(databaseOid);
    }

    @Override
    public String currentLogfile(LogDestination destination) {
        checkSuperuser("pg_current_logfile");
        if (destination != null) {
            return ServerLog.currentLogfile(destination);
        }
        for (LogDestination any : LogDestination.values()) {
            String file = ServerLog.currentLogfile(any);
            if (file != null) {
                return file;
            }
        }
        return null;
    }

    @Override
    public Object walCounter(String column) {
        return statistics.wal().value(column);
    }

    @Override
    public boolean rotateLogfile() {
        checkSuperuser("pg_rotate_logfile");
        return ServerLog.rotateLogfile();
    }

    /** PostgreSQL 15 revokes the reset and log file functions from PUBLIC: superusers only, unless granted. */
    private void checkSuperuser(String function) {
        if (!role.superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for function %s", function);
        }
    }

    @Override
    public void resetShared(String target) {
        checkSuperuser("pg_stat_reset_shared");
        if (target.equals("wal")) {
            statistics.wal().reset();
            return;
        }
        if (java.util.Set.of("archiver", "recovery_prefetch").contains(target)) {
            return;  // Woolly has no archiver or prefetch statistics yet: nothing to reset
        }
        if (!"bgwriter".equals(target)) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized reset target: \"%s\"", target)
                    .withHint("Target must be \"archiver\", \"bgwriter\", \"recovery_prefetch\", or \"wal\".");
        }
        statistics.backgroundWriter().reset();
    }
}
