package org.woolly.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.woolly.catalog.ConstraintInfo;

/**
 * One transaction's deferred constraint checks and its SET CONSTRAINTS modes (PostgreSQL's
 * after-trigger queue and {@code SetConstraintState} in {@code trigger.c}). A DEFERRABLE unique,
 * primary key or foreign key constraint is checked after its statement while it is IMMEDIATE,
 * and when DEFERRED its checks wait here until {@code SET CONSTRAINTS ... IMMEDIATE} names it or
 * the transaction commits ({@code AfterTriggerFireDeferred}). Each check looks at the rows as
 * they are then, so a row deleted or rolled back (to a savepoint) since needs nothing.
 */
public final class DeferredConstraints {
    private Boolean all;
    private final Map<Integer, Boolean> byConstraint = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(ConstraintInfo constraint, Consumer<ExecutorContext> check) {}

    /** What a subtransaction's abort puts back: the modes and the queue as it began. */
    private record Saved(Boolean all, Map<Integer, Boolean> byConstraint, List<Pending> pending) {}

    private final Deque<Saved> subtransactions = new ArrayDeque<>();

    /** Whether {@code constraint}'s checks wait for commit now: its INITIALLY mode unless SET CONSTRAINTS changed it. */
    public boolean deferred(ConstraintInfo constraint) {
        if (!constraint.deferrable()) {
            return false;
        }
        Boolean mode = byConstraint.get(constraint.oid());
        if (mode != null) {
            return mode;
        }
        return all != null ? all : constraint.deferred();
    }

    /** Queues a check of a DEFERRED constraint, run with the context of the statement that fires it. */
    void defer(ConstraintInfo constraint, Consumer<ExecutorContext> check) {
        pending.add(new Pending(constraint, check));
    }

    /** SET CONSTRAINTS ALL {DEFERRED | IMMEDIATE}: forgets the per-constraint modes ({@code SetConstraintState}). */
    public void setAll(boolean deferred) {
        all = deferred;
        byConstraint.clear();
    }

    /** SET CONSTRAINTS name {DEFERRED | IMMEDIATE} for one (deferrable) constraint. */
    public void set(int constraintOid, boolean deferred) {
        byConstraint.put(constraintOid, deferred);
    }

    /**
     * Runs the queued checks of the constraints that are no longer deferred (after SET
     * CONSTRAINTS ... IMMEDIATE), or all of them ({@code atCommit}). A failing check throws its
     * 23505 or 23503; the rest stay queued for the transaction's abort to drop.
     */
    public void fire(ExecutorContext context, boolean atCommit) {
        Iterator<Pending> iterator = new ArrayList<>(pending).iterator();
        while (iterator.hasNext()) {
            Pending check = iterator.next();
            if (!atCommit && deferred(check.constraint())) {
                continue;
            }
            check.check().accept(context);
            pending.remove(check);
        }
    }

    /**
     * A subtransaction (SAVEPOINT, a PL/pgSQL block with EXCEPTION) begins: remembers the modes
     * and the queue ({@code AfterTriggerBeginSubXact}; PostgreSQL saves the SET CONSTRAINTS
     * state per transaction level and the queue's end). The queue is copied: O(queued checks).
     */
    public void atSubtransactionStart() {
        subtransactions.push(new Saved(all, new HashMap<>(byConstraint), new ArrayList<>(pending)));
    }

    /**
     * The innermost subtransaction ends ({@code AfterTriggerEndSubXact}): kept on commit; on
     * abort SET CONSTRAINTS run inside it is undone, the checks it queued are dropped and the
     * ones it fired are queued again.
     */
    public void atSubtransactionEnd(boolean commit) {
        Saved saved = subtransactions.poll();
        if (saved == null || commit) {
            return;
        }
        all = saved.all();
        byConstraint.clear();
        byConstraint.putAll(saved.byConstraint());
        pending.clear();
        pending.addAll(saved.pending());
    }

    /** Whether any check waits. */
    public boolean isEmpty() {
        return pending.isEmpty();
    }
}
