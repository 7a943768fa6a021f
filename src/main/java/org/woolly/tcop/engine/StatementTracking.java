package org.woolly.tcop.engine;

import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.QueryJumble;
import org.woolly.pgstat.BackendStatus;
import org.woolly.pgstat.ResourceUsage;
import org.woolly.pgstat.StatementStatistics;
import org.woolly.utils.error.SqlException;

/**
 * pg_stat_statements' hooks, built in ({@code pgss_post_parse_analyze}, {@code pgss_ExecutorEnd},
 * {@code pgss_ProcessUtility}): a statement the client sends gets its fingerprint when it is
 * prepared; when its portal finishes, its execution time, rows and the backend's buffer and WAL
 * usage while it ran ({@link ResourceUsage}) go to the server's {@link StatementStatistics}.
 * With {@code pg_stat_statements.track_planning} each planning counts too ({@code pgss_planner}).
 * A PL/pgSQL statement (in a function, procedure or DO block) gets its fingerprint when its body
 * prepares it and counts as not top-level, only with {@code pg_stat_statements.track = all}; SQL
 * functions are inlined into their caller's plan and have no statements of their own here.
 * PREPARE and DEALLOCATE are not tracked; EXECUTE counts under its prepared statement's entry when
 * that has one, as PostgreSQL counts the plan it runs.
 */
final class StatementTracking {
    private StatementTracking() {}

    /** The fingerprint of a statement the client sent, or null when neither query ids nor tracking want it. */
    static QueryJumble.Fingerprint fingerprint(QuerySession session, RawStatement raw, String queryString,
                                               SessionPreparedQuery prepared) {
        Statement statement = raw.statement();
        if (statement instanceof Statement.Prepare || statement instanceof Statement.Deallocate) {
            return null;
        }
        if (statement instanceof Statement.Execute execute) {
            SessionPreparedQuery target = session.preparedStatements.get(execute.name());
            return target == null ? null : target.fingerprint();
        }
        if (!tracking(session) && !computesQueryId(session)) {
            return null;
        }
        return QueryJumble.of(raw, queryString);
    }

    /** The fingerprint of a statement a PL/pgSQL body prepares, or null when pg_stat_statements is off. */
    static QueryJumble.Fingerprint nestedFingerprint(QuerySession session, RawStatement raw, String queryString) {
        Statement statement = raw.statement();
        if (statement instanceof Statement.Prepare || statement instanceof Statement.Deallocate
                || statement instanceof Statement.Execute || !tracking(session)) {
            return null;
        }
        return QueryJumble.of(raw, queryString);
    }

    /**
     * {@code pgss_planner}: a planning of {@code prepared} that took {@code nanos} and used
     * {@code usage}, counted when track_planning is on and the statement's level is tracked.
     */
    static void planned(QuerySession session, SessionPreparedQuery prepared, boolean topLevel) {
        QueryJumble.Fingerprint fingerprint = prepared.fingerprint();
        if (fingerprint == null || prepared.planned() == null || prepared.statement() instanceof Statement.Explain
                || !tracked(session, topLevel) || !session.settings.getBoolean("pg_stat_statements.track_planning")) {
            return;
        }
        session.statistics.statements().recordPlanning(key(session, fingerprint, topLevel), fingerprint::text,
                prepared.planningNanos() / 1_000_000.0, prepared.planningUsage(),
                session.settings.getInt("pg_stat_statements.max"));
    }

    /** {@code pgstat_report_query_id}: pg_stat_activity.query_id of the top-level statement starting to run. */
    static void started(QuerySession session, SessionPreparedQuery prepared, boolean topLevel) {
        QueryJumble.Fingerprint fingerprint = prepared.fingerprint();
        BackendStatus status = BackendStatus.current();
        if (topLevel && fingerprint != null && status != null && computesQueryId(session)) {
            status.queryId(fingerprint.queryId());
        }
    }

    /**
     * {@code pgss_store} at the end of a statement: {@code nanos} it ran, {@code rows} it
     * processed, {@code usage} the buffers and WAL it used.
     */
    static void finished(QuerySession session, SessionPreparedQuery prepared, boolean topLevel, long nanos, long rows,
                         ResourceUsage.Counts usage) {
        QueryJumble.Fingerprint fingerprint = prepared.fingerprint();
        if (fingerprint == null || !tracked(session, topLevel)
                || fingerprint.utility() && !session.settings.getBoolean("pg_stat_statements.track_utility")) {
            return;
        }
        session.statistics.saveStatements(session.settings.getBoolean("pg_stat_statements.save"));
        session.statistics.statements().recordExecution(key(session, fingerprint, topLevel), fingerprint::text,
                nanos / 1_000_000.0, rows, usage, session.settings.getInt("pg_stat_statements.max"));
    }

    /** {@code pgss_enabled(level)}: top-level statements unless track is none, nested ones with all. */
    private static boolean tracked(QuerySession session, boolean topLevel) {
        BackendStatus status = BackendStatus.current();
        // workers' own queries (autovacuum, the metrics endpoint) are no client's statements
        if (status != null && !status.backendType().equals("client backend") || session.statistics == null) {
            return false;
        }
        String track = session.settings.getString("pg_stat_statements.track");
        return topLevel ? !track.equalsIgnoreCase("none") : track.equalsIgnoreCase("all");
    }

    private static StatementStatistics.Key key(QuerySession session, QueryJumble.Fingerprint fingerprint,
                                               boolean topLevel) {
        int userOid;
        try {
            userOid = session.currentRole().oid();
        } catch (SqlException droppedRole) {
            userOid = session.role.oid();
        }
        return new StatementStatistics.Key(userOid, session.databaseOid(), fingerprint.queryId(), topLevel);
    }

    /** The rows pg_stat_statements counts for a utility statement: COPY's, FETCH's and SELECT INTO's only. */
    static long utilityRows(String tag) {
        if (tag == null || !(tag.startsWith("COPY ") || tag.startsWith("FETCH ") || tag.startsWith("SELECT "))) {
            return 0;
        }
        try {
            return Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
        } catch (NumberFormatException noCount) {
            return 0;
        }
    }

    private static boolean tracking(QuerySession session) {
        return !session.settings.getString("pg_stat_statements.track").equalsIgnoreCase("none");
    }

    /** {@code compute_query_id}: auto computes them, pg_stat_statements being always loaded here. */
    private static boolean computesQueryId(QuerySession session) {
        return !session.settings.getString("compute_query_id").equalsIgnoreCase("off");
    }
}
