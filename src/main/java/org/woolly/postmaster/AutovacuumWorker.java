package org.woolly.postmaster;

import org.woolly.access.common.RelationOptions;
import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.pgstat.BackendStatus;
import org.woolly.pgstat.MaintenanceReporter;
import org.woolly.pgstat.ServerStatistics;
import org.woolly.tcop.Engine;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.adt.ArrayLiteral;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;
import org.woolly.utils.misc.Interrupts;

import java.util.ArrayList;
import java.util.List;

/**
 * One autovacuum worker's pass over one database ({@code do_autovacuum} in
 * {@code autovacuum.c}): it connects to the database as the bootstrap superuser, reads every
 * user table's pg_class.reltuples, reloptions and cumulative counters, and vacuums and/or
 * analyzes each table {@link AutovacuumPolicy} chooses (with the table's own autovacuum_*
 * storage parameters over the server's settings; none for autovacuum_enabled=false), one transaction per table. VACUUM runs with
 * SKIP_LOCKED and ANALYZE with a lock_timeout of one millisecond, so a table another
 * transaction holds is skipped rather than waited for (PostgreSQL's
 * {@code ConditionalLockRelationOid}); the next round tries again. The worker is a server
 * process of backend type {@code autovacuum worker}: pg_stat_activity shows it with the query
 * {@code autovacuum: VACUUM schema.table}, and its VACUUM and ANALYZE count as automatic
 * (last_autovacuum, autovacuum_count). In a database whose datfrozenxid passed
 * autovacuum_freeze_max_age the pass starts with a database-wide VACUUM, which also freezes the
 * system catalogs and so lets datfrozenxid advance (PostgreSQL's worker vacuums each table past
 * the age, catalogs included, then calls {@code vac_update_datfrozenxid}).
 */
final class AutovacuumWorker {
    /** User tables and what the decision needs, in pg_class order. */
    private static final String CANDIDATES = """
            SELECT n.nspname, c.relname, c.reltuples::float8, pg_stat_get_dead_tuples(c.oid),
                   pg_stat_get_ins_since_vacuum(c.oid), pg_stat_get_mod_since_analyze(c.oid), c.reloptions
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind = 'r' AND c.oid >= 16384 ORDER BY c.oid""";

    private final Engine engine;
    private final ServerConfiguration configuration;
    private final int databaseOid;
    private final String databaseName;
    private final int processId;
    /** The database's datfrozenxid is older than autovacuum_freeze_max_age ({@code wraparound} in PostgreSQL). */
    private final boolean forFrozenXidAge;
    private volatile SessionEngine session;
    /** The VERBOSE report of the last VACUUM, for log_autovacuum_min_duration. */
    private String lastReport;

    AutovacuumWorker(Engine engine, ServerConfiguration configuration, int databaseOid, String databaseName,
                     int processId, boolean forFrozenXidAge) {
        this.forFrozenXidAge = forFrozenXidAge;
        this.engine = engine;
        this.configuration = configuration;
        this.databaseOid = databaseOid;
        this.databaseName = databaseName;
        this.processId = processId;
    }

    /** Asks the running statement to stop (shutdown); the pass ends after it. */
    void cancel() {
        SessionEngine current = session;
        if (current != null) {
            current.cancel();
        }
    }

    /** The pass, on the calling thread, which is registered as the worker's server process. */
    void run() {
        ServerStatistics statistics = engine.statistics();
        BackendStatus status = new BackendStatus(processId, MaintenanceReporter.AUTOVACUUM_WORKER, null, null, null);
        status.processTitle("woolly: autovacuum worker " + databaseName);
        ServerLog.bindProcessId(processId);
        if (statistics != null) {
            statistics.activity().register(status);
            BackendStatus.bind(status);
        }
        try {
            RoleInfo superuser = engine.bootstrapSuperuser().flatMap(engine::lookupRole).orElse(null);
            if (superuser == null) {
                return;
            }
            status.sessionStarted(databaseOid, superuser.oid(), true, "");
            GucSession settings = configuration.newSession();
            settings.setSessionUser(superuser.name(), true);
            SessionEngine opened = engine.openMaintenanceSession(superuser, databaseName, settings, this::notice,
                    processId);
            session = opened;
            Interrupts interrupts = opened.interrupts();
            if (interrupts != null) {
                Interrupts.bind(interrupts);
            }
            try {
                pass(opened, status);
            } finally {
                if (interrupts != null) {
                    Interrupts.unbind();
                }
                session = null;
                opened.close();
            }
        } catch (RuntimeException e) {
            if (!engine.panicked()) {
                ServerLog.log(Severity.LOG, processId, "autovacuum worker of database \"" + databaseName
                        + "\" failed", e);
            }
        } finally {
            if (statistics != null) {
                statistics.activity().unregister(status);
                BackendStatus.unbind();
            }
            ServerLog.unbindProcessId();
        }
    }

