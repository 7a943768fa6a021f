package org.woolly.executor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.woolly.nodes.plan.Plan;

/**
 * The live counts of a running statement's plan (Woolly's; PostgreSQL has no counterpart, its
 * {@code pg_stat_activity} stops at the query text): for each node the rows it returned and the
 * times it was opened so far, and the node the executor is in right now. They are what EXPLAIN
 * ANALYZE counts anyway, kept by a thin wrapper around every node: one field write per row and
 * two per call, no lock, no clock. Only the statement's own thread writes (opaque writes);
 * another session reads them while the plan runs ({@code woolly_explain_backend},
 * {@code woolly_stat_activity}) and sees at worst the figure of a moment ago. A parallel
 * worker's counts join the leader's when the worker ends.
 */
public final class LivePlan {
    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(LivePlan.class, "current", Plan.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** By plan node (identity: equal subplans are distinct nodes); filled while the nodes are built. */
    private final Map<Plan, Instrumentation> counts = Collections.synchronizedMap(new IdentityHashMap<>());
    @SuppressWarnings("unused") // through CURRENT
    private Plan current;

    LivePlan() {}

    /** The node the executor is in now (innermost), or null before the plan starts and after it ends. */
    public Plan current() {
        return (Plan) CURRENT.getOpaque(this);
    }

    /** The counts of {@code plan}'s node, or null when it was not built. */
    public Instrumentation counts(Plan plan) {
        return counts.get(plan);
    }

    /** Wraps a node just built for {@code plan} so that it counts its rows and loops and says when it runs. */
    ExecNode track(Plan plan, ExecNode node) {
        Instrumentation counted = new Instrumentation();
        counts.put(plan, counted);
        return new ExecNode() {
            @Override
            public void open() {
                counted.loop();
                Plan outer = current;
                CURRENT.setOpaque(LivePlan.this, plan);
                try {
                    node.open();
                } finally {
                    CURRENT.setOpaque(LivePlan.this, outer);
                }
            }

            @Override
            public Object[] next() {
                Plan outer = current;
                CURRENT.setOpaque(LivePlan.this, plan);
                Object[] row;
                try {
                    row = node.next();
                } finally {
                    CURRENT.setOpaque(LivePlan.this, outer);
                }
                if (row != null) {
                    counted.row();
                }
                return row;
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
