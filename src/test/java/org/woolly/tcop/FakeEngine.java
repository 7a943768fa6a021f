package org.woolly.tcop;

import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.protocol.ResultColumn;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.crypt.Scram;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;
import org.woolly.utils.misc.Interrupts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny engine for protocol tests. Statements (split on ';', RawStatement carries no tree):
 * {@code SELECT 1}; {@code SELECT $1, $2, ...} (echoes parameters, int4 when unspecified);
 * {@code SELECT series N} (N int4 rows); {@code SELECT nocolumn} (42703 at position 8);
 * {@code SELECT sleep} (blocks until cancelled: 57014); {@code SELECT notice} (a NOTICE, then 1);
 * {@code SELECT boom} (an internal NullPointerException); {@code SELECT stubborn} (blocks, deaf to cancel,
 * until a termination is raised on the thread's {@link Interrupts}); {@code SELECT panic} (a PANIC); {@code SELECT thread} (the backend thread's name);
 * BEGIN / COMMIT / ROLLBACK; {@code SET name = value} / {@code SHOW name}.
 * Roles: alice (superuser, no password), bob (password "secret" as a SCRAM verifier).
 */
public final class FakeEngine implements Engine {

    public final AtomicInteger checkpoints = new AtomicInteger();
    public final AtomicInteger openSessions = new AtomicInteger();
    public final CountDownLatch sleeping = new CountDownLatch(1);
    public final CountDownLatch stubbornRunning = new CountDownLatch(1);
    /** What happened, in order: "statement ended" (SELECT stubborn), "shutdown checkpoint". */
    public final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile boolean closed;
    /** Closed without writing anything (immediate shutdown, or discarded after a PANIC). */
    public volatile boolean closedImmediately;
    /** The crash state a test may put this engine in. */
    public final org.woolly.storage.ipc.PanicState panicState = new org.woolly.storage.ipc.PanicState();
    private final String bobVerifier = Scram.makeVerifier("secret");

