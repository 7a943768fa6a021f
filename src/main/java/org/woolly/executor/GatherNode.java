package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.woolly.access.heap.ParallelBlockTable;
import org.woolly.nodes.plan.Plan;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Gather ({@code nodeGather.c} with {@code execParallel.c}): starts the planned number of
 * parallel workers, each running its own copy of the partial plan below, and returns their rows
 * and, with {@code parallel_leader_participation}, the rows of the leader's own copy, in the
 * order they come. Workers are threads of the server named {@code woolly: parallel worker for
 * PID n}; they share the leader's snapshot and transaction and only read. Every Parallel Seq
 * Scan below gets one shared block counter ({@link ParallelBlockTable}) for all copies.
 *
 * <p>A worker sends its rows in batches through one bounded queue ({@code shm_mq}): when the
 * leader does not keep up the workers wait. The leader reads the queue first and runs its own
 * copy only while the queue is empty, as {@code gather_getnext} does. An error in a worker ends
 * the query with that error and {@code CONTEXT: parallel worker}; a cancel, statement_timeout or
 * an early end (LIMIT, a closed portal) stops the workers at their next interrupt check, and
 * close waits for them, so no worker outlives its Gather.
 *
 * <p>The server runs at most max_parallel_workers workers at once (max_worker_processes in
 * PostgreSQL bounds them too): a Gather gets the ones free when it starts, possibly none, and
 * EXPLAIN ANALYZE shows {@code Workers Launched}.
 */
final class GatherNode implements ExecNode {
    /** Workers running in the whole server (PostgreSQL's background worker slots). */
    private static final AtomicInteger RUNNING_WORKERS = new AtomicInteger();
    /** Rows per batch a worker sends. */
    private static final int BATCH_ROWS = 256;
    /** Batches the queue holds per worker before a worker waits for the leader. */
    private static final int BATCHES_PER_WORKER = 16;
    /** wait_event_type of the waits on the queue ({@code PG_WAIT_IPC}). */
    private static final String WAIT_IPC = "IPC";

    private final ExecutorContext context;
    private final Plan.Gather plan;
    private final ExecutorBuilder builder;
    /** The leader's copy of the partial plan; null without leader participation. */
    private final ExecNode leader;
    /** Where EXPLAIN ANALYZE reads {@code Workers Launched}, or null. */
    Instrumentation instrumentation;

    private LinkedBlockingQueue<Batch> queue;
    private AtomicBoolean stop;
    private List<Worker> workers = List.of();
    private int workersDone;
    private boolean leaderDone;
    private List<Object[]> current;
    private int currentIndex;

    /** Rows of one worker, or its end (with its error, if it failed). */
    private record Batch(List<Object[]> rows, Worker finished, Throwable error) {}

    GatherNode(ExecutorContext context, Plan.Gather plan, ExecutorBuilder builder) {
        this.context = context;
        this.plan = plan;
        this.builder = builder;
        context.parallelScans(); // made before any worker context shares it
        boolean participate = context.currentSetting("parallel_leader_participation", true) == null
                || "on".equals(context.currentSetting("parallel_leader_participation", true));
        this.leader = participate ? builder.build(plan.input()) : null;
    }