    private void notice(SqlException report) {
        if (report.getMessage() != null && report.getMessage().startsWith("finished vacuuming \"")) {
            lastReport = report.getMessage();
        }
    }

    private void pass(SessionEngine session, BackendStatus status) {
        AutovacuumPolicy policy = new AutovacuumPolicy(configuration.getInt("autovacuum_vacuum_threshold"),
                configuration.getDouble("autovacuum_vacuum_scale_factor"),
                configuration.getInt("autovacuum_vacuum_insert_threshold"),
                configuration.getDouble("autovacuum_vacuum_insert_scale_factor"),
                configuration.getInt("autovacuum_analyze_threshold"),
                configuration.getDouble("autovacuum_analyze_scale_factor"));
        if (forFrozenXidAge) {
            maintain(session, status, "VACUUM (to prevent wraparound)", "VACUUM",
                    "automatic aggressive vacuum to prevent wraparound of database \"" + databaseName + "\"");
        }
        List<Object[]> tables = execute(session, CANDIDATES);
        for (Object[] table : tables) {
            RelationOptions options = RelationOptions.of(RelationOptions.Kind.HEAP,
                    table[6] == null ? List.of() : ArrayLiteral.parse(table[6].toString()));
            if (!options.autovacuumEnabled()) {
                continue;
            }
            AutovacuumPolicy.Decision decision = policy.forTable(options).decide(new AutovacuumPolicy.TableState(
                    ((Number) table[2]).doubleValue(), (Long) table[3], (Long) table[4], (Long) table[5]));
            if (!decision.any() || engine.panicked()) {
                continue;
            }
            String name = quote((String) table[0]) + "." + quote((String) table[1]);
            String qualified = table[0] + "." + table[1];
            if (decision.vacuum()) {
                String command = decision.analyze() ? "VACUUM (VERBOSE, SKIP_LOCKED, ANALYZE) " : "VACUUM (VERBOSE, SKIP_LOCKED) ";
                maintain(session, status, "VACUUM" + (decision.analyze() ? " ANALYZE " : " ") + qualified,
                        command + name, "automatic vacuum of table \"" + databaseName + "." + qualified + "\"");
            } else {
                maintain(session, status, "ANALYZE " + qualified, "ANALYZE " + name,
                        "automatic analyze of table \"" + databaseName + "." + qualified + "\"");
            }
        }
    }

    /**
     * One table's VACUUM or ANALYZE, as its own transaction; an error (a lock not available, a
     * cancel) is logged and the pass goes on with the next table, as {@code do_autovacuum}'s
     * PG_CATCH does.
     */
    private void maintain(SessionEngine session, BackendStatus status, String activity, String sql,
                          String logSubject) {
        status.reportActivity("active", "autovacuum: " + activity);
        long started = System.nanoTime();
        lastReport = null;
        boolean analyzeOnly = sql.startsWith("ANALYZE");
        try {
            if (analyzeOnly) {
                execute(session, "SET lock_timeout = 1");
            }
            try {
                execute(session, sql);
            } finally {
                if (analyzeOnly) {
                    execute(session, "RESET lock_timeout");
                }
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            int logMinimum = configuration.getInt("log_autovacuum_min_duration");
            if (logMinimum >= 0 && elapsedMillis >= logMinimum) {
                String report = lastReport;
                String details = report == null ? "" : report.substring(report.indexOf(':'));
                ServerLog.log(Severity.LOG, logSubject + details + (report == null ? "" : "\n")
                        + String.format(java.util.Locale.ROOT, "elapsed time: %.2f s", elapsedMillis / 1000.0));
            }
        } catch (SqlException e) {
            if (e.sqlState() == SqlState.LOCK_NOT_AVAILABLE) {
                // another transaction holds the table: skipped, tried again next round
                if (configuration.getInt("log_autovacuum_min_duration") >= 0) {
                    ServerLog.log(Severity.LOG, "skipping " + logSubject + " --- lock not available");
                }
            } else if (!engine.panicked()) {
                ServerLog.log(Severity.ERROR, e.getMessage() + "\nCONTEXT:  " + logSubject);
            }
        } finally {
            status.reportActivity("idle", null);
        }
    }

    /** Runs {@code sql} as a simple query would, committed; the rows of its last statement. */
    static List<Object[]> execute(SessionEngine session, String sql) {
        List<Object[]> rows = new ArrayList<>();
        try {
            for (RawStatement statement : session.parse(sql)) {
                PreparedQuery query = session.prepare(statement, sql, new int[0]);
                rows.clear();
                try (Portal portal = session.bind(query, new Object[0])) {
                    portal.run(0, row -> rows.add(row.clone()));
                }
            }
            session.finishImplicitTransaction();
        } catch (RuntimeException e) {
            session.abortAfterError();
            throw e;
        }
        return rows;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
