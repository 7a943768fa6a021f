package org.woolly.catalog;

import java.util.List;

/**
 * A constraint of a table ({@code pg_constraint}): name, type ({@code 'p'} primary key,
 * {@code 'u'} unique, {@code 'c'} check, {@code 'f'} foreign key), the columns it names
 * ({@code conkey}), the index that enforces it ({@code conindid}, 0 for none; for a foreign key
 * the referenced table's unique index), and for a check constraint its expression as SQL text
 * (Woolly's {@code conbin}, parsed and analyzed where used).
 *
 * <p>A foreign key also names the referenced table ({@code confrelid}), its columns
 * ({@code confkey}, in the order of {@code columns}), the actions ON UPDATE and ON DELETE
 * ({@code confupdtype}, {@code confdeltype}: {@code a} no action, {@code r} restrict,
 * {@code c} cascade, {@code n} set null, {@code d} set default) and the match type
 * ({@code confmatchtype}: {@code s} simple, {@code f} full). For other kinds these are 0, empty
 * and {@code ' '}.
 */
public record ConstraintInfo(int oid, String name, int namespaceOid, char type, List<Short> columns, int indexOid,
                             String checkExpression, boolean deferrable, boolean deferred, boolean validated,
                             int referencedOid, List<Short> referencedColumns, char updateAction,
                             char deleteAction, char matchType) {

    public static final char PRIMARY_KEY = 'p';
    public static final char UNIQUE = 'u';
    public static final char CHECK = 'c';
    public static final char FOREIGN_KEY = 'f';

    public static final char NO_ACTION = 'a';
    public static final char RESTRICT = 'r';
    public static final char CASCADE = 'c';
    public static final char SET_NULL = 'n';
    public static final char SET_DEFAULT = 'd';
    public static final char MATCH_SIMPLE = 's';
    public static final char MATCH_FULL = 'f';

    /** A constraint that is not a foreign key. */
    public ConstraintInfo(int oid, String name, int namespaceOid, char type, List<Short> columns, int indexOid,
                          String checkExpression, boolean deferrable, boolean deferred, boolean validated) {
        this(oid, name, namespaceOid, type, columns, indexOid, checkExpression, deferrable, deferred, validated, 0,
                List.of(), ' ', ' ', ' ');
    }

    /** The same constraint under another name (RENAME CONSTRAINT). */
    public ConstraintInfo renamed(String newName) {
        return new ConstraintInfo(oid, newName, namespaceOid, type, columns, indexOid, checkExpression, deferrable,
                deferred, validated, referencedOid, referencedColumns, updateAction, deleteAction, matchType);
    }
}
