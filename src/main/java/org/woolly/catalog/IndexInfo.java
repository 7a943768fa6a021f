package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.woolly.access.common.RelationOptions;
import org.woolly.access.nbtree.IndexShape;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * An index of a table as the executor and planner need it ({@code pg_index} with the index's
 * {@code pg_class} row, what PostgreSQL's relcache keeps in {@code rd_index}): its OID, name and
 * file, the table columns it stores (1-based attribute numbers: key columns first, then INCLUDE
 * columns), their types, the ordering options and operator classes of the key columns, and
 * whether it is unique, the primary key, NULLS NOT DISTINCT and valid, and its storage
 * parameters (pg_class.reloptions: fillfactor, deduplicate_items).
 *
 * <p>An expression index has 0 in {@code columns} for each expression column; {@code expressions}
 * ({@code pg_index.indexprs}) holds their SQL texts in that order, separated by {@code ", "}
 * ({@link #expressionTexts()} splits them), and a partial index's {@code predicate}
 * ({@code indpred}) is the SQL text of its WHERE clause; both null when absent. Woolly stores
 * expressions as SQL text rather than node trees, as it does for CHECK constraints and defaults:
 * the analyzer parses them again where they are used, and {@code pg_get_expr} can print them.
 *
 * @param columns        table attribute numbers of the stored columns ({@code indkey})
 * @param keyColumnCount how many leading columns are keys ({@code indnkeyatts}); the rest are INCLUDE columns
 * @param columnTypeOids the type of each stored column
 * @param operatorClasses the btree operator class of each key column ({@code indclass})
 * @param descending     per key column ({@code indoption} bit 1)
 * @param nullsFirst     per key column ({@code indoption} bit 2)
 * @param immediate      {@code indimmediate}: false for the index of a DEFERRABLE unique or primary
 *                       key constraint, whose uniqueness is checked after the statement or at commit
 */
public record IndexInfo(int oid, String name, int relationOid, int namespaceOid, RelFileLocator locator,
                        List<Short> columns, int keyColumnCount, List<Integer> columnTypeOids,
                        List<Integer> operatorClasses, List<Boolean> descending, List<Boolean> nullsFirst,
                        boolean unique, boolean primary, boolean nullsNotDistinct, boolean valid,
                        String expressions, String predicate, boolean immediate, RelationOptions options) {

    /** An index with its storage parameters at their defaults. */
    public IndexInfo(int oid, String name, int relationOid, int namespaceOid, RelFileLocator locator,
                     List<Short> columns, int keyColumnCount, List<Integer> columnTypeOids,
                     List<Integer> operatorClasses, List<Boolean> descending, List<Boolean> nullsFirst,
                     boolean unique, boolean primary, boolean nullsNotDistinct, boolean valid,
                     String expressions, String predicate, boolean immediate) {
        this(oid, name, relationOid, namespaceOid, locator, columns, keyColumnCount, columnTypeOids, operatorClasses,
                descending, nullsFirst, unique, primary, nullsNotDistinct, valid, expressions, predicate, immediate,
                RelationOptions.defaults(RelationOptions.Kind.BTREE));
    }

    /** {@code INDOPTION_DESC} of {@code pg_index.h}. */
    public static final int OPTION_DESC = 1;
    /** {@code INDOPTION_NULLS_FIRST} of {@code pg_index.h}. */
    public static final int OPTION_NULLS_FIRST = 2;

    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.\"]*");

    /** Whether any stored column is an expression. */
    public boolean hasExpressions() {
        return expressions != null;
    }

    /** Whether the index has a predicate (a partial index). */
    public boolean partial() {
        return predicate != null;
    }

    /** The SQL text of each expression column, in column order; empty for an index on plain columns. */
    public List<String> expressionTexts() {
        return expressions == null ? List.of() : splitTopLevel(expressions);
    }

    /**
     * The SQL text of stored column {@code i} (0-based): the column's name, or its expression as
     * {@code pg_get_indexdef} prints an index column (parenthesized unless it is a function call).
     */
    public String columnText(RelationInfo table, int i) {
        return columnText(table, i, false);
    }

    /**
     * As {@link #columnText(RelationInfo, int)}; {@code pretty} first drops the parentheses that
     * enclose the whole stored expression, as {@code pg_get_indexdef_columns(..., true)} prints it
     * for error details ({@code Key ((a + b))=(3)}).
     */
    public String columnText(RelationInfo table, int i, boolean pretty) {
        if (columns.get(i) != 0) {
            return table.attributeByNumber(columns.get(i)).name();
        }
        int expression = 0;
        for (int j = 0; j < i; j++) {
            if (columns.get(j) == 0) {
                expression++;
            }
        }
        String stored = expressionTexts().get(expression);
        return expressionColumnText(pretty ? ObjectDefinitions.withoutOuterParentheses(stored) : stored);
    }

    /** A stored expression as a key column list prints it: a function call as is, else parenthesized. */
    public static String expressionColumnText(String text) {
        return looksLikeFunctionCall(text) ? text : "(" + text + ")";
    }

    /** {@code lower(name)} but not {@code lower(a) || upper(b)}: a name whose argument list ends the text. */
    private static boolean looksLikeFunctionCall(String text) {
        Matcher name = FUNCTION_NAME.matcher(text);
        if (!name.lookingAt()) {
            return false;
        }
        String arguments = text.substring(name.end());
        return arguments.startsWith("(") && !ObjectDefinitions.withoutOuterParentheses(arguments).equals(arguments);
    }

    /** Joins expression texts as {@code indexprs} stores them. */
    public static String joinExpressions(List<String> texts) {
        return texts.isEmpty() ? null : String.join(", ", texts);
    }

    /** Splits at commas outside parentheses, brackets and quotes. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return List.copyOf(parts);
    }

    /** The number of INCLUDE columns. */
    public int includeColumnCount() {
        return columns.size() - keyColumnCount;
    }

    /** What the B-tree needs of this index. */
    public IndexShape shape() {
        return new IndexShape(locator, name, columnTypeOids, keyColumnCount, descending, nullsFirst, unique,
                nullsNotDistinct, options.fillFactor());
    }

    /**
     * The stored column values of a row of {@code table} (one value per live column); only for an
     * index without expressions (the executor's {@code IndexTuples} evaluates those).
     */
    public Object[] values(RelationInfo table, Object[] tableRow) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tableRow[table.position(columns.get(i))];
        }
        return values;
    }

    /** The names of the key columns in {@code table}, for messages ({@code Key (a, b)=...}). */
    public List<String> keyColumnNames(RelationInfo table) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keyColumnCount; i++) {
            names.add(columnText(table, i, true));
        }
        return names;
    }
}
