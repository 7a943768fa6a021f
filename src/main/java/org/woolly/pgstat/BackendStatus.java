package org.woolly.pgstat;

import org.woolly.utils.adt.BackendActivity;

import java.time.Instant;

/**
 * One server process's entry in the activity table ({@code PgBackendStatus} in
 * {@code backend_status.c}): what {@code pg_stat_activity} shows of it. The owning thread
 * writes it (under the entry's monitor, PostgreSQL's {@code st_changecount} protocol in Java
 * form); readers take a consistent copy with {@link #snapshot()}. The wait event is two
 * volatile fields written without the monitor, as {@code pgstat_report_wait_start} writes one
 * word: a reader may see a wait that has just ended, never a torn one.
 */
public final class BackendStatus {

    /** How another session reaches this process ({@code pg_cancel_backend}, {@code pg_terminate_backend}). */
    public interface Signals {
        void cancel();

        void terminate();

        /** Waits up to {@code millis} for the process to end; true if it did. */
        boolean awaitEnd(long millis) throws InterruptedException;
    }

    private static final ThreadLocal<BackendStatus> CURRENT = new ThreadLocal<>();
    /** Microseconds between the Unix epoch and PostgreSQL's 2000-01-01. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final int pid;
    private final String backendType;
    private final long backendStart = nowMicros();
    private final String clientAddress;
    private final Integer clientPort;
    private final Signals signals;
    /** A parallel worker's leader ({@code st_leader_pid}... {@code leader_pid}); null for any other process. */
    private final Integer leaderPid;
    /** The table this entry is registered in; null before. */
    volatile BackendStatusTable table;
    /** The statement running now, as a live plan another session may read; null when none. */
    private volatile RunningStatement running;
    private Integer databaseOid;
    private Integer userOid;
    private boolean superuser;
    private String applicationName;
    private Long transactionStart;
    private Long queryStart;
    private Long stateChange;
    private String state;
    private String query;
    private Long backendXid;
    private Long backendXmin;
    /** The running (or last) top-level statement's query id ({@code st_query_id}); null for none. */
    private Long queryId;
    /** What {@code ps} shows for the process ({@code set_ps_display}); null: {@code woolly: <backend type>}. */
    private volatile String processTitle;
    private volatile String waitEventType;
    private volatile String waitEvent;
    /** The command in progress ({@code st_progress_command}), null when none reports any. */
    private volatile CommandProgress progress;

    /**
     * @param clientAddress null for an auxiliary process and for a Unix-domain socket
     * @param clientPort -1 for a Unix-domain socket, null for an auxiliary process
     * @param signals null for a process other sessions may not signal (auxiliary processes)
     */
    public BackendStatus(int pid, String backendType, String clientAddress, Integer clientPort, Signals signals) {
        this(pid, backendType, clientAddress, clientPort, signals, null);
    }

    private BackendStatus(int pid, String backendType, String clientAddress, Integer clientPort, Signals signals,
                          Integer leaderPid) {
        this.leaderPid = leaderPid;
        this.pid = pid;
        this.backendType = backendType;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
        this.signals = signals;
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - POSTGRES_EPOCH_MICROS;
    }

    public int pid() {
        return pid;
    }

    public String backendType() {
        return backendType;
    }

    public Signals signals() {
        return signals;
    }

    /** After authentication: the session's database and role ({@code pgstat_bestart}). */
    public synchronized void sessionStarted(int database, int user, boolean isSuperuser, String application) {
        this.databaseOid = database;
        this.userOid = user;
        this.superuser = isSuperuser;
        this.applicationName = application;
        this.state = "idle";
        this.stateChange = nowMicros();
    }

    public synchronized Integer userOid() {
        return userOid;
    }

    public synchronized boolean superuser() {
        return superuser;
    }

    public synchronized void applicationName(String application) {
        this.applicationName = application;
    }

    /**
     * {@code pgstat_report_activity}: {@code state} is {@code active}, {@code idle},
     * {@code idle in transaction}, ...; {@code text} (non-null) is the new query, whose
     * query_start is now. state_change moves only when the state does.
     */
    public synchronized void reportActivity(String newState, String text) {
        long now = nowMicros();
        if (!newState.equals(state)) {
            stateChange = now;
            state = newState;
        }
        if (text != null) {
            query = text;
            queryStart = now;
            // the new query's id is only known after parse analysis (pgstat_report_activity)
            queryId = null;
        }
    }

    /** track_activities off: PostgreSQL's {@code disabled} state, no query, no times. */
    public synchronized void reportDisabled() {
        state = "disabled";
        query = null;
        queryId = null;
        queryStart = null;
        stateChange = null;
        transactionStart = null;
    }

    /** {@code pgstat_report_query_id}: the id of the statement now running, null when not computed. */
    public synchronized void queryId(Long id) {
        this.queryId = id;
    }

