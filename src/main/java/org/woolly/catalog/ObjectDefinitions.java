package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.Identifiers;
import org.woolly.utils.error.SqlException;

/**
 * The SQL definitions {@code pg_get_indexdef} and {@code pg_get_constraintdef} print, rebuilt
 * from the catalog rows as {@code ruleutils.c} rebuilds them ({@code pg_get_indexdef_worker},
 * {@code pg_get_constraintdef_worker}). A relation name is schema-qualified where PostgreSQL
 * qualifies it: always in CREATE INDEX, only when search_path would not find it in REFERENCES.
 */
final class ObjectDefinitions {
    private final CatalogAccess catalog;
    private final Transaction transaction;

    ObjectDefinitions(CatalogAccess catalog, Transaction transaction) {
        this.catalog = catalog;
        this.transaction = transaction;
    }

    /**
     * {@code CREATE [UNIQUE] INDEX name ON schema.table USING btree (columns)}, or with
     * {@code column} > 0 that key column's name or expression alone; null when no index has that OID.
     */
    String indexDefinition(int indexOid, int column, boolean pretty) {
        RelationInfo table;
        try {
            table = catalog.relationByOid(transaction, catalog.indexTableOid(transaction, indexOid));
        } catch (SqlException notAnIndex) {
            return null;
        }
        IndexInfo index = table.indexes().stream().filter(candidate -> candidate.oid() == indexOid).findFirst()
                .orElse(null);
        if (index == null) {
            return null;
        }
        if (column > 0) {
            return column <= index.columns().size() ? columnText(table, index, column - 1, pretty) : "";
        }
        StringBuilder text = new StringBuilder("CREATE ");
        if (index.unique()) {
            text.append("UNIQUE ");
        }
        // an index on a partitioned table is not built on its partitions by this statement alone
        text.append("INDEX ").append(Identifiers.quote(index.name())).append(table.kind() == 'p' ? " ON ONLY " : " ON ")
                .append(Identifiers.quote(table.namespaceName())).append('.').append(Identifiers.quote(table.name()))
                .append(" USING btree (");
        for (int i = 0; i < index.keyColumnCount(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(columnText(table, index, i, false));
            boolean descending = index.descending().get(i);
            boolean nullsFirst = index.nullsFirst().get(i);
            if (descending) {
                text.append(" DESC");
                if (!nullsFirst) {
                    text.append(" NULLS LAST");
                }
            } else if (nullsFirst) {
                text.append(" NULLS FIRST");
            }
        }
        text.append(')');
        if (index.includeColumnCount() > 0) {
            text.append(" INCLUDE (").append(columnNames(table,
                    index.columns().subList(index.keyColumnCount(), index.columns().size()))).append(')');
        }
        if (index.nullsNotDistinct()) {
            text.append(" NULLS NOT DISTINCT");
        }
        if (index.partial()) {
            text.append(" WHERE ").append(index.predicate());
        }
        return text.toString();
    }

    /** A stored column of {@code index}: its quoted name, or its expression as {@link IndexInfo#columnText} prints it. */
    private static String columnText(RelationInfo table, IndexInfo index, int i, boolean pretty) {
        short number = index.columns().get(i);
        return number == 0 ? index.columnText(table, i, pretty) : Identifiers.quote(table.attributeByNumber(number).name());
    }

    /** {@code PRIMARY KEY (id)}, {@code CHECK (qty > 0)}, {@code FOREIGN KEY ...}; null when no constraint has that OID. */
    String constraintDefinition(int constraintOid, boolean pretty) {
        for (RelationInfo table : catalog.tables(transaction)) {
            for (ConstraintInfo constraint : table.constraints()) {
                if (constraint.oid() == constraintOid) {
                    return constraintDefinition(table, constraint, pretty);
                }
            }
        }
        DomainInfo.Check check = catalog.domainCheck(transaction, constraintOid).orElse(null);
        return check == null ? null : constraintDefinition(null, new ConstraintInfo(check.oid(), check.name(), 0,
                ConstraintInfo.CHECK, java.util.List.of(), 0, check.expression(), false, false, check.validated()),
                pretty);
    }

    private String constraintDefinition(RelationInfo table, ConstraintInfo constraint, boolean pretty) {
        StringBuilder text = new StringBuilder();
        switch (constraint.type()) {
            case ConstraintInfo.PRIMARY_KEY -> text.append("PRIMARY KEY (")
                    .append(columnNames(table, constraint.columns())).append(')');
            case ConstraintInfo.UNIQUE -> {
                text.append("UNIQUE ");
                if (table.indexes().stream().anyMatch(index -> index.oid() == constraint.indexOid()
                        && index.nullsNotDistinct())) {
                    text.append("NULLS NOT DISTINCT ");
                }
                text.append('(').append(columnNames(table, constraint.columns())).append(')');
            }
            case ConstraintInfo.CHECK -> text.append("CHECK (").append(pretty
                    ? withoutOuterParentheses(constraint.checkExpression()) : constraint.checkExpression()).append(')');
            case ConstraintInfo.FOREIGN_KEY -> foreignKey(text, table, constraint);
            default -> text.append(constraint.type());
        }
        if (constraint.deferrable()) {
            text.append(" DEFERRABLE");
        }
        if (constraint.deferred()) {
            text.append(" INITIALLY DEFERRED");
        }
        if (!constraint.validated()) {
            text.append(" NOT VALID");
        }
        return text.toString();
    }

    private void foreignKey(StringBuilder text, RelationInfo table, ConstraintInfo constraint) {
        RelationInfo referenced = catalog.relationByOid(transaction, constraint.referencedOid());
        String name = Identifiers.quote(referenced.name());
        boolean visible = catalog.lookupRelation(transaction, null, referenced.name())
                .map(found -> found.oid() == referenced.oid()).orElse(false);
        text.append("FOREIGN KEY (").append(columnNames(table, constraint.columns())).append(") REFERENCES ")
                .append(visible ? name : Identifiers.quote(referenced.namespaceName()) + "." + name)
                .append('(').append(columnNames(referenced, constraint.referencedColumns())).append(')');
        if (constraint.matchType() == ConstraintInfo.MATCH_FULL) {
            text.append(" MATCH FULL");
        }
        String onUpdate = action(constraint.updateAction());
        if (onUpdate != null) {
            text.append(" ON UPDATE ").append(onUpdate);
        }
        String onDelete = action(constraint.deleteAction());
        if (onDelete != null) {
            text.append(" ON DELETE ").append(onDelete);
        }
    }

    private static String action(char code) {
        return switch (code) {
            case ConstraintInfo.RESTRICT -> "RESTRICT";
            case ConstraintInfo.CASCADE -> "CASCADE";
            case ConstraintInfo.SET_NULL -> "SET NULL";
            case ConstraintInfo.SET_DEFAULT -> "SET DEFAULT";
            default -> null;
        };
    }

    private static String columnNames(RelationInfo table, List<Short> numbers) {
        List<String> names = new ArrayList<>();
        for (short number : numbers) {
            names.add(Identifiers.quote(table.attributeByNumber(number).name()));
        }
        return String.join(", ", names);
    }

    /** The pretty form drops the parentheses that enclose the whole stored expression. */
    static String withoutOuterParentheses(String expression) {
        if (expression.length() < 2 || expression.charAt(0) != '(' || expression.charAt(expression.length() - 1) != ')') {
            return expression;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0 && i < expression.length() - 1) {
                    return expression;
                }
            }
        }
        return expression.substring(1, expression.length() - 1);
    }
}
