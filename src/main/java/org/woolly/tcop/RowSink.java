package org.woolly.tcop;

/**
 * Receives result rows as the executor produces them. Values are in the Java representation
 * of {@code org.woolly.utils.adt} for the column's type, null for SQL NULL; the backend loop
 * encodes them (text or binary per the portal's result formats) straight into DataRow messages.
 * The array may be reused by the caller after {@code row} returns.
 */
@FunctionalInterface
public interface RowSink {
    void row(Object[] values);
}
