package org.woolly.nodes.parse;

import java.util.List;

/** An item of FROM: a table, a subquery, a function call, or a join of two items. */
public sealed interface FromItem {
    int location();

    /** {@code [ONLY] name [*] [alias]}: {@code only} leaves out the table's inheritance children. */
    record Table(QualifiedName name, Alias alias, int location, boolean only) implements FromItem {
        /** A table read with its inheritance children. */
        public Table(QualifiedName name, Alias alias, int location) {
            this(name, alias, location, false);
        }
    }

    record Subquery(SelectStmt query, Alias alias, boolean lateral, int location) implements FromItem {}

    /**
     * {@code f(args) [WITH ORDINALITY] [[AS] alias [(columns)]]}, or with a column definition list
     * {@code [AS] [alias] (name type, ...)} ({@code func_alias_clause}); {@code columnDefinitions}
     * is empty when there is none.
     */
    record Function(Expr.FuncCall call, boolean ordinality, Alias alias, List<ColumnDefinition> columnDefinitions,
                    int location) implements FromItem {
        /** A function without a column definition list. */
        public Function(Expr.FuncCall call, boolean ordinality, Alias alias, int location) {
            this(call, ordinality, alias, List.of(), location);
        }
    }

    /** One {@code name type} of a column definition list ({@code TableFuncElement}). */
    record ColumnDefinition(String name, TypeName type, int location) {}

    /**
     * {@code using} is non-null for USING (cols); {@code natural} for NATURAL; else {@code on}.
     * {@code alias}: {@code (a JOIN b ...) AS x [(columns)]}, which hides the names of the items
     * within; {@code usingAlias}: {@code USING (cols) AS j}, a name for the merged columns alone
     * (PostgreSQL 14's {@code join_using_alias}). Each null when not written.
     */
    record Join(JoinType type, FromItem left, FromItem right, Expr on, List<String> using, boolean natural,
                int location, Alias alias, Alias usingAlias) implements FromItem {
        /** A join without aliases. */
        public Join(JoinType type, FromItem left, FromItem right, Expr on, List<String> using, boolean natural,
                    int location) {
            this(type, left, right, on, using, natural, location, null, null);
        }

        /** This join with {@code alias}. */
        public Join withAlias(Alias alias) {
            return new Join(type, left, right, on, using, natural, location, alias, usingAlias);
        }
    }

    /** {@code AS name [(column aliases)]}. */
    record Alias(String name, List<String> columns) {}

    /**
     * The kinds of join; SEMI and ANTI never come from the parser: the planner makes them from
     * EXISTS / IN and NOT EXISTS sublinks it pulls up ({@code JOIN_SEMI}, {@code JOIN_ANTI}).
     */
    enum JoinType { INNER, LEFT, RIGHT, FULL, CROSS, SEMI, ANTI }
}
