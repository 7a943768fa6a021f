package org.woolly.nodes.query;

/**
 * One WITH query of a statement, shared by its references ({@code CommonTableExpr} with its
 * {@code cterefcount}): the planner inlines it like a subquery or plans it once and lets every
 * reference read the same rows, by PostgreSQL's rule ({@code SS_process_ctes}): inlined when
 * NOT MATERIALIZED, or when not MATERIALIZED and referenced exactly once; never when recursive
 * or when it calls a volatile function (inlining would run it once per reference).
 *
 * <p>The reference count grows while the statement is analyzed and is final when the planner
 * reads it. A materialized CTE that reads columns of an enclosing query ({@code correlated})
 * changes whenever they do, so each of its references runs its own copy of the plan.
 */
public final class CteDefinition {
    /** How the WITH clause asked for it: {@code AS MATERIALIZED}, {@code AS NOT MATERIALIZED}, or neither. */
    public enum Materialization { DEFAULT, ALWAYS, NEVER }

    private final String name;
    private final Materialization materialization;
    private final boolean recursive;
    private final boolean callsVolatile;
    private final boolean correlated;
    private int references;

    public CteDefinition(String name, Materialization materialization, boolean recursive, boolean callsVolatile,
                         boolean correlated) {
        this.name = name;
        this.materialization = materialization;
        this.recursive = recursive;
        this.callsVolatile = callsVolatile;
        this.correlated = correlated;
    }

    public String name() {
        return name;
    }

    /** Counts one more reference in FROM. */
    public void addReference() {
        references++;
    }

    public int references() {
        return references;
    }

    /** Whether its references are planned as subqueries of their own (inline_cte). */
    public boolean inline() {
        return !recursive && !callsVolatile && (materialization == Materialization.NEVER
                || materialization == Materialization.DEFAULT && references == 1);
    }

    /** Whether one plan computes its rows once for all its references (a CTE subplan in EXPLAIN). */
    public boolean shared() {
        return !inline() && !correlated;
    }

    @Override
    public String toString() {
        return "CteDefinition[" + name + ", " + references + " references]";
    }
}
