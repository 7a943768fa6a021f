package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.sequence.SequenceAccess;
import org.woolly.access.transam.StorageServices;
import org.woolly.analyzer.Analyzer;
import org.woolly.analyzer.BuiltinTypeSystem;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.DatabaseCatalog;
import org.woolly.commands.CommandContext;
import org.woolly.commands.SequenceSession;
import org.woolly.commands.VariableCommands;
import org.woolly.commands.async.Notification;
import org.woolly.commands.async.NotificationQueue;
import org.woolly.commands.async.SessionNotifications;
import org.woolly.executor.ExecutorContext;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.optimizer.CostParameters;
import org.woolly.optimizer.Planner;
import org.woolly.optimizer.PlannerStatistics;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.TableStatistics;
import org.woolly.parser.Parser;
import org.woolly.utils.error.NoticeSink;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.protocol.ResultColumn;
import org.woolly.catalog.RoleInfo;
import org.woolly.tcop.SessionEngine;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;
import org.woolly.utils.misc.Interrupts;

/**
 * One backend's query engine ({@code postgres.c}'s query handling with {@code pquery.c} and
 * {@code utility.c}): statements are analyzed and planned at prepare time, run through portals,
 * inside the transaction state of {@link TransactionBlock}. Every statement of a transaction gets
 * a new command id; each statement takes a new snapshot (READ COMMITTED) unless the block runs
 * REPEATABLE READ.
 */
public final class QuerySession implements SessionEngine {
    final StorageServices storage;
    CatalogAccess catalog;
    private String catalogSearchPath;
    /** The user $user stood for when the catalog view was bound. */
    private String catalogSearchPathUser;
    /** The authenticated user ({@code AuthenticatedUserId}): SET SESSION AUTHORIZATION is checked against it. */
    final RoleInfo role;
    /** The role current_user or session_user last resolved to, by name (SET ROLE changes the name). */
    private RoleInfo resolvedRole;
    final String database;
    final SessionSettings settings;
    final NoticeSink notices;
    final int backendPid;
    final TypeSystem types;
    final QueryParser parser;
    Analyzer analyzer;
    final Planner planner;
    final TransactionBlock block;
    final Map<String, SessionPreparedQuery> preparedStatements = new HashMap<>();
    /** The relations and events whose rules are being applied (RuleProducts), to catch recursion. */
    final java.util.ArrayDeque<String> ruleEvents = new java.util.ArrayDeque<>();
    /** Set while preparing the original statement of a rewritten one: it runs without rules. */
    boolean withoutRules;
    /** Counts DISCARD PLANS and DISCARD ALL: plans made before are stale. */
    long discardGeneration;
    /** This backend's pending cancel, timeout and termination; BackendLoop binds it to the backend thread. */
    final Interrupts interrupts = new Interrupts();
    private final List<SessionPortal> openPortals = new ArrayList<>();
    /** The cursors of DECLARE, by name. */
    final Map<String, SqlCursor> cursors = new HashMap<>();
    /** The session's currval/lastval state; made on first use (test storages may have no sequences). */
    private SequenceSession sequences;
    /** Pending pg_stat_database counts of this session, added to the database's row at transaction end. */
    final org.woolly.pgstat.SessionCounters counters = new org.woolly.pgstat.SessionCounters();
    private SessionActivity activity;
    private int statisticsDatabaseOid;
    /** The server's statistics, null when it keeps none. */
    org.woolly.pgstat.ServerStatistics statistics;
    /** LISTEN/NOTIFY: over a queue of the session's own until {@link #withNotifications} gives the server's. */
    SessionNotifications notifications;

    @Override
    public int databaseOid() {
        return statisticsDatabaseOid;
    }

    /** The parser of {@code org.woolly.parser}. */
    private static final QueryParser SQL_PARSER = new QueryParser() {
        @Override
        public List<RawStatement> parse(String queryString) {
            return Parser.parse(queryString);
        }

        @Override
        public org.woolly.nodes.parse.Expr parseExpression(String text) {
            return Parser.parseExpression(text);
        }
    };

    private static final TypeSystem BUILTIN_TYPES = new BuiltinTypeSystem();

    /** A session with the built-in types and the SQL parser: what {@code Engine.openSession} creates. */
    public QuerySession(StorageServices storage, CatalogAccess catalog, RoleInfo role, String database,
                        SessionSettings settings, NoticeSink notices, int backendPid) {
        this(storage, catalog, role, database, settings, notices, backendPid, BUILTIN_TYPES, SQL_PARSER);
    }