    @Override
    public Optional<RoleInfo> lookupRole(String name) {
        return switch (name) {
            case "alice" -> Optional.of(new RoleInfo(10, "alice", true, true, null));
            case "bob" -> Optional.of(new RoleInfo(16384, "bob", false, true, bobVerifier));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean databaseExists(String name) {
        return name.equals("postgres") || name.equals("alice") || name.equals("bob");
    }

    @Override
    public SessionEngine openSession(RoleInfo role, String database, SessionSettings settings, NoticeSink notices,
                                     int processId) {
        openSessions.incrementAndGet();
        return new Session(settings, notices);
    }

    @Override
    public void flushWal() {
        // No WAL behind this fake.
    }

    @Override
    public org.woolly.pgstat.CheckpointStatistics checkpoint() {
        checkpoints.incrementAndGet();
        return org.woolly.pgstat.CheckpointStatistics.none();
    }

    @Override
    public void close() {
        events.add("shutdown checkpoint");
        checkpoints.incrementAndGet();
        closed = true;
    }

    @Override
    public void panic(SqlException error) {
        panicState.panic(error);
    }

    @Override
    public boolean panicked() {
        return panicState.panicked();
    }

    @Override
    public void addPanicListener(java.util.function.Consumer<SqlException> listener) {
        panicState.addListener(listener);
    }

    @Override
    public void closeImmediately() {
        closedImmediately = true;
    }

    record Query(String sourceText, int[] parameterTypes, List<ResultColumn> resultColumns, String commandName)
            implements PreparedQuery {}

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final class Session implements SessionEngine {
        private final SessionSettings settings;
        private final NoticeSink notices;
        private TransactionStatus status = TransactionStatus.IDLE;
        private volatile boolean cancelRequested;
        private final CountDownLatch cancelled = new CountDownLatch(1);

        Session(SessionSettings settings, NoticeSink notices) {
            this.settings = settings;
            this.notices = notices;
        }

        @Override
        public List<RawStatement> parse(String queryString) {
            List<RawStatement> statements = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= queryString.length(); i++) {
                if (i == queryString.length() || queryString.charAt(i) == ';') {
                    String text = queryString.substring(start, i);
                    if (!text.isBlank()) {
                        int leading = text.length() - text.stripLeading().length();
                        statements.add(new RawStatement(null, start + leading, text.strip().length()));
                    }
                    start = i + 1;
                }
            }
            return statements;
        }

        @Override
        public PreparedQuery prepare(RawStatement statement, String queryString, int[] parameterTypes) {
            String text = queryString.substring(statement.location(), statement.location() + statement.length());
            String upper = text.toUpperCase(Locale.ROOT);
            if (status == TransactionStatus.FAILED && !upper.equals("ROLLBACK") && !upper.equals("COMMIT")) {
                throw SqlException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (upper.equals("SELECT NOCOLUMN")) {
                throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"nocolumn\" does not exist")
                        .withPosition(statement.location() + 8);
            }
            if (upper.startsWith("BEGIN") || upper.startsWith("COMMIT") || upper.startsWith("ROLLBACK")
                    || upper.startsWith("SET ")) {
                String command = upper.startsWith("SET ") ? "SET" : upper.split("\\s+")[0];
                return new Query(text, new int[0], List.of(), command);
            }
            if (upper.startsWith("SHOW ")) {
                return new Query(text, new int[0], List.of(column(text.substring(5).trim().toLowerCase(Locale.ROOT),
                        TypeOids.TEXT)), "SHOW");
            }
            Matcher matcher = PARAMETER.matcher(text);
            int count = 0;
            while (matcher.find()) {
                count = Math.max(count, Integer.parseInt(matcher.group(1)));
            }
            if (count > 0) {
                int[] types = new int[count];
                List<ResultColumn> columns = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    types[i] = i < parameterTypes.length && parameterTypes[i] != 0 ? parameterTypes[i] : TypeOids.INT4;
                    columns.add(column("?column?", types[i]));
                }
                return new Query(text, types, columns, "SELECT");
            }
            if (upper.equals("SELECT THREAD")) {
                return new Query(text, new int[0], List.of(column("thread", TypeOids.TEXT)), "SELECT");
            }
            if (upper.startsWith("SELECT")) {
                return new Query(text, new int[0], List.of(column(upper.startsWith("SELECT SERIES") ? "series"
                        : "?column?", TypeOids.INT4)), "SELECT");
            }
            throw SqlException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", text.split("\\s+")[0])
                    .withPosition(statement.location() + 1);
        }

        private static ResultColumn column(String name, int type) {
            short length = (short) (type == TypeOids.INT4 ? 4 : type == TypeOids.INT8 ? 8 : -1);
            return new ResultColumn(name, 0, (short) 0, type, length, -1);
        }

        @Override
        public Portal bind(PreparedQuery query, Object[] parameters) {
            String upper = query.sourceText().toUpperCase(Locale.ROOT);
            if (status == TransactionStatus.IDLE && !upper.startsWith("BEGIN")) {
                settings.atTransactionStart();
            }
            List<Object[]> rows = new ArrayList<>();
            if (upper.startsWith("SELECT SERIES")) {
                int n = Integer.parseInt(upper.substring("SELECT SERIES".length()).trim());
                for (int i = 1; i <= n; i++) {
                    rows.add(new Object[] {i});
                }
            } else if (parameters.length > 0) {
                rows.add(parameters.clone());
            } else if (upper.equals("SELECT THREAD")) {
                rows.add(new Object[] {Thread.currentThread().getName()});
            } else if (upper.startsWith("SELECT")) {
                rows.add(new Object[] {1});
            }
            Iterator<Object[]> iterator = rows.iterator();
            return new Portal() {
                private long sent;

                @Override
                public PreparedQuery query() {
                    return query;
                }

                @Override
                public String run(int maxRows, RowSink sink) {
                    String command = query.commandName();
                    switch (command) {
                        case "BEGIN" -> {
                            if (status == TransactionStatus.IDLE) {
                                settings.atTransactionStart();
                            }
                            status = TransactionStatus.IN_BLOCK;
                            return "BEGIN";
                        }
                        case "COMMIT", "ROLLBACK" -> {
                            boolean commit = command.equals("COMMIT") && status == TransactionStatus.IN_BLOCK;
                            settings.atTransactionEnd(commit);
                            status = TransactionStatus.IDLE;
                            return commit ? "COMMIT" : "ROLLBACK";
                        }
                        case "SET" -> {
                            String[] parts = query.sourceText().substring(4).split("\\s*(=|\\bTO\\b)\\s*", 2);
                            settings.set(parts[0].trim(), parts[1].trim().replace("'", ""), false);
                            return "SET";
                        }
                        case "SHOW" -> {
                            sink.row(new Object[] {settings.show(query.resultColumns().get(0).name())});
                            return "SHOW";
                        }
                        default -> { }
                    }
                    if (upper.equals("SELECT SLEEP")) {
                        sleeping.countDown();
                        try {
                            while (!cancelRequested) {
                                cancelled.await(50, TimeUnit.MILLISECONDS);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        cancelRequested = false;
                        throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                    }
                    if (upper.equals("SELECT STUBBORN")) {
                        // Ignores cancel requests; only a termination raised on the backend's interrupts stops it.
                        stubbornRunning.countDown();
                        try {
                            while (true) {
                                Interrupts.check();
                                Thread.sleep(10);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        } finally {
                            events.add("statement ended");
                        }
                    }
                    if (upper.equals("SELECT PANIC")) {
                        throw panicState.panic(SqlState.INTERNAL_ERROR, "simulated PANIC", null);
                    }
                    if (upper.equals("SELECT BOOM")) {
                        Object nothing = null;
                        return nothing.toString();
                    }
                    if (upper.equals("SELECT NOTICE")) {
                        notices.notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                                "hello from the engine", null, null, 0, null));
                    }
                    int sentNow = 0;
                    while (iterator.hasNext()) {
                        if (maxRows > 0 && sentNow == maxRows) {
                            return null;
                        }
                        sink.row(iterator.next());
                        sentNow++;
                        sent++;
                    }
                    return "SELECT " + sent;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void finishImplicitTransaction() {
            if (status == TransactionStatus.IDLE) {
                settings.atTransactionEnd(true);
            }
        }

        @Override
        public void abortAfterError() {
            if (status == TransactionStatus.IN_BLOCK) {
                status = TransactionStatus.FAILED;
            } else if (status == TransactionStatus.IDLE) {
                settings.atTransactionEnd(false);
            }
        }

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public void cancel() {
            cancelRequested = true;
            cancelled.countDown();
        }

        @Override
        public void close() {
            openSessions.decrementAndGet();
        }
    }
}
