package org.woolly.tcop.engine;

import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.QueryJumble;
import org.woolly.pgstat.BackendStatus;
import org.woolly.pgstat.StatementStatistics;
import org.woolly.utils.error.SqlException;

/**
 * pg_stat_statements' hooks, built in ({@code pgss_post_parse_analyze}, {@code pgss_ExecutorEnd},
 * {@code pgss_ProcessUtility}): a statement the client sends gets its fingerprint when it is
 * prepared; when its portal finishes, its execution time and rows go to the server's
 * {@link StatementStatistics}. Statements run from inside others (functions, COPY's queries)
 * are never prepared here, so only top-level ones are tracked ({@code pg_stat_statements.track
 * = top}; {@code all} tracks the same). PREPARE and DEALLOCATE are not tracked; EXECUTE counts
 * under its prepared statement's entry when that has one, as PostgreSQL counts the plan it runs.
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

    /** {@code pgstat_report_query_id}: pg_stat_activity.query_id of the statement starting to run. */
    static void started(QuerySession session, SessionPreparedQuery prepared) {
        QueryJumble.Fingerprint fingerprint = prepared.fingerprint();
        BackendStatus status = BackendStatus.current();
        if (fingerprint != null && status != null && computesQueryId(session)) {
            status.queryId(fingerprint.queryId());
        }
    }

    /** {@code pgss_store} at the end of a top-level statement: {@code nanos} it ran, {@code rows} it processed. */
    static void finished(QuerySession session, SessionPreparedQuery prepared, long nanos, long rows) {
        QueryJumble.Fingerprint fingerprint = prepared.fingerprint();
        BackendStatus status = BackendStatus.current();
        // workers' own queries (autovacuum, the metrics endpoint) are no client's statements
        if (status != null && !status.backendType().equals("client backend")) {
            return;
        }
        if (fingerprint == null || session.statistics == null || !tracking(session)
                || fingerprint.utility() && !session.settings.getBoolean("pg_stat_statements.track_utility")) {
            return;
        }
        int userOid;
        try {
            userOid = session.currentRole().oid();
        } catch (SqlException droppedRole) {
            userOid = session.role.oid();
        }
        session.statistics.saveStatements(session.settings.getBoolean("pg_stat_statements.save"));
        session.statistics.statements().record(
                new StatementStatistics.Key(userOid, session.databaseOid(), fingerprint.queryId(), true),
                fingerprint::text, nanos / 1_000_000.0, rows, 0, 0,
                session.settings.getInt("pg_stat_statements.max"));
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