    /** xact_start: the transaction's start, or null outside one. */
    public synchronized void transactionStart(Long micros) {
        this.transactionStart = micros;
    }

    /** backend_xid and backend_xmin, null when the backend has none. */
    public synchronized void transactionIds(Long xid, Long xmin) {
        this.backendXid = xid;
        this.backendXmin = xmin;
    }

    /** {@code set_ps_display}: the process title {@code woolly ps} lists. */
    public void processTitle(String title) {
        this.processTitle = title;
    }

    public String processTitle() {
        String title = processTitle;
        return title != null ? title : "woolly: " + backendType;
    }

    /** {@code pgstat_report_wait_start}: {@code type} as wait_event_type names it (Lock, Client, ...). */
    public void waitStart(String type, String event) {
        waitEvent = event;
        waitEventType = type;
    }

    /** {@code pgstat_report_wait_end}. */
    public void waitEnd() {
        waitEventType = null;
        waitEvent = null;
    }

    void progress(CommandProgress running) {
        progress = running;
    }

    CommandProgress progress() {
        return progress;
    }

    /** The running command's progress if it is {@code command}; null otherwise. */
    public CommandProgress.Snapshot progressSnapshot(String command) {
        CommandProgress running = progress;
        if (running == null || !running.command.equals(command)) {
            return null;
        }
        Integer database;
        synchronized (this) {
            database = databaseOid;
        }
        return new CommandProgress.Snapshot(pid, database, command, running.relationOid, running.parameters());
    }

    /** A consistent copy for pg_stat_activity (without the live plan: see {@link #running()}). */
    public synchronized BackendActivity snapshot() {
        return new BackendActivity(pid, databaseOid, userOid, applicationName, clientAddress, clientPort,
                backendStart, transactionStart, queryStart, stateChange, waitEventType, waitEvent, state, backendXid,
                backendXmin, query, backendType, queryId, leaderPid, null, null);
    }

    /** The backend type PostgreSQL gives a parallel worker ({@code B_BG_WORKER} named by its library). */
    public static final String PARALLEL_WORKER = "parallel worker";

    /**
     * A parallel worker of this (leader) process starts ({@code ParallelWorkerMain}'s
     * {@code pgstat_bestart} and {@code pgstat_report_activity}): a new entry with a pid of its
     * own, {@code leader_pid} this process's, the leader's database, role, application, query,
     * query id and transaction, state {@code active}; registered in the leader's table until
     * {@link #leave()}. Cancelling or terminating a worker cancels the leader's statement, as
     * the worker's error would end it in PostgreSQL. Null when this entry is in no table
     * that hands out pids (the worker then runs without an entry).
     */
    public BackendStatus startParallelWorker() {
        BackendStatusTable owner = table;
        Integer workerPid = owner == null ? null : owner.allocateProcessId();
        if (workerPid == null) {
            return null;
        }
        Signals leaderSignals = signals;
        BackendStatus worker = new BackendStatus(workerPid, PARALLEL_WORKER, null, null,
                leaderSignals == null ? null : new WorkerSignals(leaderSignals), pid);
        synchronized (this) {
            worker.databaseOid = databaseOid;
            worker.userOid = userOid;
            worker.superuser = superuser;
            worker.applicationName = applicationName;
            worker.transactionStart = transactionStart;
            worker.queryStart = queryStart;
            worker.query = query;
            worker.queryId = queryId;
            worker.backendXmin = backendXmin;
            worker.state = "disabled".equals(state) ? "disabled" : "active";
        }
        worker.stateChange = worker.state.equals("active") ? worker.backendStart : null;
        worker.processTitle = "woolly: parallel worker for PID " + pid;
        owner.register(worker);
        return worker;
    }

    /** The process ends: its entry leaves the activity table ({@code pgstat_beshutdown_hook}). */
    public void leave() {
        BackendStatusTable owner = table;
        if (owner != null) {
            owner.unregister(this);
        }
    }

    /** A worker's signals: they end the leader's statement, never the leader's session. */
    private record WorkerSignals(Signals leader) implements Signals {
        @Override
        public void cancel() {
            leader.cancel();
        }

        @Override
        public void terminate() {
            leader.cancel();
        }

        @Override
        public boolean awaitEnd(long millis) {
            return false;
        }
    }

    /** The statement this process runs now ({@code null}: none); only the owning thread sets it. */
    public void running(RunningStatement statement) {
        running = statement;
    }

    /** The statement this process runs now, or null. */
    public RunningStatement running() {
        return running;
    }

    /** Makes {@code status} this thread's entry: lock waits below report on it ({@code MyBEEntry}). */
    public static void bind(BackendStatus status) {
        CURRENT.set(status);
    }

    public static void unbind() {
        CURRENT.remove();
    }

    /** This thread's entry, or null (a thread that is no server process). */
    public static BackendStatus current() {
        return CURRENT.get();
    }
}
