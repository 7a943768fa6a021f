package org.woolly.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL generates for indexes and constraints ({@code ChooseRelationName},
 * {@code ChooseIndexName}, {@code ChooseIndexNameAddition}, {@code ChooseConstraintName} and
 * {@code makeObjectName} in {@code indexcmds.c} and {@code pg_constraint.c}): table name, column
 * names joined by {@code _}, and a label ({@code pkey}, {@code key}, {@code idx}, {@code check},
 * {@code fkey}), shortened to fit 63 bytes by trimming the longer of the two name parts first;
 * when the name is taken, a number is appended to the label ({@code t_a_key1}, {@code t_a_key2}).
 * Clients and migrations refer to these names, so they must match exactly.
 */
public final class ObjectNames {
    /** {@code NAMEDATALEN - 1}: the longest identifier in bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private ObjectNames() {}

    /**
     * {@code makeObjectName}: {@code name1[_name2][_label]}, with name1 and name2 trimmed (the
     * longer one first, a byte at a time on character boundaries) until the whole fits.
     */
    public static String makeObjectName(String name1, String name2, String label) {
        int overhead = 0;
        if (name2 != null) {
            overhead += 1;
        }
        if (label != null) {
            overhead += utf8Length(label) + 1;
        }
        int available = MAX_IDENTIFIER_BYTES - overhead;
        int length1 = utf8Length(name1);
        int length2 = name2 == null ? 0 : utf8Length(name2);
        while (length1 + length2 > available) {
            if (length1 > length2) {
                length1--;
            } else {
                length2--;
            }
        }
        StringBuilder name = new StringBuilder(clip(name1, length1));
        if (name2 != null) {
            name.append('_').append(clip(name2, length2));
        }
        if (label != null) {
            name.append('_').append(label);
        }
        return name.toString();
    }

    /**
     * {@code ChooseRelationName}: the first of {@code makeObjectName(name1, name2, label)},
     * then with label {@code label1}, {@code label2}, ... that {@code taken} does not refuse.
     */
    public static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String candidate = makeObjectName(name1, name2, label);
        for (int pass = 1; taken.test(candidate); pass++) {
            candidate = makeObjectName(name1, name2, label + pass);
        }
        return candidate;
    }

    /**
     * {@code ChooseIndexName}: {@code t_pkey} for a primary key, {@code t_a_b_key} for a unique
     * constraint, {@code t_a_b_idx} for a plain CREATE INDEX ({@code columnNames} are all stored
     * columns, INCLUDE ones too; an expression column is {@code expr}).
     */
    public static String indexName(String tableName, List<String> columnNames, boolean primary, boolean constraint,
                                   Predicate<String> taken) {
        if (primary) {
            return choose(tableName, null, "pkey", taken);
        }
        return choose(tableName, columnNameAddition(columnNames), constraint ? "key" : "idx", taken);
    }

    /**
     * {@code ChooseIndexNameAddition}: the column names joined by {@code _}, stopping once the
     * result reaches 64 bytes (makeObjectName trims it later).
     */
    public static String columnNameAddition(List<String> columnNames) {
        StringBuilder addition = new StringBuilder();
        int bytes = 0;
        for (String name : columnNames) {
            if (bytes > 0) {
                addition.append('_');
                bytes++;
            }
            String part = clip(name, Math.min(utf8Length(name), MAX_IDENTIFIER_BYTES));
            addition.append(part);
            bytes += utf8Length(part);
            if (bytes > MAX_IDENTIFIER_BYTES) {
                break;
            }
        }
        return addition.toString();
    }

    /** {@code ChooseConstraintName} for a check constraint: {@code t_a_check} on one column, else {@code t_check}. */
    public static String checkName(String tableName, String columnName, Predicate<String> taken) {
        return choose(tableName, columnName, "check", taken);
    }

    /** The first {@code bytes} UTF-8 bytes of {@code text}, cut back to a character boundary ({@code pg_mbcliplen}). */
    static String clip(String text, int bytes) {
        if (utf8Length(text) <= bytes) {
            return text;
        }
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (used + size > bytes) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