    @Override
    public void open() {
        stop = new AtomicBoolean();
        Map<Plan, ParallelBlockTable> scans = context.parallelScans();
        registerScans(plan.input(), scans);
        int wanted = Math.min(plan.workers(), context.maxParallelWorkers());
        List<Worker> started = new ArrayList<>();
        queue = new LinkedBlockingQueue<>(Math.max(1, wanted) * BATCHES_PER_WORKER);
        for (int i = 0; i < wanted && reserveSlot(context.maxParallelWorkers()); i++) {
            ExecutorContext workerContext = context.forParallelWorker(stop);
            ExecutorBuilder workerBuilder = builder.forWorker(workerContext);
            try {
                started.add(new Worker(workerContext, workerBuilder, workerBuilder.build(plan.input())));
            } catch (RuntimeException failure) {
                // no thread started yet: give back this worker's slot and those of the ones before it
                RUNNING_WORKERS.addAndGet(-(started.size() + 1));
                throw failure;
            }
        }
        workers = started;
        workersDone = 0;
        leaderDone = leader == null;
        current = null;
        // reg* values print by name through the statement's catalog (a scoped value is not inherited)
        org.woolly.utils.adt.CatalogInquiries names = org.woolly.utils.adt.CatalogInquiries.CURRENT.isBound()
                ? org.woolly.utils.adt.CatalogInquiries.CURRENT.get() : null;
        org.woolly.pgstat.BackendStatus leaderStatus = org.woolly.pgstat.BackendStatus.current();
        for (Worker worker : workers) {
            // pg_stat_activity and woolly ps list the worker from its start to its end, leader_pid the leader's
            worker.status = leaderStatus == null ? null : leaderStatus.startParallelWorker();
            Runnable body = names == null ? worker::runAsProcess
                    : () -> ScopedValue.where(org.woolly.utils.adt.CatalogInquiries.CURRENT, names)
                    .run(worker::runAsProcess);
            worker.thread = Thread.ofPlatform().daemon().name("woolly: parallel worker for PID " + context.backendPid())
                    .start(body);
        }
        if (leader != null) {
            leader.open();
        }
        if (instrumentation != null) {
            instrumentation.detail("Workers Launched: " + workers.size());
        }
    }

