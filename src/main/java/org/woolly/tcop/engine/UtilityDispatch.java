package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.access.heap.HeapAccess;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.RelationInfo;
import org.woolly.commands.AlterTableCommands;
import org.woolly.commands.AnalyzeCommand;
import org.woolly.commands.CommentCommands;
import org.woolly.commands.ExplainCommand;
import org.woolly.commands.IndexCommands;
import org.woolly.commands.SequenceCommands;
import org.woolly.commands.TableCommands;
import org.woolly.commands.TypeCommands;
import org.woolly.commands.VacuumCommand;
import org.woolly.commands.VariableCommands;
import org.woolly.commands.ViewCommands;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ExpressionCompiler;
import org.woolly.nodes.parse.AsyncCommand;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SetValue;
import org.woolly.nodes.parse.Statement;
import org.woolly.protocol.ResultColumn;
import org.woolly.tcop.Portal;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Runs utility statements ({@code standard_ProcessUtility} in {@code utility.c}). */
final class UtilityDispatch {

    /** What a utility statement produced: rows (SHOW, EXPLAIN, EXECUTE) and the command tag. */
    record Outcome(List<Object[]> rows, String tag) {
        static Outcome tag(String tag) {
            return new Outcome(List.of(), tag);
        }
    }

    private UtilityDispatch() {}

    static String commandName(Statement statement) {
        return switch (statement) {
            case Statement.CreateTable ignored -> "CREATE TABLE";
            case Statement.CreateTableAs create -> create.selectInto() ? "SELECT INTO" : "CREATE TABLE AS";
            case Statement.CreateView ignored -> "CREATE VIEW";
            case Statement.CreateIndex ignored -> "CREATE INDEX";
            case Statement.Reindex ignored -> "REINDEX";
            case Statement.Comment ignored -> "COMMENT";
            case Statement.CreateSequence ignored -> "CREATE SEQUENCE";
            case Statement.AlterSequence ignored -> "ALTER SEQUENCE";
            case Statement.Drop drop -> "DROP " + drop.kind().name();
            case Statement.Truncate ignored -> "TRUNCATE TABLE";
            case Statement.LockTable ignored -> "LOCK TABLE";
            case Statement.AlterTable alter -> "ALTER " + alter.kind().name();
            case Statement.Transaction transaction -> switch (transaction.kind()) {
                case BEGIN -> "BEGIN";
                case START -> "START TRANSACTION";
                case COMMIT -> "COMMIT";
                case ROLLBACK -> "ROLLBACK";
                case SAVEPOINT -> "SAVEPOINT";
                case RELEASE -> "RELEASE";
                case ROLLBACK_TO -> "ROLLBACK";
                case PREPARE -> "PREPARE TRANSACTION";
                case COMMIT_PREPARED -> "COMMIT PREPARED";
                case ROLLBACK_PREPARED -> "ROLLBACK PREPARED";
            };
            case Statement.VariableSet ignored -> "SET";
            case Statement.VariableShow ignored -> "SHOW";
            case Statement.VariableReset ignored -> "RESET";
            case Statement.Explain ignored -> "EXPLAIN";
            case Statement.Prepare ignored -> "PREPARE";
            case Statement.Execute ignored -> "EXECUTE";
            case Statement.Deallocate deallocate -> deallocate.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE";
            case Statement.Discard discard -> "DISCARD " + discard.target().toUpperCase(Locale.ROOT);
            case Statement.Checkpoint ignored -> "CHECKPOINT";
            case Statement.DeclareCursor ignored -> "DECLARE CURSOR";
            case Statement.Fetch fetch -> fetch.move() ? "MOVE" : "FETCH";
            case Statement.CloseCursor close -> close.name() == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
            case Statement.SetConstraints ignored -> "SET CONSTRAINTS";
            case Statement.Analyze ignored -> "ANALYZE";
            case Statement.Vacuum ignored -> "VACUUM";
            case Statement.Copy ignored -> "COPY";
            case Statement.Empty ignored -> "";
            case Statement.Extension extension -> extension.drop() ? "DROP EXTENSION" : "CREATE EXTENSION";
            case Statement.AccessControl access -> access.command().tag();
            case Statement.Routine routine -> routine.command().tag();
            case Statement.TypeDefinition definition -> definition.command().tag();
            case Statement.OperatorDefinition definition -> definition.command().tag();
            case Statement.AggregateDefinition definition -> definition.command().tag();
            case Statement.Trigger trigger -> trigger.command().tag();
            case Statement.Rule rule -> rule.command().tag();
            case Statement.Async async -> async.command().tag();
            case Statement.Select ignored -> "SELECT";
            case Statement.Insert ignored -> "INSERT";
            case Statement.Update ignored -> "UPDATE";
            case Statement.Delete ignored -> "DELETE";
            case Statement.Merge ignored -> "MERGE";
        };
    }

