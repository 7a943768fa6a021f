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
                         int[] columnTypmods, int offset, boolean withTid, Function function) {

    public enum Kind { RELATION, SUBQUERY, VALUES, FUNCTION }

    /** An entry that is not a function call. */
    public RangeEntry(Kind kind, String alias, Relation relation, Query subquery, List<List<QueryExpr>> values,
                      List<String> columnNames, int[] columnTypes, int[] columnTypmods, int offset, boolean withTid) {
        this(kind, alias, relation, subquery, values, columnNames, columnTypes, columnTypmods, offset, withTid, null);
    }

    /**
     * The call of a FUNCTION entry: a set-returning function gives a row per value, any other
     * expression one row; {@code ordinality} adds the row number (bigint, from 1) as last column.
     */
    public record Function(QueryExpr call, boolean ordinality) {
        public boolean returnsSet() {
            return call instanceof QueryExpr.FuncCall funcCall && funcCall.function().returnsSet();
        }
    }

    /**
     * The table of a RELATION entry: its OID, its name when analyzed (for EXPLAIN and error
     * texts) and the attribute number of each column in {@code columnNames} order.
     */
    public record Relation(int oid, String name, short[] attributeNumbers) {}

    /** Columns this entry contributes to the row, including the hidden TID. */
    public int width() {
        return columnNames.size() + (withTid ? 1 : 0);
    }
}
