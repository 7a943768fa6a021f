package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.executor.CursorPositions;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.QueryExecution;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.Query;
import org.woolly.pgstat.ResourceUsage;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.tcop.RowSink;
import org.woolly.utils.adt.CatalogInquiries;

/**
 * A bound statement ({@code Portal}, {@code pquery.c}): an optimizable statement keeps its
 * executor open between {@link #run} calls when suspended by a row limit; a utility statement
 * runs once, its rows (SHOW, EXPLAIN) buffered and handed out the same way.
 */
final class SessionPortal implements Portal {
    private final QuerySession session;
    private final SessionPreparedQuery prepared;
    private final Object[] parameters;
    /** The plan as of Bind ({@code CachedPlan} of the portal): a later re-plan of the statement does not change it. */
    private final SessionPreparedQuery.Planned planned;
    private QueryExecution execution;
    private List<Object[]> bufferedRows;
    private int bufferedIndex;
    private String bufferedTag;
    private boolean done;
    /** Time spent in {@link #run} so far, for pg_stat_statements; -1 before the first run. */
    private long runNanos = -1;

    SessionPortal(QuerySession session, SessionPreparedQuery prepared, Object[] parameters) {
        this.session = session;
        this.prepared = prepared;
        this.parameters = parameters;
        this.planned = prepared.planned();
    }

    @Override
    public PreparedQuery query() {
        return prepared;
    }

    @Override
    public String run(int maxRows, RowSink sink) {
        if (done) {
            return prepared.commandName();
        }
        if (runNanos < 0) {
            runNanos = 0;
            topLevel = session.portalNesting == 0;
            StatementTracking.started(session, prepared, topLevel);
        }
        boolean tracked = prepared.fingerprint() != null;
        ResourceUsage.Counts usageBefore = tracked ? ResourceUsage.current().snapshot() : null;
        long begin = System.nanoTime();
        String tag;
        session.portalNesting++;
        try {
            tag = runPortal(maxRows, sink);
        } finally {
            session.portalNesting--;
        }
        runNanos += System.nanoTime() - begin;
        if (tracked) {
            used = used.plus(ResourceUsage.current().snapshot().minus(usageBefore));
        }
        if (tag != null && tracked) {
            long rows = planned != null && !(prepared.statement() instanceof Statement.Explain)
                    ? completedRows : StatementTracking.utilityRows(tag);
            StatementTracking.finished(session, prepared, topLevel, runNanos, rows, used);
        }
        return tag;
    }

    /** Whether no other portal was running when this one started (pg_stat_statements' toplevel). */
    private boolean topLevel;
    /** The buffers and WAL this portal's runs used so far, for pg_stat_statements. */
    private ResourceUsage.Counts used = ResourceUsage.Counts.ZERO;

    private String runPortal(int maxRows, RowSink sink) {
        session.checkNotFailed(prepared.statement());
        session.startStatement();
        if (planned != null && !(prepared.statement() instanceof Statement.Explain)) {
            return runQuery(maxRows, sink);
        }
        if (bufferedRows == null) {
            Statement statement = prepared.statement();
            // index builds compare keys of enum columns by the labels' sort order, read through the catalog
            UtilityDispatch.Outcome outcome = prepared.rules() != null && !(statement instanceof Statement.Explain)
                    ? RuleProducts.run(session, prepared, parameters)
                    : statement instanceof Statement.CreateIndex
                    || statement instanceof Statement.Reindex || statement instanceof Statement.AlterTable
                    || statement instanceof Statement.CreateTable
                    ? ScopedValue.where(CatalogInquiries.CURRENT, session.catalogInquiries())
                            .call(() -> UtilityDispatch.run(session, prepared, parameters))
                    : UtilityDispatch.run(session, prepared, parameters);
            bufferedRows = outcome.rows();
            bufferedTag = outcome.tag();
            bufferedIndex = 0;
        }
        int sent = 0;
        while (bufferedIndex < bufferedRows.size()) {
            if (maxRows > 0 && sent >= maxRows) {
                return null;
            }
            sink.row(bufferedRows.get(bufferedIndex++));
            sent++;
        }
        done = true;
        return bufferedTag;
    }

