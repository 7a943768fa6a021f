package org.woolly.access.nbtree;

/**
 * One condition of an index scan ({@code ScanKeyData}): {@code column strategy argument} on a
 * 0-based key column, with the btree strategies of {@code stratnum.h}; {@code IS_NULL} and
 * {@code IS_NOT_NULL} ignore the argument. A null argument with another strategy matches nothing.
 */
public record ScanKey(int column, Strategy strategy, Object argument) {

    public enum Strategy { LESS, LESS_EQUAL, EQUAL, GREATER_EQUAL, GREATER, IS_NULL, IS_NOT_NULL }
}
