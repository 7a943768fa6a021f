package org.woolly.catalog;

import java.util.List;

/**
 * A constraint of a table ({@code pg_constraint}): name, type ({@code 'p'} primary key,
 * {@code 'u'} unique, {@code 'c'} check, {@code 'f'} foreign key), the columns it names
 * ({@code conkey}), the index that enforces it ({@code conindid}, 0 for none), and for a check
 * constraint its expression as SQL text (Woolly's {@code conbin}, parsed and analyzed where used).
 */
public record ConstraintInfo(int oid, String name, int namespaceOid, char type, List<Short> columns, int indexOid,
                             String checkExpression, boolean deferrable, boolean deferred, boolean validated) {

    public static final char PRIMARY_KEY = 'p';
    public static final char UNIQUE = 'u';
    public static final char CHECK = 'c';
    public static final char FOREIGN_KEY = 'f';
}