    /** Builds a session over explicit type-system and parser implementations (tests use fakes). */
    public QuerySession(StorageServices storage, CatalogAccess catalog, RoleInfo role, String database,
                        SessionSettings settings, NoticeSink notices, int backendPid, TypeSystem types,
                        QueryParser parser) {
        this.storage = storage;
        this.catalog = catalog;
        this.role = role;
        this.database = database;
        this.settings = settings;
        this.notices = notices;
        this.backendPid = backendPid;
        this.types = types;
        this.parser = parser;
        this.analyzer = new Analyzer(types, catalog, parser::parseExpression, notices);
        this.planner = new Planner(types);
        this.block = new TransactionBlock(storage.transactions(), settings, backendPid);
        // the deferred constraint checks run with a context of their own, seeing all the transaction did
        this.block.beforeCommit(() -> block.deferredConstraints().fire(newExecutorContext(new Object[0]), true));
        block.onTransactionEnd(() -> closeCursors(false));
        block.preCommit(this::runOnCommitActions);
        this.notifications = new SessionNotifications(new NotificationQueue(), backendPid, 0, notices);
        block.notifications(notifications);
        settings.readsAllSettingsWhen(() -> catalog.hasPrivilegesOfRole(block.ensure(), role.oid(),
                org.woolly.catalog.CatalogOids.PG_READ_ALL_SETTINGS));
    }

    /** Sends and receives notifications through the server's queue, as a session of database {@code databaseOid}. */
    public QuerySession withNotifications(NotificationQueue queue, int databaseOid) {
        this.notifications = new SessionNotifications(queue, backendPid, databaseOid, notices);
        block.notifications(notifications);
        return this;
    }

    @Override
    public List<Notification> takeNotifications() {
        return notifications.takeDeliverable();
    }

    @Override
    public void onNotificationsPending(Runnable signal) {
        notifications.onSignal(signal);
    }

    /** ON COMMIT DELETE ROWS / DROP of the session's temporary tables, before the commit. */
    private void runOnCommitActions() {
        if (catalog instanceof DatabaseCatalog databaseCatalog && databaseCatalog.hasOnCommitActions()) {
            databaseCatalog.runOnCommitActions(block.ensure());
        }
    }

    /**
     * Drops the session's temporary relations in a transaction of their own when it ends
     * ({@code RemoveTempRelationsCallback}), then gives its temporary schema back.
     */
    private void dropTemporaryRelations() {
        if (!(catalog instanceof DatabaseCatalog databaseCatalog)) {
            return;
        }
        try {
            if (databaseCatalog.usedTemporarySchema()) {
                Transaction tx = storage.transactions().begin(backendPid);
                try {
                    databaseCatalog.dropTemporaryRelations(tx);
                    storage.transactions().commit(tx, true);
                } catch (RuntimeException error) {
                    storage.transactions().abort(tx);
                    throw error;
                }
            }
        } finally {
            databaseCatalog.releaseTemporarySchema();
        }
    }

    /** Closes the session's cursors: all, or those without WITH HOLD (a transaction ended). */
    void closeCursors(boolean holdableToo) {
        cursors.values().removeIf(cursor -> {
            if (holdableToo || !cursor.holdable()) {
                cursor.close();
                return true;
            }
            cursor.markHeld();
            return false;
        });
    }

    /** WHERE CURRENT OF: the row of the table the named cursor is on ({@code execCurrentOf}). */
    private org.woolly.access.common.Tid currentOf(String cursorName, int tableOid, String tableName) {
        SqlCursor cursor = cursors.get(cursorName);
        if (cursor == null) {
            throw SqlException.of(SqlState.INVALID_CURSOR_NAME, "cursor \"%s\" does not exist", cursorName);
        }
        return cursor.currentOf(tableOid, tableName);
    }

    /**
     * Connects the session to the server's statistics: its transactions and tuples count into
     * its database's pg_stat_database row, and the statistics functions see the server through it.
     */
    public QuerySession withStatistics(org.woolly.pgstat.ServerStatistics statistics, int databaseOid) {
        this.activity = new SessionActivity(statistics, databaseOid, role, notices);
        activity.relationFiles(oid -> {
            try {
                return java.util.Optional.of(catalog.relationByOid(block.ensure(), oid).locator());
            } catch (SqlException noSuchRelation) {
                return java.util.Optional.empty();
            }
        });
        activity.livePlans(types, roleOid -> catalog.hasPrivilegesOfRole(block.ensure(), role.oid(), roleOid));
        this.statisticsDatabaseOid = databaseOid;
        this.statistics = statistics;
        block.reportTo(counters, () -> {
            if (settings.getBoolean("track_counts")) {
                // one transaction ended: its relation counts first, as a commit or a rollback makes them
                statistics.relations().flush(databaseOid, counters, counters.transactionsRolledBack == 0);
                statistics.databases().flush(databaseOid, counters);
            } else {
                counters.discard();
            }
        });
        return this;
    }