    static Outcome run(QuerySession session, SessionPreparedQuery prepared, Object[] parameters) {
        Statement statement = prepared.statement();
        if (readsData(statement)) {
            session.block.takeFirstSnapshot();
        }
        if (statement instanceof Statement.CreateTable || statement instanceof Statement.CreateTableAs
                || statement instanceof Statement.CreateView || statement instanceof Statement.Drop
                || statement instanceof Statement.Truncate || statement instanceof Statement.AlterTable
                || statement instanceof Statement.CreateIndex || statement instanceof Statement.Reindex
                || statement instanceof Statement.CreateSequence || statement instanceof Statement.AlterSequence
                || statement instanceof Statement.AccessControl || statement instanceof Statement.Comment
                || statement instanceof Statement.Routine || statement instanceof Statement.Trigger
                || statement instanceof Statement.Rule
                || statement instanceof Statement.TypeDefinition
                || statement instanceof Statement.OperatorDefinition
                || statement instanceof Statement.AggregateDefinition) {
            session.block.checkWritable(commandName(statement));
        }
        Outcome outcome = switch (statement) {
            case Statement.Transaction transaction -> transaction(session, transaction);
            case Statement.Extension extension ->
                    Outcome.tag(org.woolly.commands.ExtensionCommands.run(session.commandContext(), extension));
            case Statement.CreateTable create -> Outcome.tag(TableCommands.createTable(session.commandContext(),
                    session.sequenceStorageIfAny(), create));
            case Statement.CreateTableAs create -> createTableAs(session, create);
            case Statement.CreateView create -> Outcome.tag(ViewCommands.createView(session.commandContext(), create,
                    queryColumns(session, create.query())));
            case Statement.CreateIndex create -> {
                if (create.concurrently() && session.block.inTransactionBlock()) {
                    throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                            "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
                }
                yield Outcome.tag(IndexCommands.createIndex(session.commandContext(), create));
            }
            case Statement.Reindex reindex -> Outcome.tag(IndexCommands.reindex(session.commandContext(), reindex));
            case Statement.Comment comment -> Outcome.tag(CommentCommands.comment(session.commandContext(), comment));
            case Statement.CreateSequence create ->
                    Outcome.tag(SequenceCommands.create(session.commandContext(), session.sequenceStorage(), create));
            case Statement.AlterSequence alter ->
                    Outcome.tag(SequenceCommands.alter(session.commandContext(), session.sequenceStorage(), alter));
            case Statement.AccessControl access -> AccessDispatch.run(session, access.command());
            case Statement.Routine routine -> RoutineDispatch.run(session, routine.command());
            case Statement.TypeDefinition definition ->
                    Outcome.tag(TypeCommands.run(session.commandContext(), definition.command()));
            case Statement.OperatorDefinition definition -> Outcome.tag(
                    org.woolly.commands.OperatorCommands.run(session.commandContext(), definition.command()));
            case Statement.AggregateDefinition definition -> Outcome.tag(
                    org.woolly.commands.AggregateCommands.run(session.commandContext(), definition.command()));
            case Statement.Async async -> async(session, async.command());
            case Statement.Trigger trigger ->
                    Outcome.tag(org.woolly.commands.TriggerCommands.run(session.commandContext(), trigger.command()));
            case Statement.Rule rule ->
                    Outcome.tag(org.woolly.commands.RuleCommands.run(session.commandContext(), rule.command()));
            case Statement.Drop drop when drop.kind() == Statement.ObjectKind.TYPE
                    || drop.kind() == Statement.ObjectKind.DOMAIN ->
                    Outcome.tag(TypeCommands.drop(session.commandContext(), drop));
            case Statement.Drop drop when drop.kind() == Statement.ObjectKind.SCHEMA
                    || drop.kind() == Statement.ObjectKind.ROLE -> AccessDispatch.drop(session, drop);
            case Statement.Drop drop when drop.kind() == Statement.ObjectKind.VIEW -> {
                session.checkNotInUse(drop.names(), "DROP VIEW");
                yield Outcome.tag(ViewCommands.drop(session.commandContext(), drop));
            }
            case Statement.Drop drop when drop.kind() == Statement.ObjectKind.SEQUENCE ->
                    Outcome.tag(SequenceCommands.drop(session.commandContext(), drop));
            case Statement.Drop drop -> {
                if (drop.kind() == Statement.ObjectKind.TABLE) {
                    session.checkNotInUse(drop.names(), "DROP TABLE");
                }
                yield Outcome.tag(TableCommands.drop(session.commandContext(), drop));
            }
            case Statement.LockTable lock -> {
                if (!session.block.inTransactionBlock()) {
                    throw SqlException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks");
                }
                TableCommands.lockTables(session.commandContext(), lock);
                yield Outcome.tag("LOCK TABLE");
            }
            case Statement.Truncate truncate -> {
                session.checkNotInUse(truncate.names(), "TRUNCATE");
                List<RelationInfo> truncated = TableCommands.truncate(session.commandContext(), truncate);
                if (truncate.restartIdentity()) {
                    SequenceCommands.restartOwnedSequences(session.commandContext(), session.sequenceStorage(),
                            truncated);
                }
                yield Outcome.tag("TRUNCATE TABLE");
            }
            case Statement.AlterTable alter -> {
                session.checkNotInUse(List.of(alter.name()), "ALTER TABLE");
                yield Outcome.tag(AlterTableCommands.alter(session.commandContext(), alter,
                        () -> session.newExecutorContext(new Object[0]), session.sequenceStorageIfAny()));
            }
            case Statement.VariableSet set -> {
                session.block.ensure();
                yield Outcome.tag(isTransactionModes(set) ? setTransactionModes(session, set)
                        : RoleSwitch.handles(set.name()) ? RoleSwitch.set(session, set)
                        : VariableCommands.set(session.commandContext(), set));
            }
            case Statement.VariableReset reset -> Outcome.tag(RoleSwitch.handles(reset.name())
                    ? RoleSwitch.reset(session, reset) : VariableCommands.reset(session.commandContext(), reset));
            case Statement.VariableShow show -> new Outcome(VariableCommands.show(session.settings, show.name()), "SHOW");
            case Statement.Explain explain -> explain(session, prepared, explain, parameters);
            case Statement.Prepare prepare -> prepare(session, prepare);
            case Statement.Execute execute -> execute(session, execute);
            case Statement.Deallocate deallocate -> {
                if (deallocate.name() == null) {
                    session.preparedStatements.clear();
                    yield Outcome.tag("DEALLOCATE ALL");
                }
                if (session.preparedStatements.remove(deallocate.name()) == null) {
                    throw SqlException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"%s\" does not exist",
                            deallocate.name());
                }
                yield Outcome.tag("DEALLOCATE");
            }
            case Statement.Discard discard -> discard(session, discard);
            case Statement.Checkpoint ignored -> checkpoint(session);
            case Statement.DeclareCursor declare -> declareCursor(session, declare);
            case Statement.Fetch fetch -> {
                SqlCursor cursor = cursor(session, fetch.cursor());
                List<Object[]> rows = new ArrayList<>();
                long count = cursor.fetch(fetch.direction(), fetch.count(), fetch.move() ? null : rows::add);
                yield new Outcome(rows, (fetch.move() ? "MOVE " : "FETCH ") + count);
            }
            case Statement.CloseCursor close -> {
                if (close.name() == null) {
                    session.closeCursors(true);
                    yield Outcome.tag("CLOSE CURSOR ALL");
                }
                cursor(session, close.name()).close();
                session.cursors.remove(close.name());
                yield Outcome.tag("CLOSE CURSOR");
            }
            case Statement.SetConstraints set -> {
                if (!session.block.inTransactionBlock()) {
                    warning(session, SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "SET CONSTRAINTS can only be used in transaction blocks");
                }
                DeferredConstraintModes.set(session, set);
                yield Outcome.tag("SET CONSTRAINTS");
            }
            case Statement.Analyze analyze -> Outcome.tag(AnalyzeCommand.analyze(session.commandContext(),
                    HeapAccess.of(session.storage), analyze));
            case Statement.Vacuum vacuum -> {
                if (session.block.inTransactionBlock()) {
                    throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
                }
                yield Outcome.tag(VacuumCommand.vacuum(session.commandContext(), vacuum));
            }
            case Statement.Empty ignored -> Outcome.tag("");
            case Statement.Copy ignored -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY needs a client that speaks the COPY sub-protocol");
            case Statement.Select ignored -> throw new IllegalStateException("optimizable statements run as queries");
            case Statement.Insert ignored -> throw new IllegalStateException("optimizable statements run as queries");
            case Statement.Update ignored -> throw new IllegalStateException("optimizable statements run as queries");
            case Statement.Delete ignored -> throw new IllegalStateException("optimizable statements run as queries");
            case Statement.Merge ignored -> throw new IllegalStateException("optimizable statements run as queries");
        };
        if (!(statement instanceof Statement.Transaction)) {
            session.statementDone();
        }
        return outcome;
    }

    /**
     * Whether the statement reads data, so takes a snapshot (PostgreSQL's
     * {@code PlannedStmtRequiresSnapshot}): all but transaction control, SET/SHOW/RESET and
     * CHECKPOINT (and LISTEN, UNLISTEN, NOTIFY). After the first, the isolation level can no longer change.
     */
    private static boolean readsData(Statement statement) {
        return !(statement instanceof Statement.Transaction || statement instanceof Statement.VariableSet
                || statement instanceof Statement.VariableShow || statement instanceof Statement.VariableReset
                || statement instanceof Statement.Checkpoint || statement instanceof Statement.Empty
                || statement instanceof Statement.Async);
    }

    /**
     * LISTEN, UNLISTEN and NOTIFY ({@code standard_ProcessUtility}'s calls of {@code Async_Listen},
     * {@code Async_Unlisten[All]}, {@code Async_Notify}): recorded in the transaction, done at commit.
     */
    private static Outcome async(QuerySession session, AsyncCommand command) {
        session.block.ensure();
        switch (command) {
            case AsyncCommand.Listen listen -> session.notifications.listen(listen.channel());
            case AsyncCommand.Unlisten unlisten -> session.notifications.unlisten(unlisten.channel());
            case AsyncCommand.Notify notify -> session.notifications.notify(notify.channel(), notify.payload());
        }
        return Outcome.tag(command.tag());
    }

    private static boolean isTransactionModes(Statement.VariableSet set) {
        return set.name().equals(Statement.VariableSet.SET_TRANSACTION)
                || set.name().equals(Statement.VariableSet.SESSION_CHARACTERISTICS);
    }

    /** SET TRANSACTION modes (this transaction) and SET SESSION CHARACTERISTICS AS TRANSACTION (the defaults). */
    private static String setTransactionModes(QuerySession session, Statement.VariableSet set) {
        List<String> phrases = set.values().stream().map(SetValue::text).toList();
        List<TransactionModes.Mode> modes = TransactionModes.of(phrases);
        boolean sessionDefaults = set.name().equals(Statement.VariableSet.SESSION_CHARACTERISTICS);
        if (!sessionDefaults && !session.block.inTransactionBlock()) {
            warning(session, SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks");
        }
        TransactionModes.apply(session.settings, modes, sessionDefaults);
        return "SET";
    }

    private static Outcome transaction(QuerySession session, Statement.Transaction transaction) {
        TransactionBlock block = session.block;
        switch (transaction.kind()) {
            case BEGIN, START -> {
                List<TransactionModes.Mode> modes = TransactionModes.of(transaction.modes());
                TransactionModes.validate(modes);
                if (block.state() == TransactionBlock.State.IN_BLOCK) {
                    warning(session, SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
                } else {
                    block.begin();
                }
                // as PostgreSQL, also inside a block already begun: too late once it has read data (25001)
                TransactionModes.apply(session.settings, modes, false);
                return Outcome.tag(commandName(transaction));
            }
            case COMMIT, ROLLBACK -> {
                boolean inBlock = block.state() == TransactionBlock.State.IN_BLOCK
                        || block.state() == TransactionBlock.State.FAILED;
                String tag = transaction.kind() == Statement.TransactionKind.COMMIT
                        && block.state() != TransactionBlock.State.FAILED ? "COMMIT" : "ROLLBACK";
                List<TransactionModes.Mode> chained = null;
                if (transaction.chain()) {
                    if (!inBlock) {
                        throw SqlException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                                "%s AND CHAIN can only be used in transaction blocks", commandName(transaction));
                    }
                    chained = block.characteristics();
                } else if (!inBlock) {
                    warning(session, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
                }
                if (tag.equals("COMMIT")) {
                    block.commit();
                } else {
                    block.rollback();
                }
                if (chained != null) {
                    // AND CHAIN: a new block with the same isolation level, read-only and deferrable modes
                    block.begin();
                    TransactionModes.apply(session.settings, chained, false);
                }
                return Outcome.tag(tag);
            }
            case SAVEPOINT -> {
                block.savepoint(transaction.savepointName());
                return Outcome.tag(commandName(transaction));
            }
            case RELEASE -> {
                block.releaseSavepoint(transaction.savepointName());
                return Outcome.tag(commandName(transaction));
            }
            case ROLLBACK_TO -> {
                block.rollbackToSavepoint(transaction.savepointName());
                return Outcome.tag(commandName(transaction));
            }
            case PREPARE -> {
                return prepareTransaction(session, transaction.savepointName());
            }
            default -> { // COMMIT PREPARED, ROLLBACK PREPARED
                if (block.inTransactionBlock() || block.state() == TransactionBlock.State.FAILED) {
                    throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION, "%s cannot run inside a transaction block",
                            commandName(transaction));
                }
                TwoPhaseCommands.finishPrepared(session, transaction.savepointName(),
                        transaction.kind() == Statement.TransactionKind.COMMIT_PREPARED);
                return Outcome.tag(commandName(transaction));
            }
        }
    }

    /**
     * PREPARE TRANSACTION ({@code PrepareTransactionBlock}): outside a block a warning and
     * ROLLBACK, in a failed block ROLLBACK; in a block the transaction is prepared
     * ({@link TwoPhaseCommands#prepare}).
     */
    private static Outcome prepareTransaction(QuerySession session, String gid) {
        TransactionBlock block = session.block;
        if (block.state() == TransactionBlock.State.FAILED) {
            block.rollback();
            return Outcome.tag("ROLLBACK");
        }
        if (block.state() != TransactionBlock.State.IN_BLOCK) {
            warning(session, SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
            block.rollback();
            return Outcome.tag("ROLLBACK");
        }
        TwoPhaseCommands.prepare(session, gid);
        return Outcome.tag("PREPARE TRANSACTION");
    }

    private static void warning(QuerySession session, SqlState state, String message) {
        session.notices.notice(new SqlException(Severity.WARNING, state, message, null, null, 0, null));
    }

    private static Outcome explain(QuerySession session, SessionPreparedQuery prepared, Statement.Explain explain,
                                   Object[] parameters) {
        boolean analyze = false;
        boolean costs = true;
        Boolean summary = null;
        boolean timing = true;
        boolean buffers = false;
        boolean wal = false;
        boolean verbose = false;
        for (DefElem option : explain.options() == null ? List.<DefElem>of() : explain.options()) {
            boolean value = option.value() == null || !List.of("false", "off", "0").contains(option.value().toLowerCase(Locale.ROOT));
            switch (option.name().toLowerCase(Locale.ROOT)) {
                case "analyze" -> analyze = value;
                case "costs" -> costs = value;
                case "summary" -> summary = value;
                case "timing" -> timing = value;
                case "buffers" -> buffers = value;
                case "wal" -> wal = value;
                case "verbose" -> verbose = value;
                case "settings" -> { }
                case "format" -> {
                    if (!"text".equalsIgnoreCase(option.value())) {
                        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN format %s is not supported yet",
                                option.value());
                    }
                }
                default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"%s\"", option.name())
                        .withPosition(option.location() + 1);
            }
        }
        if (wal && !analyze) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option WAL requires ANALYZE");
        }
        ExplainCommand.Verbose verbosity = verbose ? new ExplainCommand.Verbose(oid -> session.catalog
                .relationByOid(session.block.ensure(), oid).namespaceName(), oid -> functionSchema(session, oid)) : null;
        if (explain.statement() instanceof Statement.CreateTableAs create) {
            return explainCreateTableAs(session, create, analyze, costs, summary, timing, buffers, wal, verbosity);
        }
        if (explain.statement() instanceof Statement.Execute execute) {
            SessionPreparedQuery target = preparedStatement(session, execute);
            Object[] values = parameterValues(session, execute, target);
            if (target.query() == null) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of %s is not supported yet",
                        target.commandName());
            }
            return explainPlanned(session, target, analyze, costs, summary, timing, buffers, wal, verbosity,
                    values, false);
        }
        if (prepared.rules() != null) {
            if (analyze) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "EXPLAIN ANALYZE of a statement rewritten by rules is not supported yet");
            }
            List<Object[]> rows = new ArrayList<>();
            for (String line : RuleProducts.explain(session, prepared, costs)) {
                rows.add(new Object[] {line});
            }
            return new Outcome(rows, "EXPLAIN");
        }
        return explainPlanned(session, prepared, analyze, costs, summary, timing, buffers, wal, verbosity, parameters,
                false);
    }

    /** The schema of a function: a built-in's is pg_catalog, a user-defined one's from its pg_proc row. */
    private static String functionSchema(QuerySession session, int oid) {
        var transaction = session.block.ensure();
        return session.catalog.functionByOid(transaction, oid)
                .flatMap(function -> session.catalog.namespaceByOid(transaction, function.namespaceOid()))
                .map(namespace -> namespace.name()).orElse("pg_catalog");
    }

    /** EXPLAIN [ANALYZE] of a planned statement; with {@code fillsTable} the plan is an INSERT that CREATE TABLE AS runs. */
    private static Outcome explainPlanned(QuerySession session, SessionPreparedQuery prepared, boolean analyze,
                                          boolean costs, Boolean summary, boolean timing, boolean buffers, boolean wal,
                                          ExplainCommand.Verbose verbose, Object[] parameters, boolean fillsTable) {
        session.lockAndRevalidate(prepared);
        if (analyze) {
            session.checkWritable(prepared);
        }
        ExecutorContext context = analyze ? session.newExecutorContext(parameters) : null;
        // As explain.c: the summary (Planning/Execution Time) is on by default with ANALYZE only.
        boolean withSummary = summary == null ? analyze : summary;
        List<String> lines = ExplainCommand.explain(prepared.plan(), session.types, context, costs,
                withSummary ? prepared.planningNanos() : -1, timing, buffers, wal, prepared.planningUsage(), verbose,
                fillsTable);
        return explainOutcome(lines);
    }

    private static Outcome explainOutcome(List<String> lines) {
        List<Object[]> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(new Object[] {line});
        }
        return new Outcome(rows, "EXPLAIN");
    }

    /**
     * EXPLAIN [ANALYZE] CREATE TABLE AS / SELECT INTO ({@code ExplainOneUtility}): an existing
     * table is an error, or with IF NOT EXISTS a notice and no plan; the query's plan is shown.
     * Only ANALYZE creates the table and, WITH DATA, fills it while the plan runs; WITH NO DATA
     * the plan is not run and its nodes show as never executed.
     */
    private static Outcome explainCreateTableAs(QuerySession session, Statement.CreateTableAs create, boolean analyze,
                                                boolean costs, Boolean summary, boolean timing, boolean buffers,
                                                boolean wal, ExplainCommand.Verbose verbose) {
        if (TableCommands.createTableAsExists(session.commandContext(), create)) {
            return explainOutcome(List.of());
        }
        SessionPreparedQuery query;
        Object[] values = new Object[0];
        org.woolly.nodes.parse.SelectStmt select;
        if (create.execute() != null) {
            query = preparedStatement(session, create.execute());
            if (!(query.statement() instanceof Statement.Select prepared)) {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "prepared statement is not a SELECT");
            }
            select = prepared.query();
            values = parameterValues(session, create.execute(), query);
        } else {
            select = create.query();
            query = session.prepareStatement(new Statement.Select(select), "", new int[0]);
        }
        if (!analyze) {
            return explainPlanned(session, query, false, costs, summary, timing, buffers, wal, verbose, values, false);
        }
        RelationInfo table = TableCommands.createTableAs(session.commandContext(), create,
                columnSpecs(query.resultColumns()));
        if (!create.withData()) {
            session.lockAndRevalidate(query);
            boolean withSummary = summary == null || summary;
            return explainOutcome(ExplainCommand.explainNotExecuted(query.plan(), session.types, costs,
                    withSummary ? query.planningNanos() : -1, verbose));
        }
        Statement.Insert insert = new Statement.Insert(
                new QualifiedName(table.namespaceName(), table.name(), create.location()), null, null, null,
                select, false, null, create.location(), null);
        SessionPreparedQuery filling = session.prepareStatement(insert, "", query.parameterTypes());
        return explainPlanned(session, filling, true, costs, summary, timing, buffers, wal, verbose, values, true);
    }

    /** The columns a query's result has, an unknown-typed literal's as text ({@code resolveTargetListUnknowns}). */
    private static List<ColumnSpec> queryColumns(QuerySession session, org.woolly.nodes.parse.SelectStmt select) {
        SessionPreparedQuery query = session.prepareStatement(new Statement.Select(select), "", new int[0]);
        return columnSpecs(query.resultColumns());
    }

    /** The columns of a table made from a query's result columns, an unknown-typed one as text. */
    private static List<ColumnSpec> columnSpecs(List<ResultColumn> resultColumns) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (ResultColumn column : resultColumns) {
            int type = column.typeOid() == TypeOids.UNKNOWN ? TypeOids.TEXT : column.typeOid();
            columns.add(new ColumnSpec(column.name(), type, column.typeModifier(), false, null));
        }
        return columns;
    }

    /**
     * CREATE TABLE AS and SELECT INTO ({@code ExecCreateTableAs}): the query is analyzed for its
     * result columns, the table made from them, and the rows inserted as INSERT INTO ... query
     * would in the same transaction; the tag counts them as SELECT n.
     */
    private static Outcome createTableAs(QuerySession session, Statement.CreateTableAs create) {
        if (create.execute() != null) {
            return createTableAsExecute(session, create);
        }
        List<ColumnSpec> columns = queryColumns(session, create.query());
        RelationInfo table = TableCommands.createTableAs(session.commandContext(), create, columns);
        if (table == null || !create.withData()) {
            return Outcome.tag(create.selectInto() ? "SELECT 0" : "CREATE TABLE AS");
        }
        Statement.Insert insert = new Statement.Insert(
                new QualifiedName(table.namespaceName(), table.name(), create.location()), null, null, null,
                create.query(), false, null, create.location(), null);
        SessionPreparedQuery filling = session.prepareStatement(insert, "", new int[0]);
        try (Portal portal = session.bind(filling, new Object[0])) {
            String tag = portal.run(0, row -> { });
            return Outcome.tag("SELECT " + tag.substring(tag.lastIndexOf(' ') + 1));
        }
    }

    /**
     * DECLARE ({@code PerformCursorOpen}): the query planned and bound to a portal that FETCH
     * reads; outside a transaction block only WITH HOLD is allowed (25P01), as PostgreSQL.
     */
    private static Outcome declareCursor(QuerySession session, Statement.DeclareCursor declare) {
        if (!declare.hold() && !session.block.inTransactionBlock()) {
            throw SqlException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (declare.binary()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "BINARY cursors are not supported yet");
        }
        if (session.cursors.containsKey(declare.name())) {
            throw SqlException.of(SqlState.DUPLICATE_CURSOR, "cursor \"%s\" already exists", declare.name());
        }
        SessionPreparedQuery query;
        session.planningCursor = true;
        try {
            query = session.prepareStatement(new Statement.Select(declare.query()), "", new int[0]);
        } finally {
            session.planningCursor = false;
        }
        SessionPortal portal = (SessionPortal) session.bind(query, new Object[0]);
        boolean scroll = declare.scroll() == null || declare.scroll();
        session.cursors.put(declare.name(), new SqlCursor(declare.name(), query, portal, scroll, declare.hold()));
        return Outcome.tag("DECLARE CURSOR");
    }

    private static SqlCursor cursor(QuerySession session, String name) {
        SqlCursor cursor = session.cursors.get(name);
        if (cursor == null) {
            throw SqlException.of(SqlState.INVALID_CURSOR_NAME, "cursor \"%s\" does not exist", name);
        }
        return cursor;
    }

    private static Outcome prepare(QuerySession session, Statement.Prepare prepare) {
        if (session.preparedStatements.containsKey(prepare.name())) {
            throw SqlException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    prepare.name());
        }
        int[] types = session.declaredTypes(prepare.argTypes());
        SessionPreparedQuery prepared = session.prepareStatement(prepare.statement(), "", types);
        session.preparedStatements.put(prepare.name(), prepared);
        return Outcome.tag("PREPARE");
    }

    /**
     * {@code CREATE TABLE name AS EXECUTE prepared [(args)]} ({@code ExecCreateTableAs} over
     * {@code ExecuteQuery}): the table gets the prepared SELECT's result columns, and its rows are
     * inserted by an INSERT of the prepared query, bound to the same parameter values.
     */
    private static Outcome createTableAsExecute(QuerySession session, Statement.CreateTableAs create) {
        SessionPreparedQuery target = preparedStatement(session, create.execute());
        if (!(target.statement() instanceof Statement.Select select)) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "prepared statement is not a SELECT");
        }
        Object[] values = parameterValues(session, create.execute(), target);
        RelationInfo table = TableCommands.createTableAs(session.commandContext(), create,
                columnSpecs(target.resultColumns()));
        if (table == null) {
            return Outcome.tag("CREATE TABLE AS");
        }
        if (!create.withData()) {
            return Outcome.tag("SELECT 0"); // the prepared query ran with a row limit of 0, as ExecuteQuery does
        }
        Statement.Insert insert = new Statement.Insert(
                new QualifiedName(table.namespaceName(), table.name(), create.location()), null, null, null,
                select.query(), false, null, create.location(), null);
        SessionPreparedQuery filling = session.prepareStatement(insert, "", target.parameterTypes());
        try (Portal portal = session.bind(filling, values)) {
            String tag = portal.run(0, row -> { });
            return Outcome.tag("SELECT " + tag.substring(tag.lastIndexOf(' ') + 1));
        }
    }

    private static SessionPreparedQuery preparedStatement(QuerySession session, Statement.Execute execute) {
        SessionPreparedQuery target = session.preparedStatements.get(execute.name());
        if (target == null) {
            throw SqlException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"%s\" does not exist",
                    execute.name());
        }
        return target;
    }

    private static Outcome execute(QuerySession session, Statement.Execute execute) {
        SessionPreparedQuery target = preparedStatement(session, execute);
        Object[] values = parameterValues(session, execute, target);
        List<Object[]> rows = new ArrayList<>();
        try (Portal portal = session.bind(target, values)) {
            String tag = portal.run(0, row -> rows.add(row.clone()));
            return new Outcome(rows, tag);
        }
    }

    /** EXECUTE's arguments evaluated as the prepared statement's parameter types ({@code EvaluateParams}). */
    private static Object[] parameterValues(QuerySession session, Statement.Execute execute,
                                            SessionPreparedQuery target) {
        int[] types = target.parameterTypes();
        int given = execute.args() == null ? 0 : execute.args().size();
        if (given != types.length) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"%s\"",
                    execute.name()).withDetail("Expected %d parameters but got %d.".formatted(types.length, given));
        }
        Object[] values = new Object[given];
        ExecutorContext context = session.newExecutorContext(new Object[0]);
        ExpressionCompiler compiler = new ExpressionCompiler(context);
        for (int i = 0; i < given; i++) {
            var expr = session.analyzer.analyzeValue(execute.args().get(i), types[i], session.block.ensure(),
                    session.settings.formatSettings());
            values[i] = compiler.compile(expr).evaluate(null);
        }
        return values;
    }

    /**
     * {@code CHECKPOINT} ({@code RequestCheckpoint} with CHECKPOINT_IMMEDIATE | CHECKPOINT_WAIT):
     * superuser only, as in PostgreSQL 15; runs outside any transaction's state, so it is
     * allowed inside a transaction block.
     */
    private static Outcome checkpoint(QuerySession session) {
        if (!session.currentRole().superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to do CHECKPOINT");
        }
        org.woolly.pgstat.CheckpointReport.run(session.storage::checkpoint, true,
                "immediate force wait", session.settings.getBoolean("log_checkpoints"),
                session.statistics == null ? null : session.statistics.backgroundWriter());
        return Outcome.tag("CHECKPOINT");
    }

    private static Outcome discard(QuerySession session, Statement.Discard discard) {
        String target = discard.target().toUpperCase(Locale.ROOT);
        if (target.equals("ALL") && session.block.inTransactionBlock()) {
            throw SqlException.of(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
        }
        switch (target) {
            case "ALL" -> {
                session.closeCursors(true);
                session.sequences().discard();
                session.preparedStatements.clear();
                session.discardGeneration++;
                session.settings.reset("all");
                discardTemporary(session);
                // Async_UnlistenAll, at the commit of the statement's transaction
                session.block.ensure();
                session.notifications.unlisten(null);
            }
            case "PLANS" -> session.discardGeneration++;
            case "SEQUENCES" -> session.sequences().discard();
            case "TEMP", "TEMPORARY" -> discardTemporary(session);
            default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "unrecognized DISCARD target %s", discard.target());
        }
        return Outcome.tag("DISCARD " + target);
    }

    /** DISCARD TEMP: drops the session's temporary relations ({@code ResetTempTableNamespace}). */
    private static void discardTemporary(QuerySession session) {
        if (session.catalog instanceof org.woolly.catalog.DatabaseCatalog databaseCatalog) {
            databaseCatalog.dropTemporaryRelations(session.block.ensure());
        }
    }
}
