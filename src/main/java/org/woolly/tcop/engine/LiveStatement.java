package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.analyzer.TypeSystem;
import org.woolly.commands.ExplainCommand;
import org.woolly.executor.Instrumentation;
import org.woolly.executor.QueryExecution;
import org.woolly.nodes.plan.Plan;
import org.woolly.pgstat.BackendStatus;
import org.woolly.pgstat.RunningStatement;

/**
 * A portal's statement while it runs, as its backend's activity entry shows it to other sessions
 * ({@code woolly_stat_activity}, {@code woolly_explain_backend}). The portal publishes it for
 * the time of each run ({@link #runningOn}); readers print it on their own thread, with their
 * own session's type system, from the execution's live counts ({@link
 * org.woolly.executor.LivePlan}).
 */
final class LiveStatement implements RunningStatement {
    private final Plan plan;
    private final QueryExecution execution;

    LiveStatement(Plan plan, QueryExecution execution) {
        this.plan = plan;
        this.execution = execution;
    }

    /** The plan node running now and its rows so far, as {@code {title, rows}}; null before the plan starts. */
    Object[] position(TypeSystem types) {
        Plan current = execution.livePlan().current();
        if (current == null) {
            return null;
        }
        Instrumentation counts = execution.instrumentation(current);
        return new Object[] {ExplainCommand.nodeTitle(current, types), counts == null ? 0L : counts.rows()};
    }

    /** The live EXPLAIN ANALYZE lines. */
    List<String> explain(TypeSystem types) {
        return ExplainCommand.explainRunning(plan, types, execution);
    }

    /** Shows this statement on {@code status} while {@code run} runs (a suspended portal shows none). */
    <T> T runningOn(BackendStatus status, java.util.function.Supplier<T> run) {
        if (status == null) {
            return run.get();
        }
        status.running(this);
        try {
            return run.get();
        } finally {
            status.running(null);
        }
    }
}
