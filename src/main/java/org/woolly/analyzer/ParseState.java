package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.LockedRelation;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The state of one statement's analysis ({@code ParseState} in {@code parse_node.h}): the range
 * table visible to column references, parameter types as declared or inferred so far, and the
 * aggregates found in the current clause.
 */
public final class ParseState {
    final TypeSystem types;
    final CatalogAccess catalog;
    final Transaction transaction;
    final FormatSettings formatSettings;
    /** Where WARNINGs raised during analysis go (a type modifier reduced to its maximum). */
    final NoticeSink notices;
    final List<RangeEntry> rangeTable = new ArrayList<>();
    /** Columns hidden from unqualified lookup (the right side of JOIN USING): "rangeIndex:column". */
    final Set<String> hiddenColumns = new HashSet<>();
    /**
     * A range entry out of sight for column references, -1 for none: MERGE's target within
     * WHEN NOT MATCHED ({@code setNamespaceForMergeWhen}); naming it gets PostgreSQL's hint.
     */
    int hiddenEntry = -1;
    /** Range-table indexes of tables read with their inheritance children (a UNION ALL subquery). */
    final Set<Integer> inheritanceParents = new HashSet<>();
    int[] parameterTypes;
    /** Null where aggregates are not allowed; the clause name goes into the error text. */
    String aggregateForbiddenIn;
    /** True while analyzing where a set-returning function may appear (select list, FROM function). */
    boolean setReturningAllowed;
    /** The clause being analyzed where aggregates may appear but set-returning functions not (HAVING, VALUES). */
    String setReturningForbiddenIn;
    /** Where the last set-returning call analyzed was written (errors about an enclosing call point at it). */
    int setReturningLocation;
    final List<QueryExpr.Aggregate> aggregates = new ArrayList<>();
    /** How many GROUPING() calls this query level has (they make it a grouped query, as aggregates do). */
    int groupingCalls;
    /** Where each aggregate and each window function call analyzed so far was written (nesting errors point there). */
    final List<Integer> aggregateLocations = new ArrayList<>();
    final List<Integer> windowLocations = new ArrayList<>();
    /** The WINDOW clause of the SELECT being analyzed, by window name, in written order. */
    final java.util.Map<String, org.woolly.nodes.parse.Expr.WindowDef> namedWindows = new java.util.LinkedHashMap<>();
    /** Where window functions are not allowed though aggregates may be (HAVING, window definitions), or null. */
    String windowForbiddenIn;
    /** True while analyzing the arguments of a window function (they cannot contain another). */
    boolean insideWindowFunction;
    /** Set while analyzing a column DEFAULT, where column references are not allowed. */
    boolean inDefaultExpression;
    /** Set while analyzing a partition bound value, where column references are not allowed either. */
    boolean inPartitionBound;
    /** Where subqueries may not appear ({@code "transform expression"}), or null; with the position when true. */
    String subLinkForbiddenIn;
    boolean subLinkErrorHasPosition;
    /** The SELECT's FOR UPDATE/SHARE clauses (empty: none); FROM gives the tables they name a TID. */
    List<org.woolly.nodes.parse.LockingClause> lockingClauses = List.of();
    /** Range indexes of tables locked by {@link #lockingClauses}, with the clause that applies. */
    final java.util.Map<Integer, org.woolly.nodes.parse.LockingClause> rowMarks = new java.util.LinkedHashMap<>();
    /** Every relation the statement opened and locked, shared with the states of its subqueries. */
    final List<LockedRelation> openedRelations;
    /** The enclosing query level whose columns this one may read (outer references), or null. */
    ParseState parent;
    /** True when the parent's own FROM items are not visible here (a non-LATERAL subquery in FROM). */
    boolean parentHidden;
    /** The next free execution parameter of the statement, shared by all its levels. */
    private int[] nextExecParam = {0};
    /**
     * The joins at this level with their output columns ({@code *}'s order, an alias's names), in
     * the order analyzed (inner joins before the joins around them).
     */
    final List<StarExpansion.JoinScope> joinScopes = new ArrayList<>();
    /** Range entries whose names an aliased join hides ({@code (a JOIN b) AS x}: only x is visible). */
    final Set<Integer> hiddenRefnames = new HashSet<>();
    /**
     * What an unqualified reference to "rangeIndex:column" reads instead of that column: the merged
     * column of a FULL JOIN USING, {@code COALESCE(left, right)}.
     */
    final java.util.Map<String, QueryExpr> mergedColumns = new java.util.HashMap<>();
    /** The WITH queries defined at this level (visible here and in the levels below). */
    final List<CteAnalyzer.Cte> ctes = new ArrayList<>();
    /** Parses stored expression texts (column defaults) for INSERT/UPDATE analyzed inside the statement. */
    Analyzer.ExpressionParser expressionParser;
    /** The statement's data-modifying WITH queries, shared by all its levels. */
    private List<org.woolly.nodes.query.DataModifyingCte> dataModifyingCtes = new ArrayList<>();
    /** The parameters of the routine whose body this level belongs to, or null outside a routine body. */
    RoutineCalls.Scope routine;
    /** The set-returning routine call this level analyzes as a FROM item, or null. */
    RoutineCalls.FromTarget fromTarget;
    /** The outer columns this level reads from its parent, each in its execution parameter. */
    final List<org.woolly.nodes.query.ParamBinding> bindings = new ArrayList<>();

