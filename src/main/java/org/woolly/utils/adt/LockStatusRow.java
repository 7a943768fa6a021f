package org.woolly.utils.adt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * One row of {@code pg_locks}, PostgreSQL 15's columns in its order ({@code pg_lock_status} in
 * {@code lockfuncs.c}); a null field is a NULL column. {@code fastpath} is always false: Woolly
 * has one lock table, no per-backend fast-path slots.
 *
 * @param waitStartMillis when a waiting request began to wait (epoch milliseconds), null if granted
 */
public record LockStatusRow(String lockType, Integer database, Integer relation, Integer page, Integer tuple,
                            String virtualXid, Long transactionId, Long classId, Long objectId,
                            Integer objectSubId, String virtualTransaction, Integer pid, String mode,
                            boolean granted, Long waitStartMillis) {

    /** Separates the fields of {@link #encoded}; no field's text contains it. */
    public static final String SEPARATOR = "|";

    private static final DateTimeFormatter WAIT_START =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    /**
     * The row as one text value, fields in column order separated by {@link #SEPARATOR}, NULL as
     * an empty field: Woolly's functions return no records yet, so {@code woolly_lock_status()}
     * returns these and the pg_locks view splits them back into columns.
     */
    public String encoded() {
        StringJoiner fields = new StringJoiner(SEPARATOR);
        for (Object field : new Object[] {lockType, database, relation, page, tuple, virtualXid, transactionId,
                classId, objectId, objectSubId, virtualTransaction, pid, mode, granted, false}) {
            fields.add(field == null ? "" : field.toString());
        }
        fields.add(waitStartMillis == null ? "" : WAIT_START.format(Instant.ofEpochMilli(waitStartMillis)));
        return fields.toString();
    }
}
