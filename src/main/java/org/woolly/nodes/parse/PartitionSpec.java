package org.woolly.nodes.parse;

import java.util.List;

/**
 * {@code PARTITION BY RANGE | LIST | HASH (key, ...)} of CREATE TABLE ({@code PartitionSpec} in
 * {@code parsenodes.h}): each key element is a column ({@code column} set) or an expression.
 */
public record PartitionSpec(Strategy strategy, List<Element> elements, int location) {
    public enum Strategy {
        LIST('l'), RANGE('r'), HASH('h');

        /** {@code pg_partitioned_table.partstrat}. */
        public final char code;

        Strategy(char code) {
            this.code = code;
        }
    }

    /** One key element: a column name, or an expression with {@code column} null. */
    public record Element(String column, Expr expression, int location) {}
}
