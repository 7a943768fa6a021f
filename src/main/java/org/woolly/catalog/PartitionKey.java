package org.woolly.catalog;

import java.util.List;

/**
 * A partitioned table's key as {@code pg_partitioned_table} records it ({@code PartitionKeyData}
 * in {@code partcache.h}): the strategy ('r' range, 'l' list, 'h' hash) and the attribute
 * numbers of the key columns. The default partition's OID is {@code defaultPartition}, 0 when none.
 */
public record PartitionKey(char strategy, List<Integer> columns, int defaultPartition) {

    /** The strategy's word as {@code pg_get_partkeydef} prints it. */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }
}