    /** The session's current transaction id and snapshot xmin for pg_stat_activity; nulls outside one. */
    @Override
    public long[] transactionIds() {
        return block.transactionIds();
    }

    @Override
    public List<RawStatement> parse(String queryString) {
        return parser.parse(queryString);
    }

    @Override
    public PreparedQuery prepare(RawStatement raw, String queryString, int[] parameterTypes) {
        Statement statement = raw.statement();
        checkNotFailed(statement);
        SessionPreparedQuery prepared = prepareStatement(statement, sourceText(raw, queryString), parameterTypes);
        prepared.withFingerprint(StatementTracking.fingerprint(this, raw, queryString, prepared));
        StatementTracking.planned(this, prepared, true);
        return prepared;
    }

    private static String sourceText(RawStatement raw, String queryString) {
        if (queryString == null) {
            return "";
        }
        int start = Math.max(0, Math.min(raw.location(), queryString.length()));
        int end = Math.max(start, Math.min(queryString.length(), raw.location() + raw.length()));
        return queryString.substring(start, end);
    }

    SessionPreparedQuery prepareStatement(Statement statement, String sourceText, int[] parameterTypes) {
        startStatement();
        refreshSearchPath();
        return switch (statement) {
            case Statement.Select ignored -> optimizable(statement, sourceText, parameterTypes);
            case Statement.Insert ignored -> modification(statement, sourceText, parameterTypes, "INSERT");
            case Statement.Update ignored -> modification(statement, sourceText, parameterTypes, "UPDATE");
            case Statement.Delete ignored -> modification(statement, sourceText, parameterTypes, "DELETE");
            case Statement.Merge ignored -> optimizable(statement, sourceText, parameterTypes);
            case Statement.Explain explain when explain.statement() instanceof Statement.CreateTableAs
                    || explain.statement() instanceof Statement.Execute ->
                    // planned when run: CREATE TABLE AS checks its table first, EXECUTE binds its arguments
                    new SessionPreparedQuery(sourceText, explain, List.of(textColumn("QUERY PLAN")), "EXPLAIN");
            case Statement.Explain explain -> {
                SessionPreparedQuery inner = prepareStatement(explain.statement(), sourceText, parameterTypes);
                if (inner.rules() != null) {
                    yield new SessionPreparedQuery(sourceText, explain, null, inner.parameterTypes(),
                            List.of(textColumn("QUERY PLAN")), "EXPLAIN").withRules(inner.rules());
                }
                if (inner.query() == null) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of %s is not supported yet",
                            inner.commandName());
                }
                yield new SessionPreparedQuery(sourceText, explain, inner.planned(), inner.parameterTypes(),
                        List.of(textColumn("QUERY PLAN")), "EXPLAIN").withPlanningNanos(inner.planningNanos())
                        .withPlanningUsage(inner.planningUsage());
            }
            case Statement.VariableShow show -> new SessionPreparedQuery(sourceText, show,
                    show.name().equalsIgnoreCase("all")
                            ? List.of(textColumn("name"), textColumn("setting"), textColumn("description"))
                            : List.of(textColumn(VariableCommands.showColumnName(show.name()))), "SHOW");
            case Statement.Fetch fetch when !fetch.move() -> {
                SqlCursor target = cursors.get(fetch.cursor());
                if (target == null) {
                    throw SqlException.of(SqlState.INVALID_CURSOR_NAME, "cursor \"%s\" does not exist", fetch.cursor());
                }
                yield new SessionPreparedQuery(sourceText, fetch, target.query().resultColumns(), "FETCH");
            }
            case Statement.Execute execute -> {
                SessionPreparedQuery target = preparedStatements.get(execute.name());
                if (target == null) {
                    throw SqlException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"%s\" does not exist",
                            execute.name());
                }
                yield new SessionPreparedQuery(sourceText, execute, target.resultColumns(), target.commandName());
            }
            default -> new SessionPreparedQuery(sourceText, statement, List.of(), UtilityDispatch.commandName(statement));
        };
    }

    /** Portals running now, one inside the other ({@code exec_nested_level}): 0 between top-level statements. */
    int portalNesting;

    /** Set while DECLARE CURSOR plans its query: a cursor's plan is never parallel. */
    boolean planningCursor;

    /** INSERT, UPDATE or DELETE: rewritten by the rules of its relation first ({@code QueryRewrite}), if it has any. */
    private SessionPreparedQuery modification(Statement statement, String sourceText, int[] parameterTypes,
                                              String commandName) {
        if (!withoutRules) {
            var transaction = block.ensure();
            block.takeFirstSnapshot();
            var rewritten = org.woolly.analyzer.RuleRewriter.rewrite(catalog, transaction, statement);
            if (rewritten != null) {
                return RuleProducts.prepare(this, statement, sourceText, parameterTypes, rewritten, commandName);
            }
        }
        boolean outer = withoutRules;
        withoutRules = false;
        try {
            return optimizable(statement, sourceText, parameterTypes);
        } finally {
            withoutRules = outer;
        }
    }

    private SessionPreparedQuery optimizable(Statement statement, String sourceText, int[] parameterTypes) {
        var transaction = block.ensure();
        block.takeFirstSnapshot();
        // read before analysis: a change made while it looks at the catalogs makes the plan stale
        long invalidationStamp = catalog.invalidationStamp();
        // arrays over the catalog's types (_mood) are found, read and ordered through the catalog
        var inquiries = ScopedValue.where(org.woolly.utils.adt.CatalogInquiries.CURRENT, catalogInquiries());
        Analyzer.Result result = inquiries.call(() -> analyzer.analyze(statement, transaction,
                settings.formatSettings(), parameterTypes));
        Query query = result.query();
        long planningStart = System.nanoTime();
        org.woolly.pgstat.ResourceUsage usage = org.woolly.pgstat.ResourceUsage.current();
        org.woolly.pgstat.ResourceUsage.Counts usageBefore = usage.snapshot();
        // PostgreSQL 15's standard_planner: no parallel plan for a cursor (CURSOR_OPT_PARALLEL_OK);
        // SERIALIZABLE allows them since PostgreSQL 12 (the workers take the leader's SIREAD locks)
        Plan plan = inquiries.call(() -> planner.plan(query,
                settings.derived(CostParameters.class, CostParameters::from).withParallelAllowed(!planningCursor), plannerStatistics(transaction)));
        long planningNanos = System.nanoTime() - planningStart;
        List<ResultColumn> columns = new ArrayList<>();
        for (TargetEntry entry : query.outputColumns()) {
            PgType type = types.type(entry.expr().type());
            columns.add(new ResultColumn(entry.name(), entry.tableOid(), entry.columnNumber(), entry.expr().type(),
                    type == null ? -1 : type.length(), entry.expr().typmod()));
        }
        String name = switch (query.command()) {
            case SELECT -> "SELECT";
            case INSERT -> "INSERT";
            case UPDATE -> "UPDATE";
            case DELETE -> "DELETE";
            case MERGE -> "MERGE";
        };
        var planned = new SessionPreparedQuery.Planned(query, plan, result.relations(), transaction,
                transaction.commandId(), invalidationStamp, searchPathSetting(),
                catalog.changedCatalogs(transaction) ? transaction.xid() : 0, discardGeneration);
        return new SessionPreparedQuery(sourceText, statement, planned, result.parameterTypes(), columns, name)
                .withPlanningNanos(planningNanos).withPlanningUsage(usage.snapshot().minus(usageBefore));
    }

    /** Table sizes and ANALYZE's statistics as this transaction sees the catalogs. */
    private PlannerStatistics plannerStatistics(Transaction transaction) {
        HeapAccess heap = HeapAccess.of(storage);
        return new PlannerStatistics() {
            @Override
            public int currentPages(int relationOid) {
                try {
                    return heap.blockCount(catalog.relationByOid(transaction, relationOid).locator());
                } catch (SqlException dropped) {
                    return -1;
                }
            }

            @Override
            public TableStatistics statistics(int relationOid) {
                return catalog.statistics(transaction, relationOid);
            }

            @Override
            public boolean parallelScanAllowed(int relationOid) {
                try {
                    var relation = catalog.relationByOid(transaction, relationOid);
                    return relation.kind() == 'r' && !relation.isTemporary();
                } catch (SqlException dropped) {
                    return false;
                }
            }

            @Override
            public List<IndexInfo> indexes(int relationOid) {
                if (btree() == null) {
                    return List.of();
                }
                try {
                    // a partitioned index has no file to scan: its partitions' indexes are read instead
                    return catalog.relationByOid(transaction, relationOid).indexes().stream()
                            .filter(index -> index.locator().relNumber() != 0).toList();
                } catch (SqlException dropped) {
                    return List.of();
                }
            }

            @Override
            public long indexPages(IndexInfo index) {
                return btree().pageCount(index.shape());
            }

            @Override
            public org.woolly.nodes.query.IndexExpressions indexExpressions(IndexInfo index) {
                return analyzer.storedIndexExpressions(catalog.relationByOid(transaction, index.relationOid()), index,
                        transaction, settings.formatSettings());
            }
        };
    }

    /**
     * Before a prepared statement's plan runs: its locks again and, if it went stale, a new
     * plan ({@link PlanCache}).
     */
    void lockAndRevalidate(SessionPreparedQuery prepared) {
        PlanCache.revalidate(this, prepared);
    }

    /**
     * The search_path the session's catalog view resolves names with, and the user $user stands
     * for (null before the first statement), marked once the session's temporary schema joined
     * it: a plan made under another is planned again, as PostgreSQL's plancache sees the active
     * search path change.
     */
    String searchPathSetting() {
        if (catalogSearchPath == null) {
            return null;
        }
        String setting = catalogSearchPath + "|" + catalogSearchPathUser;
        if (catalog instanceof DatabaseCatalog databaseCatalog && databaseCatalog.usedTemporarySchema()) {
            return setting + TEMPORARY_SCHEMA_MARK;
        }
        return setting;
    }

    /** Cannot occur in a search_path setting: tells a path with the temporary schema from one without. */
    private static final String TEMPORARY_SCHEMA_MARK = "\0pg_temp";

    /**
     * At the start of each statement: lock_timeout and log_lock_waits as now set, for the lock
     * waits to come. A
     * pending cancel is not cleared here: one that arrived while the statement's locks were
     * being taken must still stop it.
     */
    void startStatement() {
        org.woolly.nodes.query.ProceduralCalls.bind(plpgsql());
        if (Interrupts.current() != interrupts) {
            // BackendLoop binds it for a backend; a session driven directly (embedding, tests) binds here
            Interrupts.bind(interrupts);
        }
        try {
            interrupts.setLockTimeoutMillis(settings.getInt("lock_timeout"));
            interrupts.setLogLockWaits(settings.getBoolean("log_lock_waits"));
            org.woolly.pgstat.ResourceUsage.current().timeIo = settings.getBoolean("track_io_timing");
        } catch (SqlException unknown) {
            interrupts.setLockTimeoutMillis(0);
        }
    }

    /**
     * Rebinds the catalog view when search_path changed (SET, RESET, a rolled-back SET), so
     * unqualified names follow the session's current setting.
     */
    void refreshSearchPath() {
        if (!(catalog instanceof DatabaseCatalog databaseCatalog)) {
            return;
        }
        String current;
        try {
            current = settings.show("search_path");
        } catch (SqlException unknown) {
            return;
        }
        String user = currentRole().name();
        // $user in search_path is the current user, so SET ROLE rebinds it too
        if (!current.equals(catalogSearchPath) || !user.equals(catalogSearchPathUser)) {
            catalog = databaseCatalog.withSearchPath(current, user);
            catalogSearchPath = current;
            catalogSearchPathUser = user;
            analyzer = new Analyzer(types, catalog, parser::parseExpression, notices);
        }
    }

    ResultColumn textColumn(String name) {
        PgType text = types.type(TypeOids.TEXT);
        return new ResultColumn(name, 0, (short) 0, TypeOids.TEXT, text == null ? -1 : text.length(), -1);
    }

    /** In a failed block only ROLLBACK, ROLLBACK TO SAVEPOINT and COMMIT may run (25P02 for anything else). */
    void checkNotFailed(Statement statement) {
        if (block.state() != TransactionBlock.State.FAILED) {
            return;
        }
        if (statement instanceof Statement.Transaction transaction
                && (transaction.kind() == Statement.TransactionKind.COMMIT
                || transaction.kind() == Statement.TransactionKind.ROLLBACK
                || transaction.kind() == Statement.TransactionKind.ROLLBACK_TO
                || transaction.kind() == Statement.TransactionKind.PREPARE)) {
            return;
        }
        throw SqlException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    @Override
    public void revalidate(PreparedQuery query) {
        SessionPreparedQuery prepared = (SessionPreparedQuery) query;
        if (prepared.query() != null && !(prepared.statement() instanceof Statement.Explain)
                && block.state() != TransactionBlock.State.FAILED) {
            lockAndRevalidate(prepared);
        }
    }

    @Override
    public Portal bind(PreparedQuery query, Object[] parameters) {
        SessionPreparedQuery prepared = (SessionPreparedQuery) query;
        if (prepared.query() != null && !(prepared.statement() instanceof Statement.Explain)
                && block.state() != TransactionBlock.State.FAILED) {
            // at Bind, as GetCachedPlan does: the portal keeps the plan valid now (in FAILED the run gives 25P02)
            lockAndRevalidate(prepared);
            checkPermissions(prepared);
        }
        SessionPortal portal = new SessionPortal(this, prepared, parameters == null ? new Object[0] : parameters.clone());
        openPortals.add(portal);
        return portal;
    }

    /**
     * {@code CheckTableNotInUse}: DROP TABLE and TRUNCATE refuse a table that a suspended portal
     * of this session still reads (55006), as its scan would go on in files the command replaces.
     * The names are resolved without a lock: one in use is locked by this session already.
     */
    void checkNotInUse(List<QualifiedName> names, String command) {
        if (openPortals.isEmpty()) {
            return;
        }
        var transaction = block.ensure();
        for (QualifiedName name : names) {
            var relation = catalog.lookupRelation(transaction, name.schema(), name.name());
            if (relation.isEmpty()) {
                continue;
            }
            for (SessionPortal portal : openPortals) {
                if (portal.reads(relation.get().oid())) {
                    throw SqlException.of(SqlState.OBJECT_IN_USE,
                            "cannot %s \"%s\" because it is being used by active queries in this session", command,
                            relation.get().name());
                }
            }
        }
    }

    void portalClosed(SessionPortal portal) {
        openPortals.remove(portal);
    }

    CommandContext commandContext() {
        refreshSearchPath();
        return new CommandContext(catalog, block.ensure(), types, analyzer, settings, notices, block.inTransactionBlock(),
                storage, currentRole(), sessionRole(), statistics == null || !settings.getBoolean("track_counts") ? null
                        : org.woolly.pgstat.MaintenanceReporter.forCurrentThread(statistics.relations(),
                        statisticsDatabaseOid));
    }

    /**
     * {@code ExecCheckPermissions}: the current user must hold SELECT on every relation the
     * statement reads and INSERT, UPDATE or DELETE on its target (with SELECT too when UPDATE or
     * DELETE has a WHERE clause, or any of them RETURNING); 42501 otherwise. Relations read
     * through a view are checked for the current user too (PostgreSQL checks them as the view's
     * owner); the system catalogs are readable by everyone. The partitions and children an
     * UPDATE or DELETE reaches through its target are not checked themselves.
     */
    void checkPermissions(SessionPreparedQuery prepared) {
        Query query = prepared.query();
        RoleInfo user = currentRole();
        if (query == null || user.superuser()) {
            return;
        }
        var transaction = block.ensure();
        int target = query.resultRelation() == null || query.resultRelation().relation() == null ? 0
                : query.resultRelation().relation().oid();
        // the target's partitions and inheritance children are checked through it only
        // (expand_inherited_rtentry leaves their requiredPerms empty)
        java.util.Set<Integer> members = target == 0 || query.command() == Query.CommandType.SELECT ? java.util.Set.of()
                : new java.util.HashSet<>(catalog.allInheritors(transaction, target));
        for (var relation : prepared.planned().relations()) {
            int oid = relation.relationOid();
            if (Integer.compareUnsigned(oid, org.woolly.catalog.CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0
                    || oid != target && members.contains(oid)) {
                continue;
            }
            boolean readsTarget = query.where() != null || query.returning() != null && !query.returning().isEmpty();
            List<Character> needed = new ArrayList<>();
            if (oid != target) {
                needed.add('r');
            } else {
                switch (query.command()) {
                    case INSERT -> needed.add('a');
                    case UPDATE -> needed.add('w');
                    case DELETE -> needed.add('d');
                    case SELECT -> needed.add('r');
                    case MERGE -> {
                        // every action's privilege, and SELECT for the ON condition (transformMergeStmt's targetPerms)
                        for (var action : query.merge().actions()) {
                            switch (action.kind()) {
                                case INSERT -> needed.add('a');
                                case UPDATE -> needed.add('w');
                                case DELETE -> needed.add('d');
                                case NOTHING -> { }
                            }
                        }
                        needed.add('r');
                    }
                }
                if (query.command() != Query.CommandType.SELECT && readsTarget) {
                    needed.add('r');
                }
            }
            for (char letter : needed) {
                if (!catalog.hasRelationPrivilege(transaction, user.oid(), oid, letter)) {
                    var info = catalog.relationByOid(transaction, oid);
                    String kind = info.kind() == 'S' ? "sequence" : info.kind() == 'v' ? "view" : "table";
                    throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for %s %s", kind,
                            info.name());
                }
            }
        }
    }

    /**
     * current_user ({@code GetUserId}): the role SET ROLE chose, else the session user. Privileges
     * are checked against it.
     */
    RoleInfo currentRole() {
        String name = settings.getString("role");
        return name.equals(RoleSwitch.NONE) ? sessionRole() : roleNamed(name);
    }

    /** session_user ({@code GetSessionUserId}): the authenticated user unless SET SESSION AUTHORIZATION chose another. */
    RoleInfo sessionRole() {
        String name = settings.getString("session_authorization");
        return name.isEmpty() || name.equals(role.name()) ? role : roleNamed(name);
    }

    /**
     * The role of that name as the catalog holds it now; the authenticated user when it has
     * been dropped since SET ROLE named it (PostgreSQL keeps the OID and fails later).
     */
    private RoleInfo roleNamed(String name) {
        RoleInfo cached = resolvedRole;
        if (cached != null && cached.name().equals(name)) {
            return cached;
        }
        var transaction = block.ensure();
        var oid = catalog.roleOid(transaction, name);
        if (oid.isEmpty()) {
            return role;
        }
        boolean superuser = catalog.roleAttributes(transaction, oid.getAsInt())
                .map(attributes -> Boolean.TRUE.equals(attributes.get("rolsuper"))).orElse(false);
        resolvedRole = new RoleInfo(oid.getAsInt(), name, superuser, true, null);
        return resolvedRole;
    }

    /** The type OIDs of PREPARE's declared parameter types. */
    int[] declaredTypes(List<TypeName> typeNames) {
        if (typeNames == null) {
            return new int[0];
        }
        int[] oids = new int[typeNames.size()];
        for (int i = 0; i < oids.length; i++) {
            TypeName name = typeNames.get(i);
            oids[i] = catalog.lookupValueTypeOid(block.ensure(), name.schema(), name.name());
        }
        return oids;
    }

    String currentSchema() {
        for (String schema : catalog.searchPath(block.ensure())) {
            if (!schema.equals("pg_catalog")) {
                return schema;
            }
        }
        return "pg_catalog";
    }

    long statementTimeoutMillis() {
        try {
            return settings.getInt("statement_timeout");
        } catch (SqlException unknown) {
            return 0;
        }
    }

    /**
     * {@code ExecCheckXactReadOnly}: INSERT, UPDATE and DELETE fail with 25006 in a read-only
     * transaction when they are about to run (EXPLAIN without ANALYZE does not run them).
     */
    void checkWritable(SessionPreparedQuery prepared) {
        Query query = prepared.query();
        if (query == null || query.command() == Query.CommandType.SELECT && query.dataModifyingCtes().isEmpty()
                || !block.readOnly()) {
            return; // reads never look, writes look up their tables only in a read-only transaction
        }
        // a data-modifying WITH makes the statement a write, named by its top command as PostgreSQL names it
        boolean writes = query.command() != Query.CommandType.SELECT && writesPersistentTable(query)
                || query.dataModifyingCtes().stream().anyMatch(cte -> writesPersistentTable(cte.query()));
        if (writes) {
            block.checkWritable(query.command().name());
        }
    }

    /** Whether {@code query} changes a table other than a temporary one (those may change in a read-only transaction). */
    private boolean writesPersistentTable(Query query) {
        var result = query.resultRelation();
        if (result == null || result.relation() == null) {
            return true;
        }
        var relation = catalog.relationByOid(block.ensure(), result.relation().oid());
        return relation == null || !relation.isTemporary();
    }

    /** The session's catalog as type I/O and enum ordering read it, in the current transaction and search_path. */
    org.woolly.utils.adt.CatalogInquiries catalogInquiries() {
        refreshSearchPath();
        return new org.woolly.catalog.CatalogNameLookup(catalog, block.ensure(), types::formatType);
    }

    /** A context for running one statement: a snapshot per statement (or per transaction), the interrupt state. */
    ExecutorContext newExecutorContext(Object[] parameters) {
        if (activity != null) {
            activity.clearSnapshot();
        }
        var transaction = block.ensure();
        var snapshot = block.statementSnapshot();
        boolean hasSequences = sequenceStorageIfAny() != null;
        var info = new ExecutorContext.SessionInfo(currentRole().name(), sessionRole().name(), database, this::currentSchema, backendPid,
                settings.formatSettings(), block.startTimestamp());
        return new ExecutorContext(types, HeapAccess.of(storage), transaction, snapshot, parameters, info, null,
                statementTimeoutMillis()).withTransactionSnapshot(block.repeatableRead()).withSettings(settings)
                .withCatalog(catalog).withIndexAccess(btree()).withCursors(this::currentOf)
                .withCheckConstraints((relation, constraint) -> analyzer.storedCheckConstraint(relation,
                        constraint.checkExpression(), transaction, settings.formatSettings()))
                .withIndexExpressions((relation, index) -> analyzer.storedIndexExpressions(relation, index,
                        transaction, settings.formatSettings()))
                .withTransactions(storage.transactions())
                .withColumnDefaults((relation, column) -> analyzer.storedDefault(column, transaction,
                        settings.formatSettings()))
                .withSequences(hasSequences ? sequences() : null, hasSequences ? sequenceStorage() : null)
                .withStatistics(counters, activity).withLockFunctions(locks()).withNotifications(notifications)
                .withTemporaryFiles(storage.temporaryFiles())
                .withDeferredConstraints(block.deferredConstraints());
    }

    private SessionLocks locks;
    private PlpgsqlCalls plpgsql;

    /** The session's PL/pgSQL call handler and SPI, made on first use. */
    PlpgsqlCalls plpgsql() {
        if (plpgsql == null) {
            plpgsql = new PlpgsqlCalls(this);
        }
        return plpgsql;
    }

    /** The session's advisory locks, made on first use; null without a lock manager. */
    private SessionLocks locks() {
        var manager = storage.transactions().lockManager();
        if (locks == null && manager != null) {
            locks = new SessionLocks(manager, storage.transactions().predicateLocks(), backendPid, this::databaseOid,
                    block::ensure, notices, storage.transactions()::preparedTransactions,
                    storage.transactions().multiXacts());
        }
        return locks;
    }

    /** The B-tree access method, or null when the server has none registered. */
    private org.woolly.access.nbtree.BTreeAccess btree() {
        return storage.accessMethods().contains(org.woolly.access.nbtree.BTreeAccess.NAME,
                org.woolly.access.transam.AccessMethodRegistry.Kind.INDEX)
                ? org.woolly.access.nbtree.BTreeAccess.of(storage) : null;
    }

    SequenceAccess sequenceStorage() {
        return SequenceAccess.of(storage);
    }

    /** The sequence storage, or null when this storage has none (then serial columns are refused). */
    SequenceAccess sequenceStorageIfAny() {
        return storage.accessMethods().contains(SequenceAccess.NAME,
                org.woolly.access.transam.AccessMethodRegistry.Kind.TABLE) ? sequenceStorage() : null;
    }

    SequenceSession sequences() {
        if (sequences == null) {
            sequences = new SequenceSession(sequenceStorage(), () -> catalog, block::ensure, block::checkWritable);
        }
        return sequences;
    }

    /** Makes a finished statement's changes visible to the next ({@code CommandCounterIncrement}). */
    void statementDone() {
        if (block.state() != TransactionBlock.State.IDLE && block.state() != TransactionBlock.State.FAILED) {
            block.ensure().incrementCommandId();
        }
    }

    @Override
    public void beginImplicitBlock() {
        block.implicitBlock(true);
    }

    @Override
    public void finishImplicitTransaction() {
        block.implicitBlock(false);
        if (block.state() == TransactionBlock.State.IMPLICIT) {
            closePortals();
            block.commit();
        }
    }

    @Override
    public void abortAfterError() {
        block.implicitBlock(false);
        try {
            closePortalsButCursors();
        } catch (RuntimeException ignored) {
            // the error being handled matters more than a failure to release a scan
        }
        try {
            block.fail();
        } catch (RuntimeException ignored) {
            // abort never fails for a live transaction; nothing more to undo
        }
    }

    private void closePortals() {
        for (SessionPortal portal : List.copyOf(openPortals)) {
            portal.close();
        }
    }

    /**
     * After an error the portals close, but not the cursors' ({@code AtSubAbort_Portals} keeps
     * those of outer transactions): a cursor survives ROLLBACK TO SAVEPOINT; its own failure closed it already.
     */
    private void closePortalsButCursors() {
        for (SessionPortal portal : List.copyOf(openPortals)) {
            if (cursors.values().stream().noneMatch(cursor -> cursor.reads(portal))) {
                portal.close();
            }
        }
    }

    @Override
    public TransactionStatus transactionStatus() {
        return block.status();
    }

    /** Raised on the backend's {@link Interrupts}: a lock wait sees it as well as the executor. */
    @Override
    public void cancel() {
        interrupts.cancel();
    }

    @Override
    public Interrupts interrupts() {
        return interrupts;
    }

    @Override
    public void close() {
        try {
            closeCursors(true);
            closePortals();
            try {
                block.rollback();
                dropTemporaryRelations();
            } finally {
                notifications.close();
                if (locks != null) {
                    locks.close();
                }
            }
            preparedStatements.clear();
        } finally {
            closeAction.run();
        }
    }

    /** Runs {@code action} when the session closes (it leaves its database: {@code catalog.DatabaseUsage}). */
    public QuerySession whenClosed(Runnable action) {
        this.closeAction = action;
        return this;
    }

    private Runnable closeAction = () -> { };
}
