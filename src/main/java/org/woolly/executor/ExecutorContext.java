package org.woolly.executor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.EvaluationContext;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.SessionSettings;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * The state one statement's execution shares ({@code EState}): parameter values, transaction and
 * snapshot, the heap, the type system, and the interrupt state (cancel request, statement_timeout
 * deadline) checked by the nodes every few rows.
 */
public final class ExecutorContext implements EvaluationContext, Cloneable {
    /** Microseconds between the Unix epoch and PostgreSQL's 2000-01-01. */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final TypeSystem types;
    private final HeapAccess heap;
    private final Transaction transaction;
    private final Snapshot snapshot;
    private final Object[] parameters;
    private final SessionInfo session;
    private final AtomicBoolean cancelRequested;
    private final long deadlineNanos;
    /** The backend's flags, looked up once: a check is then one volatile read. */
    private final Interrupts interrupts = Interrupts.current();
    private final long statementTimestamp;
    private boolean transactionSnapshot;

    /**
     * Who runs the statement and where; fixed for the session except the timestamps. The schema
     * is looked up only when a statement asks for it (current_schema walks search_path).
     */
    public record SessionInfo(String user, String sessionUser, String database, Supplier<String> schema, int backendPid,
                              FormatSettings formatSettings, long transactionTimestamp) {}

    private SessionSettings settings;
    /** The statement's pg_settings rows, read once (pg_settings calls a function per column). */
    private List<String[]> settingRows;
    private java.util.List<org.woolly.nodes.plan.Plan> subplans = java.util.List.of();

    void registerSubplans(java.util.List<org.woolly.nodes.plan.Plan> plans) {
        this.subplans = plans;
    }

    java.util.List<org.woolly.nodes.plan.Plan> subplans() {
        return subplans;
    }

    /** Values of the statement's execution parameters ({@code es_param_exec_vals}): outer columns of subqueries. */
    private Object[] execParams = new Object[8];

    /** The planner's parameters (ids -1, -2, ...: a nested loop's outer values for its inner index scan). */
    private Object[] plannerParams = new Object[4];

    Object execParam(int id) {
        if (id < 0) {
            return -id - 1 < plannerParams.length ? plannerParams[-id - 1] : null;
        }
        return id < execParams.length ? execParams[id] : null;
    }

    void setExecParam(int id, Object value) {
        if (id < 0) {
            int index = -id - 1;
            if (index >= plannerParams.length) {
                plannerParams = java.util.Arrays.copyOf(plannerParams, Math.max(index + 1, plannerParams.length * 2));
            }
            plannerParams[index] = value;
            return;
        }
        if (id >= execParams.length) {
            execParams = java.util.Arrays.copyOf(execParams, Math.max(id + 1, execParams.length * 2));
        }
        execParams[id] = value;
    }

    private CatalogAccess catalog;
    private org.woolly.access.nbtree.BTreeAccess btree;
    private CheckConstraints checkConstraints;

    /** Analyzes a table's stored CHECK constraint for evaluation on its rows (supplied by the session). */
    @FunctionalInterface
    public interface CheckConstraints {
        org.woolly.nodes.query.QueryExpr analyze(RelationInfo relation, org.woolly.catalog.ConstraintInfo constraint);
    }

    private IndexExpressionSource indexExpressions;
    private DeferredConstraints deferredConstraints;

    /** The transaction's deferred constraint checks and SET CONSTRAINTS modes (none: every check runs after its statement). */
    public ExecutorContext withDeferredConstraints(DeferredConstraints deferred) {
        this.deferredConstraints = deferred;
        return this;
    }

    /** Null when the caller keeps no transaction state for deferred checks. */
    DeferredConstraints deferredConstraints() {
        return deferredConstraints;
    }

    /** Whether {@code constraint}'s checks wait for SET CONSTRAINTS ... IMMEDIATE or commit now. */
    boolean deferred(org.woolly.catalog.ConstraintInfo constraint) {
        return deferredConstraints != null && deferredConstraints.deferred(constraint);
    }

