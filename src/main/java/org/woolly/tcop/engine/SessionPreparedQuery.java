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
 * A prepared statement of this engine ({@code CachedPlanSource} in {@code plancache.c}): the raw
 * statement kept for re-analysis, and for an optimizable statement its current query tree and
 * plan ({@code query() != null}); a utility statement is kept raw and run by the commands.
 * {@link PlanCache} replaces the plan when a relation it depends on changed; the parameter
 * types and the result row type never change.
 */
final class SessionPreparedQuery implements PreparedQuery {

    /**
     * The analyzed form ({@code CachedPlan}): query tree, plan, the relations it depends on with
     * their lock modes, and what it was made under: the transaction and command, the catalog
     * invalidation stamp read before analysis, the search_path, the xid of the transaction when
     * that one had changed the catalogs itself (0 otherwise), and the session's DISCARD PLANS
     * generation.
     */
    record Planned(Query query, Plan plan, List<LockedRelation> relations, Transaction transaction, int commandId,
                   long invalidationStamp, String searchPath, long catalogChangerXid, long discardGeneration) {}

    private final String sourceText;
    private final Statement statement;
    private final int[] parameterTypes;
    private List<ResultColumn> resultColumns;
    private final String commandName;
    private Planned planned;
    /** How long the planner took to make the plan, for EXPLAIN's "Planning Time". */
    private long planningNanos;
    /** Set for an INSERT, UPDATE or DELETE that rules rewrote: {@link RuleProducts} runs it. */
    private org.woolly.analyzer.RuleRewriter.Rewritten rules;
    /** Set for a statement the client sent (not one run from inside another). */
    private org.woolly.parser.QueryJumble.Fingerprint fingerprint;

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

    @Override
    public boolean returnsRows() {
        return !resultColumns.isEmpty() || statement instanceof Statement.Select;
    }

    @Override
    public Statement parsedStatement() {
        return statement();
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

    @Override
    public org.woolly.parser.QueryJumble.Fingerprint fingerprint() {
        return fingerprint;
    }

    SessionPreparedQuery withFingerprint(org.woolly.parser.QueryJumble.Fingerprint value) {
        fingerprint = value;
        return this;
    }

    org.woolly.analyzer.RuleRewriter.Rewritten rules() {
        return rules;
    }

    SessionPreparedQuery withRules(org.woolly.analyzer.RuleRewriter.Rewritten rewritten) {
        rules = rewritten;
        return this;
    }

    long planningNanos() {
        return planningNanos;
    }

    SessionPreparedQuery withPlanningNanos(long nanos) {
        planningNanos = nanos;
        return this;
    }

    /** The buffers and WAL the planner used ({@code pgss_planner}'s and EXPLAIN's planning usage). */
    private org.woolly.pgstat.ResourceUsage.Counts planningUsage = org.woolly.pgstat.ResourceUsage.Counts.ZERO;

    org.woolly.pgstat.ResourceUsage.Counts planningUsage() {
        return planningUsage;
    }

    SessionPreparedQuery withPlanningUsage(org.woolly.pgstat.ResourceUsage.Counts usage) {
        planningUsage = usage;
        return this;
    }

    /** A new plan of the same result row type; the columns' origins (table, attribute) may differ. */
    void replan(Planned fresh, List<ResultColumn> columns) {
        planned = fresh;
        resultColumns = List.copyOf(columns);
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
