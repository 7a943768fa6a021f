package org.woolly.catalog;

/**
 * A sequence's row of {@code pg_sequence}: its data type, start, increment, bounds, cache and
 * cycle flag (the page holds only the current value).
 */
public record SequenceDefinition(int typeOid, long start, long increment, long maxValue, long minValue, long cache,
                                 boolean cycle) {}