    private static boolean reserveSlot(int limit) {
        while (true) {
            int running = RUNNING_WORKERS.get();
            if (running >= limit) {
                return false;
            }
            if (RUNNING_WORKERS.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    /** A fresh shared block counter for each Parallel Seq Scan of the partial plan, sized now. */
    private void registerScans(Plan node, Map<Plan, ParallelBlockTable> scans) {
        switch (node) {
            case Plan.SeqScan scan when scan.parallel() -> scans.put(scan, new ParallelBlockTable(
                    context.heap().blockCount(ScanNodes.openRelation(context, scan.entry()).locator())));
            case Plan.Aggregate aggregate -> registerScans(aggregate.input(), scans);
            case Plan.Project project -> registerScans(project.input(), scans);
            case Plan.Filter filter -> registerScans(filter.input(), scans);
            default -> { }
        }
    }

    @Override
    public Object[] next() {
        while (true) {
            if (current != null && currentIndex < current.size()) {
                return current.get(currentIndex++);
            }
            current = null;
            Batch batch = queue.poll();
            if (batch == null && !leaderDone) {
                Object[] row = leader.next();
                if (row != null) {
                    return row;
                }
                leaderDone = true;
                continue;
            }
            while (batch == null) {
                if (workersDone == workers.size()) {
                    return null;
                }
                context.checkForInterrupts();
                org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
                if (status != null) {
                    status.waitStart(WAIT_IPC, "ExecuteGather");
                }
                try {
                    batch = queue.poll(org.woolly.utils.misc.Interrupts.WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                } finally {
                    if (status != null) {
                        status.waitEnd();
                    }
                }
            }
            if (batch.finished() != null) {
                workersDone++;
                if (batch.error() != null) {
                    throw workerError(batch.error());
                }
                continue;
            }
            current = batch.rows();
            currentIndex = 0;
        }
    }

    /** The worker's error as the leader reports it ({@code ThrowErrorData} with the worker's context). */
    private static RuntimeException workerError(Throwable error) {
        if (error instanceof SqlException sql) {
            return sql.withContext(sql.context() == null ? "parallel worker" : sql.context() + "\nparallel worker");
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("parallel worker failed", error);
    }

    @Override
    public void close() {
        if (stop != null) {
            stop.set(true);
        }
        for (Worker worker : workers) {
            // a worker waiting on a full queue sees the stop flag within one wait slice
            while (worker.thread != null && worker.thread.isAlive()) {
                if (queue != null) {
                    queue.clear();
                }
                try {
                    worker.thread.join(org.woolly.utils.misc.Interrupts.WAIT_SLICE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Worker worker : workers) {
            worker.collectStatistics();
        }
        workers = List.of();
        if (queue != null) {
            queue.clear();
        }
        if (leader != null) {
            leader.close();
        }
    }

    /** One worker: its context and copy of the partial plan, run on its own thread. */
    private final class Worker {
        private final ExecutorContext workerContext;
        private final ExecutorBuilder workerBuilder;
        private final ExecNode node;
        private Thread thread;
        private boolean collected;
        /** The leader's track_io_timing, for the worker's own counters. */
        private final boolean timeIo = org.woolly.pgstat.ResourceUsage.current().timeIo;
        /** The buffers and WAL the worker used, set when it ends; the leader adds them ({@code InstrAccumParallelQuery}). */
        private volatile org.woolly.pgstat.ResourceUsage.Counts used;
        /** Its pg_stat_activity entry, or null. */
        private org.woolly.pgstat.BackendStatus status;

        Worker(ExecutorContext workerContext, ExecutorBuilder workerBuilder, ExecNode node) {
            this.workerContext = workerContext;
            this.workerBuilder = workerBuilder;
            this.node = node;
        }

        /** Runs as a server process of its own: its entry bound (waits report on it), its pid in the log. */
        void runAsProcess() {
            if (status == null) {
                run();
                return;
            }
            org.woolly.pgstat.BackendStatus.bind(status);
            org.woolly.utils.error.ServerLog.bindProcessId(status.pid());
            try {
                run();
            } finally {
                org.woolly.utils.error.ServerLog.unbindProcessId();
                org.woolly.pgstat.BackendStatus.unbind();
                status.leave();
            }
        }

        void run() {
            Throwable error = null;
            org.woolly.pgstat.ResourceUsage usage = org.woolly.pgstat.ResourceUsage.current();
            usage.timeIo = timeIo;
            org.woolly.pgstat.ResourceUsage.Counts before = usage.snapshot();
            try {
                node.open();
                List<Object[]> rows = new ArrayList<>(BATCH_ROWS);
                Object[] row;
                while (!stop.get() && (row = node.next()) != null) {
                    rows.add(row);
                    if (rows.size() == BATCH_ROWS) {
                        send(new Batch(rows, null, null));
                        rows = new ArrayList<>(BATCH_ROWS);
                    }
                }
                if (!rows.isEmpty()) {
                    send(new Batch(rows, null, null));
                }
            } catch (Throwable failure) {
                error = failure;
            } finally {
                try {
                    node.close();
                } catch (RuntimeException failure) {
                    error = error == null ? failure : error;
                }
                RUNNING_WORKERS.decrementAndGet();
                used = usage.snapshot().minus(before);
                if (!stop.get()) {
                    send(new Batch(null, this, error));
                }
            }
        }

        /** Puts a batch on the queue, waiting while it is full, until the leader stops the workers. */
        private void send(Batch batch) {
            if (queue.offer(batch)) {
                return;
            }
            if (status != null) {
                status.waitStart(WAIT_IPC, "MessageQueueSend");
            }
            try {
                while (!stop.get() && !queue.offer(batch, org.woolly.utils.misc.Interrupts.WAIT_SLICE_MILLIS,
                        TimeUnit.MILLISECONDS)) {
                    // the leader is busy: wait for room
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                if (status != null) {
                    status.waitEnd();
                }
            }
        }

        /** Adds the worker's counts and EXPLAIN ANALYZE figures to the leader's once it ended. */
        void collectStatistics() {
            if (collected) {
                return;
            }
            collected = true;
            context.counters().addReads(workerContext.counters());
            org.woolly.pgstat.ResourceUsage.Counts workerUsage = used;
            if (workerUsage != null) {
                org.woolly.pgstat.ResourceUsage.current().add(workerUsage);
                if (instrumentation != null) {
                    instrumentation.addUsage(workerUsage);
                }
            }
            if (workerBuilder.instrumentation != null && builder.instrumentation != null) {
                workerBuilder.instrumentation.forEach((node, stats) ->
                        builder.instrumentation.computeIfAbsent(node, ignored -> new Instrumentation()).add(stats));
            }
        }
    }
}
