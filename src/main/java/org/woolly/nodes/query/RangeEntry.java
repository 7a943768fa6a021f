package org.woolly.nodes.query;

import java.util.List;
import org.woolly.catalog.RelationInfo;

/**
 * One FROM item of a query ({@code RangeTblEntry}): a table, a subquery or a VALUES list, with
 * the names and types of its columns and where they start in the concatenated input row.
 * {@code withTid} adds the tuple's TID as a trailing hidden column (the target of UPDATE/DELETE).
 */
public record RangeEntry(Kind kind, String alias, RelationInfo relation, Query subquery,
                         List<List<QueryExpr>> values, List<String> columnNames, int[] columnTypes,
                         int[] columnTypmods, int offset, boolean withTid) {

    public enum Kind { RELATION, SUBQUERY, VALUES }

    /** Columns this entry contributes to the row, including the hidden TID. */
    public int width() {
        return columnNames.size() + (withTid ? 1 : 0);
    }
}