    @Override
    public String runCopy(org.woolly.tcop.CopyChannel channel) {
        session.checkNotFailed(prepared.statement());
        session.startStatement();
        boolean copyTopLevel = session.portalNesting == 0;
        StatementTracking.started(session, prepared, copyTopLevel);
        ResourceUsage.Counts usageBefore = ResourceUsage.current().snapshot();
        long begin = System.nanoTime();
        String tag = CopyCommand.run(session, (Statement.Copy) prepared.statement(), prepared.sourceText(), channel);
        done = true;
        if (prepared.fingerprint() != null) {
            StatementTracking.finished(session, prepared, copyTopLevel, System.nanoTime() - begin,
                    StatementTracking.utilityRows(tag), ResourceUsage.current().snapshot().minus(usageBefore));
        }
        return tag;
    }

    private CatalogInquiries names;
    /** The rows the finished query returned or changed (pg_stat_statements' rows). */
    private long completedRows;

    private String runQuery(int maxRows, RowSink sink) {
        if (execution == null) {
            session.checkWritable(prepared);
            ExecutorContext context = session.newExecutorContext(parameters);
            names = context.catalogInquiries();
            // the plan's nodes are built knowing the catalog's array types (ARRAY(SELECT ...) of _mood)
            boolean live = org.woolly.pgstat.BackendStatus.current() != null
                    && session.settings.getBoolean("track_activities");
            execution = ScopedValue.where(CatalogInquiries.CURRENT, names)
                    .call(() -> live ? QueryExecution.live(planned.plan(), context)
                            : new QueryExecution(planned.plan(), context));
            liveStatement = live ? new LiveStatement(planned.plan(), execution) : null;
        }
        // reg* values are read and printed by name through this statement's catalog (regproc.c's syscache lookups)
        if (liveStatement == null) {
            return ScopedValue.where(CatalogInquiries.CURRENT, names).call(() -> sendRows(maxRows, sink));
        }
        return liveStatement.runningOn(org.woolly.pgstat.BackendStatus.current(),
                () -> ScopedValue.where(CatalogInquiries.CURRENT, names).call(() -> sendRows(maxRows, sink)));
    }

    /** The running statement other sessions may look at, or null when not tracked. */
    private LiveStatement liveStatement;

    private String sendRows(int maxRows, RowSink sink) {
        int sent = 0;
        while (maxRows <= 0 || sent < maxRows) {
            Object[] row = execution.next();
            if (row == null) {
                return complete();
            }
            sink.row(row);
            sent++;
        }
        if (planned.query().command() != Query.CommandType.SELECT || !execution.finished()) {
            return null;
        }
        return complete();
    }

    /** Where WHERE CURRENT OF finds this portal's current row, when it is a cursor's. */
    CursorPositions cursorPositions() {
        return CursorPositions.of(planned.plan());
    }

    /** The TIDs of the rows the running plan is on now ({@link CursorPositions#capture}); null when it ended. */
    Tid[] capturePositions(CursorPositions positions) {
        return execution == null ? null : positions.capture(execution);
    }

    /** Whether this portal's suspended execution reads the relation (its plan depends on it). */
    boolean reads(int relationOid) {
        return execution != null && planned.relations().stream()
                .anyMatch(relation -> relation.relationOid() == relationOid);
    }

    private String complete() {
        done = true;
        long rows = execution.rowsReturned();
        long processed = execution.rowsProcessed();
        completedRows = planned.query().command() == Query.CommandType.SELECT ? rows : processed;
        execution.close();
        execution = null;
        session.statementDone();
        return switch (planned.query().command()) {
            case SELECT -> "SELECT " + rows;
            case INSERT -> "INSERT 0 " + processed;
            case UPDATE -> "UPDATE " + processed;
            case DELETE -> "DELETE " + processed;
            case MERGE -> "MERGE " + processed;
        };
    }

    @Override
    public void close() {
        if (execution != null) {
            execution.close();
            execution = null;
        }
        done = true;
        session.portalClosed(this);
    }
}
