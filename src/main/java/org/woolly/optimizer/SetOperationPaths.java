package org.woolly.optimizer;

import java.util.List;
import java.util.function.Function;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgOpclassData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Plans of WITH queries and of the set operations other than UNION ({@code prepunion.c},
 * {@code createplan.c}'s CTE and work table scans): INTERSECT / EXCEPT as a hashed set
 * operation over both branches, WITH RECURSIVE as a recursive union, a CTE reference as a CTE
 * scan when the CTE is materialized and as its query inline otherwise.
 */
final class SetOperationPaths {
    /** The rows PostgreSQL assumes for a work table (ten times the non-recursive term; a fixed guess here). */
    private static final double WORK_TABLE_ROWS = 100;

    private SetOperationPaths() {}

    static Plan plan(CostModel costs, Query.SetOperation operation, List<Integer> types, Function<Query, Plan> planner) {
        Plan left = planner.apply(operation.branches().get(0));
        Plan right = planner.apply(operation.branches().get(1));
        double total = left.cost().total() + right.cost().total();
        int width = Math.max(left.cost().width(), right.cost().width());
        if (operation.kind() == Query.SetOperation.Kind.RECURSIVE_UNION) {
            if (!operation.all() && !types.stream().allMatch(SetOperationPaths::hashable)) {
                // generate_recursion_path: UNION without ALL keeps a hash table of the rows seen
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "could not implement recursive UNION")
                        .withDetail("All column datatypes must be hashable.");
            }
            double rows = left.cost().rows() + 10 * right.cost().rows();
            return new Plan.RecursiveUnion(left, right, operation.workTableParam(), operation.all(), types,
                    new Plan.Cost(0, left.cost().total() + 10 * right.cost().total(), rows, width));
        }
        double compare = (left.cost().rows() + right.cost().rows()) * costs.cpuOperatorCost() * types.size();
        double rows = operation.kind() == Query.SetOperation.Kind.INTERSECT
                ? Math.min(left.cost().rows(), right.cost().rows()) : left.cost().rows();
        return new Plan.SetOp(operation.kind(), operation.all(), left, right, types,
                new Plan.Cost(total + compare, total + compare, Math.max(1, rows), width));
    }

    /**
     * Whether rows of the type can be hashed: a built-in type needs a hash operator class (an
     * array, its element's); types PostgreSQL hashes whose hash classes Woolly's catalog does not
     * list yet count as hashable, and so do user types (enums, domains, composites).
     */
    private static boolean hashable(int type) {
        if (type >= FIRST_NORMAL_OID || HASHED_WITHOUT_CATALOG_CLASS.contains(type)) {
            return true;
        }
        int element = BuiltinTypes.elementType(type);
        if (element != 0) {
            return hashable(element);
        }
        return BuiltinTypes.byOid(type) == null || BuiltinTypes.category(type) == 'P'
                || type == TypeOids.UNKNOWN || PgOpclassData.defaultOpclass(type, PgOpclassData.HASH).isPresent();
    }

    private static final int FIRST_NORMAL_OID = 16384;
    /** jsonb, timetz, xid8, xid, cid, tid, aclitem, pg_node_tree: hashed by PostgreSQL. */
    private static final java.util.Set<Integer> HASHED_WITHOUT_CATALOG_CLASS = java.util.Set.of(3802, 1266,
            5069, 28, 29, 27, 1033, 194);

    /**
     * A CTE reference: scanned as a CTE when materialized, else its plan inline like a subquery.
     * A CTE Scan costs two {@code cpu_tuple_cost} per row of the CTE ({@code cost_ctescan}: one
     * for the tuplestore, one for the scan); a shared CTE's plan is charged once, to its level,
     * one that each reference runs for itself to the scan.
     */
    static Plan cteScan(CostModel costs, RangeEntry entry, Plan subquery, boolean shared) {
        if (!entry.cte().materialized()) {
            return subquery;
        }
        Plan.Cost cost = subquery.cost();
        double own = shared ? 0 : cost.total();
        return new Plan.CteScan(entry, subquery, new Plan.Cost(shared ? 0 : cost.startup(),
                own + 2 * costs.cpuTupleCost() * cost.rows(), cost.rows(), cost.width()));
    }

    static Plan workTableScan(CostModel costs, RangeEntry entry) {
        return new Plan.WorkTableScan(entry, entry.cte().workTableParam(), new Plan.Cost(0,
                WORK_TABLE_ROWS * costs.cpuTupleCost(), WORK_TABLE_ROWS, costs.width(entry)));
    }
}