    /** Analyzes an index's stored expressions and predicate for evaluation on its table's rows (supplied by the session). */
    @FunctionalInterface
    public interface IndexExpressionSource {
        org.woolly.nodes.query.IndexExpressions analyze(RelationInfo relation, org.woolly.catalog.IndexInfo index);
    }

    /** How stored index expressions and predicates become expressions. */
    public ExecutorContext withIndexExpressions(IndexExpressionSource source) {
        this.indexExpressions = source;
        return this;
    }

    IndexExpressionSource indexExpressions() {
        if (indexExpressions == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "index expressions cannot be evaluated here");
        }
        return indexExpressions;
    }

    /** The B-tree, for keeping a table's indexes current (null when none is registered). */
    public ExecutorContext withIndexAccess(org.woolly.access.nbtree.BTreeAccess access) {
        this.btree = access;
        return this;
    }

    private ColumnDefaults columnDefaults;
    private org.woolly.access.transam.TransactionManager transactions;

    /** The transaction manager, for waiting on a transaction that holds a conflicting row (ON CONFLICT). */
    public ExecutorContext withTransactions(org.woolly.access.transam.TransactionManager manager) {
        this.transactions = manager;
        return this;
    }

    /** Waits until transaction {@code xid} has ended ({@code XactLockTableWait}). */
    void waitForTransaction(long xid) {
        if (transactions == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot wait for transactions here");
        }
        transactions.waitForCompletion(xid, transaction);
    }

    /**
     * Waits until transaction {@code xid} confirmed or killed its speculative insertion
     * {@code token}, or ended ({@code SpeculativeInsertionWait}).
     */
    void waitForSpeculativeInsertion(long xid, int token) {
        if (transactions == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot wait for transactions here");
        }
        transactions.waitForSpeculativeInsertion(xid, token, transaction);
    }

    /** Analyzes a column's stored DEFAULT for evaluation (ON DELETE/UPDATE SET DEFAULT); supplied by the session. */
    @FunctionalInterface
    public interface ColumnDefaults {
        org.woolly.nodes.query.QueryExpr analyze(RelationInfo relation, org.woolly.catalog.AttributeInfo column);
    }

    /** How stored column defaults become expressions. */
    public ExecutorContext withColumnDefaults(ColumnDefaults defaults) {
        this.columnDefaults = defaults;
        return this;
    }

    ColumnDefaults columnDefaults() {
        if (columnDefaults == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "column defaults cannot be evaluated here");
        }
        return columnDefaults;
    }

    /** How a partitioned table's rows are routed to its partitions; null without a catalog or partitioning. */
    org.woolly.analyzer.PartitionScheme partitionScheme(RelationInfo relation) {
        return catalog == null ? null
                : org.woolly.analyzer.PartitionScheme.of(catalog, transaction, types, relation)
                .map(scheme -> scheme.hasExpressions() ? scheme.evaluateExpressionsWith(this::keyEvaluator) : scheme)
                .orElse(null);
    }

    /** A partition key expression compiled to compute the key from a row of the partitioned table. */
    java.util.function.Function<Object[], Object> keyEvaluator(org.woolly.nodes.query.QueryExpr expression) {
        CompiledExpression compiled = new ExpressionCompiler(this).compile(expression);
        return compiled::evaluate;
    }

    /** The partitioned indexes above a partition's index, nearest first ({@code get_partition_ancestors}). */
    java.util.List<Integer> indexAncestors(int indexOid) {
        java.util.List<Integer> ancestors = new java.util.ArrayList<>();
        if (catalog == null) {
            return ancestors;
        }
        java.util.List<Integer> parents = catalog.inheritanceParents(transaction, indexOid);
        while (!parents.isEmpty()) {
            ancestors.add(parents.getFirst());
            parents = catalog.inheritanceParents(transaction, parents.getFirst());
        }
        return ancestors;
    }

    /** The partitioned table {@code relation} is a partition of, or null when it is none. */
    RelationInfo partitionParent(RelationInfo relation) {
        if (catalog == null || catalog.partitionBound(transaction, relation.oid()) == null) {
            return null;
        }
        java.util.List<Integer> parents = catalog.inheritanceParents(transaction, relation.oid());
        return parents.isEmpty() ? null : catalog.relationByOid(transaction, parents.getFirst());
    }

    /** The foreign keys referencing {@code relation} (none without a catalog). */
    java.util.List<org.woolly.catalog.ForeignKeyReference> referencingForeignKeys(RelationInfo relation) {
        return catalog == null ? java.util.List.of() : catalog.referencingForeignKeys(transaction, relation.oid());
    }

    /** How stored CHECK constraints become expressions. */
    public ExecutorContext withCheckConstraints(CheckConstraints constraints) {
        this.checkConstraints = constraints;
        return this;
    }

    org.woolly.access.nbtree.BTreeAccess indexAccess() {
        if (btree == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "the btree access method is not available");
        }
        return btree;
    }

    CheckConstraints checkConstraints() {
        if (checkConstraints == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "check constraints cannot be evaluated here");
        }
        return checkConstraints;
    }

    private org.woolly.pgstat.SessionCounters counters = new org.woolly.pgstat.SessionCounters();
    private org.woolly.utils.adt.ServerActivity serverActivity;

    /** The session's pending pg_stat_database counts (tuples read and written) and its statistics view. */
    public ExecutorContext withStatistics(org.woolly.pgstat.SessionCounters sessionCounters,
                                          org.woolly.utils.adt.ServerActivity activity) {
        this.counters = sessionCounters;
        this.serverActivity = activity;
        return this;
    }

    org.woolly.pgstat.SessionCounters counters() {
        return counters;
    }

    /** Whether a {@link QueryExecution} was made on this context: the first one owns the temporary files. */
    boolean hasExecution;
    private org.woolly.storage.file.TemporaryFileSpace temporaryFileSpace;
    private org.woolly.storage.file.TemporaryFileSet temporaryFiles;

    /** Where sorts and hashes that outgrow work_mem spill (null: they stay in memory). */
    public ExecutorContext withTemporaryFiles(org.woolly.storage.file.TemporaryFileSpace space) {
        this.temporaryFileSpace = space;
        return this;
    }

    /**
     * The statement's temporary files, made on first use with the session's temp_file_limit and
     * log_temp_files; null when the context has nowhere to spill.
     */
    org.woolly.storage.file.TemporaryFileSet temporaryFiles() {
        if (temporaryFiles == null && temporaryFileSpace != null) {
            temporaryFiles = temporaryFileSpace.newSet(session.backendPid(), intSetting("temp_file_limit", -1),
                    intSetting("log_temp_files", -1), size -> {
                        counters.tempFiles++;
                        counters.tempBytes += size;
                    });
        }
        return temporaryFiles;
    }

    /** Deletes the temporary files the statement still has (its execution ended, well or by an error). */
    void closeTemporaryFiles() {
        if (temporaryFiles != null) {
            temporaryFiles.closeAll();
        }
    }

    /** The rows of the statement's shared CTEs, by definition; shared with the subqueries' executions. */
    private java.util.Map<org.woolly.nodes.query.CteDefinition, RowStore> cteStores =
            new java.util.IdentityHashMap<>();

    /** The store of a shared CTE, its plan's nodes made by {@code input} the first time it is asked for. */
    RowStore cteStore(org.woolly.nodes.query.CteDefinition definition, Supplier<ExecNode> input) {
        RowStore store = cteStores.get(definition);
        if (store == null) {
            store = new RowStore(this, input.get()); // building it may add the stores of CTEs it reads
            cteStores.put(definition, store);
        }
        return store;
    }

    /** Ends the shared CTEs' plans (the statement's execution ended, well or by an error). */
    void closeCteStores() {
        List<RowStore> stores = new java.util.ArrayList<>(cteStores.values());
        cteStores.clear();
        for (RowStore store : stores) {
            store.close();
        }
    }

    /** work_mem in bytes: what one sort or materialization may keep in memory. */
    long workMemBytes() {
        return intSetting("work_mem", 4096) * 1024L;
    }

    /** hash_mem_multiplier times work_mem ({@code get_hash_memory_limit}): the bound of a hash table. */
    long hashMemBytes() {
        double multiplier = 2.0;
        if (settings != null) {
            try {
                multiplier = settings.getDouble("hash_mem_multiplier");
            } catch (SqlException unknown) {
                // a session without the parameter keeps PostgreSQL's default
            }
        }
        return (long) Math.min(Long.MAX_VALUE / 2, workMemBytes() * multiplier);
    }

    private int intSetting(String name, int fallback) {
        if (settings == null) {
            return fallback;
        }
        try {
            return settings.getInt(name);
        } catch (SqlException unknown) {
            return fallback;
        }
    }

    private java.util.Map<org.woolly.nodes.query.QueryExpr, CompiledExpression> valueChecks;

    @Override
    public Object evaluateOnValue(org.woolly.nodes.query.QueryExpr expression, Object value) {
        if (valueChecks == null) {
            valueChecks = new java.util.IdentityHashMap<>();
        }
        CompiledExpression compiled = valueChecks.get(expression);
        if (compiled == null) {
            compiled = new ExpressionCompiler(this).compile(expression);
            valueChecks.put(expression, compiled);
        }
        return compiled.evaluate(new Object[] {value});
    }

    @Override
    public org.woolly.utils.adt.ServerActivity serverActivity() {
        return serverActivity == null ? EvaluationContext.super.serverActivity() : serverActivity;
    }

    private org.woolly.utils.adt.NotificationFunctions notifications;

    /** The session's LISTEN/NOTIFY state, for pg_notify and its kin. */
    public ExecutorContext withNotifications(org.woolly.utils.adt.NotificationFunctions functions) {
        this.notifications = functions;
        return this;
    }

    @Override
    public org.woolly.utils.adt.NotificationFunctions notifications() {
        return notifications == null ? EvaluationContext.super.notifications() : notifications;
    }

    private org.woolly.utils.adt.LockFunctions lockFunctions;

    /** The session's advisory locks and pg_blocking_pids. */
    public ExecutorContext withLockFunctions(org.woolly.utils.adt.LockFunctions functions) {
        this.lockFunctions = functions;
        return this;
    }

    @Override
    public org.woolly.utils.adt.LockFunctions lockFunctions() {
        return lockFunctions == null ? EvaluationContext.super.lockFunctions() : lockFunctions;
    }

    private org.woolly.utils.adt.SequenceOperations sequences;
    private org.woolly.access.sequence.SequenceAccess sequenceStorage;

    /** The session's sequence state (nextval and its kin) and the sequence pages (SELECT * FROM seq). */
    public ExecutorContext withSequences(org.woolly.utils.adt.SequenceOperations operations,
                                         org.woolly.access.sequence.SequenceAccess storage) {
        this.sequences = operations;
        this.sequenceStorage = storage;
        return this;
    }

    @Override
    public org.woolly.utils.adt.SequenceOperations sequences() {
        return sequences == null ? EvaluationContext.super.sequences() : sequences;
    }

    org.woolly.access.sequence.SequenceAccess sequenceStorage() {
        if (sequenceStorage == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sequences cannot be read here");
        }
        return sequenceStorage;
    }

    /** The session's catalog as the catalog-reading functions see it (null without a catalog). */
    @Override
    public org.woolly.utils.adt.CatalogInquiries catalogInquiries() {
        if (catalog == null) {
            return EvaluationContext.super.catalogInquiries();
        }
        return new org.woolly.catalog.CatalogNameLookup(catalog, transaction, types::formatType).withViewPrinter(
                (stored, pretty) -> org.woolly.analyzer.ViewDefinitionText.display(catalog, transaction, types, stored,
                        pretty)).withRulePrinter((rule, pretty) -> org.woolly.analyzer.RuleDefinition.of(catalog,
                        transaction, types, rule, pretty));
    }

    /** The catalogs the plan's relations are opened through; null when the context has none. */
    CatalogAccess catalog() {
        return catalog;
    }

    /** The catalogs the plan's relations are opened through. */
    public ExecutorContext withCatalog(CatalogAccess catalogAccess) {
        this.catalog = catalogAccess;
        return this;
    }

    /**
     * Opens a relation of the plan by OID as it is now ({@code ExecOpenScanRelation}): the
     * statement already holds its lock and the plan cache checked the plan against it, so its
     * columns are the plan's and its files the current ones (a TRUNCATE after planning is seen).
     */
    RelationInfo openRelation(int relationOid) {
        if (catalog == null) {
            throw new IllegalStateException("no catalog to open relation " + relationOid);
        }
        return catalog.relationByOid(transaction, relationOid);
    }

    /** The session's cursors, for WHERE CURRENT OF ({@code GetPortalByName} in {@code execCurrentOf}). */
    public interface Cursors {
        /**
         * The TID of the row of table {@code tableOid} that cursor {@code cursorName} is on, or null
         * when its current row is another table's; raises PostgreSQL's errors for a cursor that
         * does not exist, is not positioned on a row or cannot name a row of the table.
         */
        org.woolly.access.common.Tid currentOf(String cursorName, int tableOid, String tableName);
    }

    private Cursors cursors;

    public ExecutorContext withCursors(Cursors sessionCursors) {
        this.cursors = sessionCursors;
        return this;
    }

    Cursors cursors() {
        if (cursors != null) {
            return cursors;
        }
        return (cursorName, tableOid, tableName) -> {
            throw SqlException.of(SqlState.INVALID_CURSOR_NAME, "cursor \"%s\" does not exist", cursorName);
        };
    }

    /** The session's settings, for current_setting() and set_config(). */
    public ExecutorContext withSettings(SessionSettings sessionSettings) {
        this.settings = sessionSettings;
        return this;
    }

    /** {@code current_setting(name, missing_ok)}: null for an unknown name when missingOk. */
    @Override
    public String currentSetting(String name, boolean missingOk) {
        if (settings == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        }
        try {
            return settings.show(name);
        } catch (SqlException error) {
            if (missingOk && error.sqlState() == SqlState.UNDEFINED_OBJECT) {
                return null;
            }
            throw error;
        }
    }

    /** {@code set_config(name, value, is_local)}: sets and returns the new value as SHOW prints it. */
    @Override
    public String setConfig(String name, String value, boolean isLocal) {
        if (settings == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        }
        org.woolly.utils.guc.GucParameter parameter = org.woolly.utils.guc.GucTable.find(name);
        if (parameter != null) {
            org.woolly.utils.guc.GucSession.refuseRoleChange(parameter);
        }
        settings.set(name, value, isLocal);
        settingRows = null;
        return settings.show(name);
    }

    /** pg_settings rows of the session, as they are when the statement first reads them. */
    @Override
    public List<String[]> settingRows() {
        if (settings == null) {
            return List.of();
        }
        if (settingRows == null) {
            settingRows = settings.settingRows();
        }
        return settingRows;
    }

    /**
     * @param timeoutMillis statement_timeout in milliseconds, 0 for none
     */
    public ExecutorContext(TypeSystem types, HeapAccess heap, Transaction transaction, Snapshot snapshot,
                           Object[] parameters, SessionInfo session, AtomicBoolean cancelRequested, long timeoutMillis) {
        this.types = types;
        this.heap = heap;
        this.transaction = transaction;
        this.snapshot = snapshot;
        this.parameters = parameters == null ? new Object[0] : parameters;
        this.session = session;
        this.cancelRequested = cancelRequested;
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        this.statementTimestamp = nowMicros();
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - POSTGRES_EPOCH_MICROS;
    }

    /**
     * Marks the snapshot as the transaction's (REPEATABLE READ): a row changed by a concurrent
     * committed transaction then fails with 40001 instead of being re-checked.
     */
    public ExecutorContext withTransactionSnapshot(boolean value) {
        this.transactionSnapshot = value;
        return this;
    }

    boolean transactionSnapshot() {
        return transactionSnapshot;
    }

    public TypeSystem types() {
        return types;
    }

    public HeapAccess heap() {
        return heap;
    }

    /** COPY FREEZE: batched inserts write frozen rows (the caller checked the table is the transaction's own). */
    private boolean frozenInserts;

    public boolean frozenInserts() {
        return frozenInserts;
    }

    public void frozenInserts(boolean frozen) {
        this.frozenInserts = frozen;
    }

    public Transaction transaction() {
        return transaction;
    }

    /**
     * A SERIALIZABLE transaction's scan reads the whole relation ({@code locator}, {@code oid}:
     * the table or one of {@code table}'s indexes): a SIREAD lock on it ({@code PredicateLockRelation}
     * in {@code heap_beginscan}, see storage/lmgr/README.md).
     */
    void predicateLockRelation(org.woolly.catalog.RelationInfo table, org.woolly.storage.smgr.RelFileLocator locator,
                               int oid) {
        org.woolly.storage.lmgr.SerializableXact sxact = predicateLocker(table);
        if (sxact != null) {
            sxact.readRelation(locator.databaseOid(), locator.relNumber(), oid);
        }
    }

    /** A SERIALIZABLE transaction read one heap tuple version: a SIREAD lock on it ({@code PredicateLockTID}). */
    void predicateLockTuple(org.woolly.catalog.RelationInfo table, org.woolly.access.common.Tid tid) {
        org.woolly.storage.lmgr.SerializableXact sxact = predicateLocker(table);
        if (sxact != null) {
            sxact.readTuple(table.locator().databaseOid(), table.locator().relNumber(), table.oid(), tid.block(),
                    tid.offset());
        }
    }

    /**
     * The transaction's SSI state if reads of {@code table} take SIREAD locks: not for system
     * catalogs nor temporary tables, which no other session can write
     * ({@code PredicateLockingNeededForRelation}: below FirstUnpinnedObjectId, local buffers).
     */
    private org.woolly.storage.lmgr.SerializableXact predicateLocker(org.woolly.catalog.RelationInfo table) {
        org.woolly.storage.lmgr.SerializableXact sxact = transaction == null ? null : transaction.serializable();
        if (sxact == null || table.oid() < FIRST_UNPINNED_OBJECT_ID || table.namespaceName().startsWith("pg_temp")) {
            return null;
        }
        return sxact;
    }

    /** PostgreSQL's FirstUnpinnedObjectId: OIDs below it are the bootstrap catalogs' objects. */
    private static final int FIRST_UNPINNED_OBJECT_ID = 12000;

    public Snapshot snapshot() {
        return snapshot;
    }

    Object parameter(int number) {
        if (number > parameters.length) {
            throw SqlException.of(SqlState.UNDEFINED_PARAMETER, "there is no parameter $%d", number);
        }
        return parameters[number - 1];
    }

    @Override
    public FormatSettings formatSettings() {
        return session.formatSettings();
    }

    @Override
    public String currentUser() {
        return session.user();
    }

    @Override
    public String sessionUser() {
        return session.sessionUser();
    }

    @Override
    public String currentDatabase() {
        return session.database();
    }

    @Override
    public String currentSchema() {
        return session.schema().get();
    }

    @Override
    public long transactionTimestamp() {
        return session.transactionTimestamp();
    }

    @Override
    public long statementTimestamp() {
        return statementTimestamp;
    }

    @Override
    public long currentTransactionId() {
        return transaction().assignXid();
    }

    @Override
    public Long currentTransactionIdIfAssigned() {
        long xid = transaction().xid();
        return xid == 0 ? null : xid;
    }

    /** The statement's snapshot, without the transaction's own XIDs (PostgreSQL's never lists its own). */
    @Override
    public org.woolly.utils.adt.XidSnapshot currentSnapshot() {
        long[] running = java.util.Arrays.stream(snapshot.inProgress())
                .filter(xid -> !transaction.isCurrentXid(xid)).sorted().toArray();
        return new org.woolly.utils.adt.XidSnapshot(snapshot.xmin(), snapshot.xmax(), running);
    }

    @Override
    public String transactionStatus(long xid) {
        if (transactions == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "transaction status is not available here");
        }
        if (Long.compareUnsigned(xid, 3) < 0) {
            return null; // not a normal XID: PostgreSQL's TransactionIdInRecentPast says no
        }
        if (Long.compareUnsigned(xid, transactions.nextXid()) >= 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "transaction ID %s is in the future",
                    Long.toUnsignedString(xid));
        }
        if (transaction.isCurrentXid(xid)) {
            return "in progress";
        }
        return switch (transactions.status(xid)) {
            case IN_PROGRESS -> "in progress";
            case COMMITTED -> "committed";
            case ABORTED -> "aborted";
        };
    }

    @Override
    public int backendPid() {
        return session.backendPid();
    }

    /** In a parallel worker's context: set by the leader when the worker must stop; null in the leader's. */
    private AtomicBoolean parallelStop;
    /** The shared block counters of the Parallel Seq Scans of the running Gathers, by plan node. */
    private java.util.Map<org.woolly.nodes.plan.Plan, org.woolly.access.heap.ParallelBlockTable> parallelScans;

    /**
     * A context for one parallel worker of this statement ({@code ParallelWorkerMain}'s restored
     * state): the same snapshot, transaction, parameters and settings, counters of its own, no
     * temporary files (its aggregation stays in memory), and interrupts taken from
     * {@code stop} only: the leader alone reads the backend's cancel and timeout flags and stops
     * its workers.
     */
    ExecutorContext forParallelWorker(AtomicBoolean stop) {
        ExecutorContext copy;
        try {
            copy = (ExecutorContext) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new IllegalStateException(impossible);
        }
        copy.parallelStop = stop;
        copy.counters = new org.woolly.pgstat.SessionCounters();
        copy.execParams = execParams.clone();
        copy.plannerParams = plannerParams.clone();
        copy.temporaryFileSpace = null;
        copy.temporaryFiles = null;
        copy.cteStores = new java.util.IdentityHashMap<>();
        copy.hasExecution = true;
        return copy;
    }

    /** The block counters of parallel scans, shared by the leader and its workers. */
    java.util.Map<org.woolly.nodes.plan.Plan, org.woolly.access.heap.ParallelBlockTable> parallelScans() {
        if (parallelScans == null) {
            parallelScans = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
        }
        return parallelScans;
    }

    /**
     * How many parallel workers may run at once in the server: max_parallel_workers, within
     * max_worker_processes (PostgreSQL's background worker slots).
     */
    int maxParallelWorkers() {
        return Math.min(intSetting("max_parallel_workers", 8), intSetting("max_worker_processes", 8));
    }

    /** pg_sleep's wait, shown in pg_stat_activity as {@code Timeout}/{@code PgSleep} ({@code WAIT_EVENT_PG_SLEEP}). */
    @Override
    public void sleep(long nanos) {
        org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
        if (status != null) {
            status.waitStart("Timeout", "PgSleep");
        }
        try {
            EvaluationContext.super.sleep(nanos);
        } finally {
            if (status != null) {
                status.waitEnd();
            }
        }
    }

    @Override
    public void checkForInterrupts() {
        if (parallelStop != null) {
            if (parallelStop.get()) {
                throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            return;
        }
        // the backend's flags: cancel, statement_timeout, termination (the same a lock wait sees)
        if (interrupts != null) {
            interrupts.throwIfPending();
        } else {
            Interrupts.check();
        }
        if (cancelRequested != null && cancelRequested.get()) {
            cancelRequested.set(false);
            throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }
}
