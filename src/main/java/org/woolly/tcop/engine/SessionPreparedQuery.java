package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.LockedRelation;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.Query;
import org.woolly.tcop.PreparedQuery;
import org.woolly.protocol.ResultColumn;

/**
 * A prepared statement of this engine: an optimizable statement with its query tree and plan
 * ({@code query() != null}), or a utility statement kept raw and run by the commands. The plan
 * and the relations it was made from are replaced when a relation changed before an execution
 * ({@code CachedPlanSource} in {@code plancache.c}, reduced to that); the parameter and result
 * types never change.
 */
final class SessionPreparedQuery implements PreparedQuery {

    /** The analyzed form: query tree, plan, the relations opened, and when it was made. */
    record Planned(Query query, Plan plan, List<LockedRelation> relations, Transaction transaction, int commandId) {}

    private final String sourceText;
    private final Statement statement;
    private final int[] parameterTypes;
    private final List<ResultColumn> resultColumns;
    private final String commandName;
    private Planned planned;
    /** How long the planner took to make the plan, for EXPLAIN's "Planning Time". */
    private long planningNanos;

    SessionPreparedQuery(String sourceText, Statement statement, Planned planned, int[] parameterTypes,
                         List<ResultColumn> resultColumns, String commandName) {
        this.sourceText = sourceText;
        this.statement = statement;
        this.planned = planned;
        this.parameterTypes = parameterTypes.clone();
        this.resultColumns = List.copyOf(resultColumns);
        this.commandName = commandName;
    }

    /** A utility statement: nothing analyzed or planned. */
    SessionPreparedQuery(String sourceText, Statement statement, List<ResultColumn> resultColumns, String commandName) {
        this(sourceText, statement, null, new int[0], resultColumns, commandName);
    }

    @Override
    public String sourceText() {
        return sourceText;
    }

    Statement statement() {
        return statement;
    }

    Query query() {
        return planned == null ? null : planned.query();
    }

    Plan plan() {
        return planned == null ? null : planned.plan();
    }

    Planned planned() {
        return planned;
    }

    long planningNanos() {
        return planningNanos;
    }

    SessionPreparedQuery withPlanningNanos(long nanos) {
        planningNanos = nanos;
        return this;
    }

    void replan(Planned fresh) {
        planned = fresh;
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public List<ResultColumn> resultColumns() {
        return resultColumns;
    }

    @Override
    public String commandName() {
        return commandName;
    }
}
