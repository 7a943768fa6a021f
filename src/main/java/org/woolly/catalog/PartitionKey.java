package org.woolly.catalog;

import java.util.List;

/**
 * A partitioned table's key as {@code pg_partitioned_table} records it ({@code PartitionKeyData}
 * in {@code partcache.h}): the strategy ('r' range, 'l' list, 'h' hash) and the attribute
 * numbers of the key columns, 0 for an expression; {@code expressions} holds the SQL text of each
 * expression in key order ({@code partexprs}). The default partition's OID is
 * {@code defaultPartition}, 0 when none.
 */
public record PartitionKey(char strategy, List<Integer> columns, int defaultPartition, List<String> expressions) {

    public PartitionKey(char strategy, List<Integer> columns, int defaultPartition) {
        this(strategy, columns, defaultPartition, List.of());
    }

    /** The SQL text of key element {@code index}, an expression (its column number is 0). */
    public String expressionText(int index) {
        int expression = 0;
        for (int i = 0; i < index; i++) {
            if (columns.get(i) == 0) {
                expression++;
            }
        }
        return expressions.get(expression);
    }

    /**
     * Key element {@code index} as {@code pg_get_partkeydef} prints it: a column's quoted name, a
     * function call as written, any other expression in parentheses.
     */
    public String elementText(RelationInfo table, int index) {
        int column = columns.get(index);
        return column != 0 ? org.woolly.utils.adt.Identifiers.quote(table.attributeByNumber(column).name())
                : IndexInfo.expressionColumnText(expressionText(index));
    }

    /** The strategy's word as {@code pg_get_partkeydef} prints it. */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }
}
