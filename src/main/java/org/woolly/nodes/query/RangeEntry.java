package org.woolly.nodes.query;

import java.util.List;

/**
 * One FROM item of a query ({@code RangeTblEntry}): a table, a subquery, a VALUES list or a
 * function call ({@code RTE_FUNCTION}, {@link #function}), with
 * the names and types of its columns and where they start in the concatenated input row.
 * {@code withTid} adds the tuple's TID as a trailing hidden column (the target of UPDATE/DELETE).
 *
 * <p>A table is named by OID ({@code relid}), never by where its files are: the executor opens
 * it at execution start, so a plan survives a TRUNCATE (new relfilenode) made after it, and the
 * plan cache decides from the OID whether a catalog change makes the plan stale.
 */
public record RangeEntry(Kind kind, String alias, Relation relation, Query subquery,
                         List<List<QueryExpr>> values, List<String> columnNames, int[] columnTypes,
                         int[] columnTypmods, int offset, boolean withTid, Function function, CteReference cte,
                         List<ParamBinding> lateral) {

    /**
     * CTE: a reference to a WITH query ({@code RTE_CTE}) whose {@code subquery} is the CTE's
     * query; WORKTABLE: the self-reference inside a recursive CTE's recursive term, reading the
     * rows of the previous iteration.
     */
    public enum Kind { RELATION, SUBQUERY, VALUES, FUNCTION, CTE, WORKTABLE }

    /** An entry that is not a CTE reference. */
    public RangeEntry(Kind kind, String alias, Relation relation, Query subquery, List<List<QueryExpr>> values,
                      List<String> columnNames, int[] columnTypes, int[] columnTypmods, int offset, boolean withTid,
                      Function function) {
        this(kind, alias, relation, subquery, values, columnNames, columnTypes, columnTypmods, offset, withTid, function,
                null, List.of());
    }

    /**
     * True for a LATERAL subquery or function that reads columns of FROM items before it: the
     * join runs it again for each row of its left side, with {@code lateral}'s values (columns
     * of this query's row) in their execution parameters.
     */
    public boolean isLateral() {
        return lateral != null && !lateral.isEmpty();
    }

    /**
     * The WITH query a CTE or WORKTABLE entry reads: its name, the definition its references
     * share (null for a work table), and for a work table the execution parameter holding it.
     */
    public record CteReference(String name, CteDefinition definition, int workTableParam) {
        /** Whether it is scanned as a CTE ({@code CteScan}) rather than planned inline like a subquery. */
        public boolean materialized() {
            return definition == null || !definition.inline();
        }
    }

    /** An entry that is not a function call. */
    public RangeEntry(Kind kind, String alias, Relation relation, Query subquery, List<List<QueryExpr>> values,
                      List<String> columnNames, int[] columnTypes, int[] columnTypmods, int offset, boolean withTid) {
        this(kind, alias, relation, subquery, values, columnNames, columnTypes, columnTypmods, offset, withTid, null);
    }

    /**
     * The call of a FUNCTION entry: a set-returning function gives a row per value, any other
     * expression one row; {@code ordinality} adds the row number (bigint, from 1) as last column.
     * {@code recordColumns} is the number of fields of the record each value is expanded into (a
     * function returning a row, {@code ExecMakeTableFunctionResult}), 0 when the value is the column.
     */
    public record Function(QueryExpr call, boolean ordinality, int recordColumns) {
        /** A call whose value is the one column (no record expanded). */
        public Function(QueryExpr call, boolean ordinality) {
            this(call, ordinality, 0);
        }

        public boolean returnsSet() {
            return call instanceof QueryExpr.FuncCall funcCall && funcCall.function().returnsSet();
        }
    }

    /**
     * The table of a RELATION entry: its OID, its name when analyzed (for EXPLAIN and error
     * texts) and the attribute number of each column in {@code columnNames} order.
     */
    public record Relation(int oid, String name, short[] attributeNumbers) {}

    /** This entry under another name (an inheritance child's entry as EXPLAIN names it). */
    public RangeEntry withAlias(String newAlias) {
        return new RangeEntry(kind, newAlias, relation, subquery, values, columnNames, columnTypes, columnTypmods,
                offset, withTid, function, cte, lateral);
    }

    /** Columns this entry contributes to the row, including the hidden TID. */
    public int width() {
        return columnNames.size() + (withTid ? 1 : 0);
    }
}