    public ParseState(TypeSystem types, CatalogAccess catalog, Transaction transaction, FormatSettings formatSettings,
                      NoticeSink notices, int[] parameterTypes) {
        this(types, catalog, transaction, formatSettings, notices, parameterTypes, new ArrayList<>());
    }

    private ParseState(TypeSystem types, CatalogAccess catalog, Transaction transaction, FormatSettings formatSettings,
                       NoticeSink notices, int[] parameterTypes, List<LockedRelation> openedRelations) {
        this.types = CatalogTypeSystem.over(types, catalog, transaction);
        this.catalog = catalog;
        this.transaction = transaction;
        this.formatSettings = formatSettings;
        this.notices = notices;
        this.parameterTypes = parameterTypes == null ? new int[0] : parameterTypes.clone();
        this.openedRelations = openedRelations;
    }

    /**
     * The locking clause that applies to the FROM item called {@code name} (its alias, else its
     * table name), the strongest when several do ({@code applyLockingClause}); null if none.
     */
    org.woolly.nodes.parse.LockingClause lockingClauseFor(String name) {
        org.woolly.nodes.parse.LockingClause chosen = null;
        for (org.woolly.nodes.parse.LockingClause clause : lockingClauses) {
            if (clause.relations().isEmpty() || clause.relations().contains(name)) {
                if (chosen == null || strength(clause) > strength(chosen)) {
                    chosen = clause;
                }
            }
        }
        return chosen;
    }

    private static int strength(org.woolly.nodes.parse.LockingClause clause) {
        return List.of("KEY SHARE", "SHARE", "NO KEY UPDATE", "UPDATE").indexOf(clause.strength());
    }

    /** The state of a subquery or a separately analyzed part of this statement. */
    ParseState child(int[] parameterTypes) {
        return childWith(catalog, parameterTypes);
    }

    /**
     * The state of a subquery that sees this level's columns as outer references: a subquery
     * in an expression, a set operation's branch or a LATERAL item ({@code hideThisLevel}
     * false), or a plain subquery in FROM or a CTE (true), which sees only the levels above.
     */
    ParseState nested(boolean hideThisLevel) {
        ParseState child = child(parameterTypes);
        child.parent = this;
        child.parentHidden = hideThisLevel;
        return child;
    }

    List<org.woolly.nodes.query.DataModifyingCte> dataModifyingCtes() {
        return dataModifyingCtes;
    }

    int newExecParam() {
        return nextExecParam[0]++;
    }

    /** {@link #child} resolving names through {@code names} (a view's query: pg_catalog only). */
    ParseState childWith(CatalogAccess names, int[] parameterTypes) {
        ParseState child = new ParseState(types, names, transaction, formatSettings, notices, parameterTypes,
                openedRelations);
        child.nextExecParam = nextExecParam;
        child.expressionParser = expressionParser;
        child.dataModifyingCtes = dataModifyingCtes;
        child.routine = routine;
        return child;
    }

    int parameterType(int number) {
        return number <= parameterTypes.length ? parameterTypes[number - 1] : 0;
    }

    void setParameterType(int number, int type) {
        if (number > parameterTypes.length) {
            parameterTypes = Arrays.copyOf(parameterTypes, number);
        }
        parameterTypes[number - 1] = type;
    }

    /** The final parameter types: 42P18 for one whose type nothing determined. */
    public int[] resolvedParameterTypes() {
        for (int i = 0; i < parameterTypes.length; i++) {
            if (parameterTypes[i] == 0 || parameterTypes[i] == TypeOids.UNKNOWN) {
                throw SqlException.of(SqlState.INDETERMINATE_DATATYPE,
                        "could not determine data type of parameter $%d", i + 1);
            }
        }
        return parameterTypes.clone();
    }

    int nextOffset() {
        return rangeTable.isEmpty() ? 0 : rangeTable.getLast().offset() + rangeTable.getLast().width();
    }

    static SqlException at(SqlException error, int location) {
        return error.position() == 0 && location >= 0 ? error.withPosition(location + 1) : error;
    }

    static SqlException error(SqlState state, int location, String format, Object... args) {
        return at(SqlException.of(state, format, args), location);
    }
}
