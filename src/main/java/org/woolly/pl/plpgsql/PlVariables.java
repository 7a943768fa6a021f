package org.woolly.pl.plpgsql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The variables a running body sees ({@code PLpgSQL_datum}s and the namespace of
 * {@code pl_funcs.c}): nested scopes, each a block or loop with an optional label, searched
 * innermost first. A record variable holds a {@link Row}: fixed columns for
 * {@code %ROWTYPE}, those of the last assignment for {@code record}.
 */
final class PlVariables {

    /** A row value: its column names and types and the values. */
    record Row(List<String> names, int[] types, Object[] values) {
        int field(String name) {
            return names.indexOf(name);
        }
    }

    static final class Variable {
        final String name;
        int type;
        int typmod;
        /** The type as SQL names it, for casts; null for a record. */
        String typeName;
        Object value;
        boolean constant;
        boolean notNull;
        /** Set for record and row variables. */
        boolean isRecord;
        Row row;

        Variable(String name, int type, int typmod, String typeName) {
            this.name = name;
            this.type = type;
            this.typmod = typmod;
            this.typeName = typeName;
        }
    }

    private record Scope(String label, Map<String, Variable> variables) {}

    private final Deque<Scope> scopes = new ArrayDeque<>();

    void push(String label) {
        scopes.push(new Scope(label, new LinkedHashMap<>()));
    }

    void pop() {
        scopes.pop();
    }

    /** Declares in the innermost scope; 42P13-like duplicate check as {@code plpgsql_ns_additem} does not do. */
    Variable declare(Variable variable) {
        scopes.peek().variables().put(variable.name, variable);
        return variable;
    }

    /** Makes {@code alias} name the same variable in the innermost scope (ALIAS FOR). */
    void alias(String alias, Variable variable) {
        scopes.peek().variables().put(alias, variable);
    }

    Variable lookup(String name) {
        for (Scope scope : scopes) {
            Variable variable = scope.variables().get(name);
            if (variable != null) {
                return variable;
            }
        }
        return null;
    }

    /** {@code label.name}: a variable of the scope with that label, or null. */
    Variable lookup(String label, String name) {
        for (Scope scope : scopes) {
            if (label.equals(scope.label())) {
                return scope.variables().get(name);
            }
        }
        return null;
    }

    boolean isLabel(String name) {
        for (Scope scope : scopes) {
            if (name.equals(scope.label())) {
                return true;
            }
        }
        return false;
    }

    /** The variable a statement assigns; 42601 "is not a known variable" otherwise, 22005 for a constant. */
    Variable target(String name) {
        Variable variable = lookup(name);
        if (variable == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "\"" + name + "\" is not a known variable");
        }
        if (variable.constant) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "variable \"" + name + "\" is declared CONSTANT");
        }
        return variable;
    }

    /** The fields of a record variable, 55000 when it has none yet. */
    static Row rowOf(Variable variable) {
        if (variable.row == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "record \"" + variable.name
                    + "\" is not assigned yet").withDetail("The tuple structure of a not-yet-assigned record is "
                    + "indeterminate.");
        }
        return variable.row;
    }

    static Row emptyRow(List<String> names, int[] types) {
        return new Row(new ArrayList<>(names), types.clone(), new Object[names.size()]);
    }
}
