package org.woolly.nodes.parse;

import java.util.List;

/** A raw statement. {@link RawStatement} wraps one with its place in the query string. */
public sealed interface Statement {

    /** {@code SELECT}, {@code VALUES}, and set operations (a {@link SelectStmt} tree). */
    record Select(SelectStmt query) implements Statement {}

    /**
     * {@code INSERT INTO t [(cols)] {VALUES ... | SELECT ... | DEFAULT VALUES} [ON CONFLICT ...]
     * [RETURNING ...]}; {@code onConflict} is null without ON CONFLICT.
     */
    record Insert(QualifiedName table, String alias, List<String> columns, List<Integer> columnLocations,
                  SelectStmt source, boolean defaultValues, List<ResTarget> returning, int location,
                  Overriding overriding, OnConflictClause onConflict, List<Expr> columnTargets)
            implements Statement {

        /**
         * Without element assignments; {@code columnTargets} otherwise holds, per listed column, its
         * indirection ({@code a[1]}, {@code c.f}, {@code a[1].f[2:3]}) as an {@link Expr.Subscript} /
         * {@link Expr.FieldSelect} chain over its column reference, or null for the whole column.
         */
        public Insert(QualifiedName table, String alias, List<String> columns, List<Integer> columnLocations,
                      SelectStmt source, boolean defaultValues, List<ResTarget> returning, int location,
                      Overriding overriding, OnConflictClause onConflict) {
            this(table, alias, columns, columnLocations, source, defaultValues, returning, location, overriding,
                    onConflict, null);
        }

        public Insert(QualifiedName table, String alias, List<String> columns, List<Integer> columnLocations,
                      SelectStmt source, boolean defaultValues, List<ResTarget> returning, int location,
                      Overriding overriding) {
            this(table, alias, columns, columnLocations, source, defaultValues, returning, location, overriding, null);
        }

        public Insert(QualifiedName table, String alias, List<String> columns, List<Integer> columnLocations,
                      SelectStmt source, boolean defaultValues, List<ResTarget> returning, int location) {
            this(table, alias, columns, columnLocations, source, defaultValues, returning, location, Overriding.NONE);
        }
    }

    /** INSERT's {@code OVERRIDING {SYSTEM | USER} VALUE} for identity columns. */
    enum Overriding { NONE, SYSTEM_VALUE, USER_VALUE }

    /** {@code UPDATE [ONLY] t [alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...]}. */
    record Update(QualifiedName table, String alias, List<SetClause> assignments, List<FromItem> from,
                  Expr where, List<ResTarget> returning, int location, boolean only) implements Statement {
        /** Without ONLY. */
        public Update(QualifiedName table, String alias, List<SetClause> assignments, List<FromItem> from,
                      Expr where, List<ResTarget> returning, int location) {
            this(table, alias, assignments, from, where, returning, location, false);
        }
    }

    /** {@code DELETE FROM [ONLY] t [alias] [USING ...] [WHERE ...] [RETURNING ...]}. */
    record Delete(QualifiedName table, String alias, List<FromItem> using, Expr where,
                  List<ResTarget> returning, int location, boolean only) implements Statement {
        /** Without ONLY. */
        public Delete(QualifiedName table, String alias, List<FromItem> using, Expr where,
                      List<ResTarget> returning, int location) {
            this(table, alias, using, where, returning, location, false);
        }
    }

    /**
     * {@code [WITH ...] MERGE INTO [ONLY] target [[AS] alias] USING source ON condition WHEN ...}
     * ({@code MergeStmt}): the WHEN clauses in written order.
     */
    record Merge(QualifiedName table, String alias, FromItem source, Expr condition, List<MergeWhen> whens,
                 int location, boolean only, List<CommonTableExpr> with) implements Statement {
        /** Without WITH. */
        public Merge(QualifiedName table, String alias, FromItem source, Expr condition, List<MergeWhen> whens,
                     int location, boolean only) {
            this(table, alias, source, condition, whens, location, only, List.of());
        }

        /** This MERGE after {@code WITH ctes}. */
        public Merge withCtes(List<CommonTableExpr> ctes) {
            return new Merge(table, alias, source, condition, whens, location, only, List.copyOf(ctes));
        }
    }

    /**
     * {@code CREATE [TEMP] TABLE [IF NOT EXISTS] name (elements) [INHERITS (parents)] [PARTITION BY ...]
     * [WITH (options)]}; {@code inherits} is empty without INHERITS. {@code CREATE TABLE name PARTITION OF
     * parent FOR VALUES ...} has the parent as its only {@code inherits} entry and its bound in
     * {@code partitionOf}; {@code partitionBy} is null for a table that is not partitioned.
     */
    record CreateTable(QualifiedName name, List<ColumnDef> columns, List<TableConstraint> constraints,
                       boolean ifNotExists, boolean temporary, List<DefElem> options, int location,
                       List<QualifiedName> inherits, PartitionSpec partitionBy, PartitionBoundSpec partitionOf)
            implements Statement {
        /** A table without parents. */
        public CreateTable(QualifiedName name, List<ColumnDef> columns, List<TableConstraint> constraints,
                           boolean ifNotExists, boolean temporary, List<DefElem> options, int location) {
            this(name, columns, constraints, ifNotExists, temporary, options, location, List.of());
        }

        /** A table that is neither partitioned nor a partition. */
        public CreateTable(QualifiedName name, List<ColumnDef> columns, List<TableConstraint> constraints,
                           boolean ifNotExists, boolean temporary, List<DefElem> options, int location,
                           List<QualifiedName> inherits) {
            this(name, columns, constraints, ifNotExists, temporary, options, location, inherits, null, null);
        }
    }

    /**
     * {@code CREATE [TEMP] TABLE [IF NOT EXISTS] name [(columns)] [WITH (options)] AS query
     * [WITH [NO] DATA]} and {@code SELECT ... INTO [TEMP] [TABLE] name ...} ({@code CreateTableAsStmt}
     * with its {@code IntoClause}); {@code columnNames} is empty when not written, {@code selectInto}
     * tells the two forms apart (they differ only in their command tag with no data).
     * {@code CREATE TABLE name AS EXECUTE prepared [(args)]} has {@code execute} in place of
     * {@code query}.
     */
    record CreateTableAs(QualifiedName name, List<String> columnNames, SelectStmt query, boolean ifNotExists,
                         boolean temporary, List<DefElem> options, boolean withData, boolean selectInto, int location,
                         Execute execute)
            implements Statement {
        public CreateTableAs(QualifiedName name, List<String> columnNames, SelectStmt query, boolean ifNotExists,
                             boolean temporary, List<DefElem> options, boolean withData, boolean selectInto,
                             int location) {
            this(name, columnNames, query, ifNotExists, temporary, options, withData, selectInto, location, null);
        }
    }

    /**
     * {@code CREATE [OR REPLACE] VIEW name [(columns)] AS query [WITH [CASCADED | LOCAL] CHECK OPTION]}
     * ({@code ViewStmt}); {@code columnNames} is empty when not written, {@code checkOption} is
     * null, "cascaded" or "local".
     */
    record CreateView(QualifiedName name, List<String> columnNames, SelectStmt query, boolean replace,
                      String checkOption, int location, boolean temporary) implements Statement {
        /** A view that is not explicitly TEMPORARY. */
        public CreateView(QualifiedName name, List<String> columnNames, SelectStmt query, boolean replace,
                          String checkOption, int location) {
            this(name, columnNames, query, replace, checkOption, location, false);
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON table [USING method]
     * (elements) [INCLUDE (columns)] [NULLS [NOT] DISTINCT] [WITH (storage parameters)] [WHERE predicate]};
     * {@code name} and {@code method} are null when not written.
     */
    record CreateIndex(String name, QualifiedName table, boolean unique, boolean concurrently, boolean ifNotExists,
                       String method, List<IndexElement> keys, List<IndexElement> include, boolean nullsNotDistinct,
                       Expr where, List<DefElem> options, int location, boolean only) implements Statement {

        /** An index on the table and, for a partitioned table, on its partitions (no ONLY). */
        public CreateIndex(String name, QualifiedName table, boolean unique, boolean concurrently, boolean ifNotExists,
                           String method, List<IndexElement> keys, List<IndexElement> include,
                           boolean nullsNotDistinct, Expr where, List<DefElem> options, int location) {
            this(name, table, unique, concurrently, ifNotExists, method, keys, include, nullsNotDistinct, where,
                    options, location, false);
        }
    }

    /**
     * One column of an index: a column name, or an expression ({@code column} null);
     * {@code nullsFirst} null when not written (then it follows DESC, as in PostgreSQL);
     * {@code opclass} the operator class written after it (null: the type's default),
     * {@code opclassOptions} whether {@code (name = value, ...)} followed the class.
     */
    record IndexElement(String column, Expr expression, boolean descending, Boolean nullsFirst, int location,
                        QualifiedName opclass, boolean opclassOptions) {
        public IndexElement(String column, Expr expression, boolean descending, Boolean nullsFirst, int location) {
            this(column, expression, descending, nullsFirst, location, null, false);
        }
    }

    /**
     * {@code COMMENT ON objectType name IS 'text' | NULL}; {@code objectType} lower case as written
     * ({@code table}, {@code column}, ...), {@code names} the dotted name, {@code text} null to remove.
     */
    record Comment(String objectType, List<String> names, String text, int location) implements Statement {}

    /** {@code REINDEX {INDEX|TABLE} [CONCURRENTLY] name}. */
    record Reindex(ObjectKind kind, QualifiedName name, int location) implements Statement {}

    /**
     * {@code CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options]}. Options are {@link DefElem}s
     * named as in PostgreSQL's {@code SeqOptElem} ({@code as}, {@code increment}, {@code minvalue},
     * {@code maxvalue}, {@code start}, {@code restart}, {@code cache}, {@code cycle},
     * {@code owned_by}, {@code sequence_name}); a null value is {@code NO MINVALUE},
     * {@code NO MAXVALUE} or a bare {@code RESTART}; names are joined with NUL characters.
     */
    record CreateSequence(QualifiedName name, List<DefElem> options, boolean ifNotExists, boolean temporary,
                          int location) implements Statement {}

    /** {@code ALTER SEQUENCE [IF EXISTS] name options} or {@code ... RENAME TO newName}. */
    record AlterSequence(QualifiedName name, List<DefElem> options, String newName, boolean ifExists, int location)
            implements Statement {}

    /** {@code DROP {TABLE|...} [IF EXISTS] name, ... [CASCADE|RESTRICT]}. */
    record Drop(ObjectKind kind, List<QualifiedName> names, boolean ifExists, boolean cascade, int location)
            implements Statement {}

    /**
     * {@code ALTER {TABLE | INDEX} [IF EXISTS] [ONLY] name action [, ...]}: {@code kind} is
     * {@link ObjectKind#TABLE} or {@link ObjectKind#INDEX}; a rename, SET SCHEMA stands alone.
     */
    record AlterTable(ObjectKind kind, QualifiedName name, boolean ifExists, boolean only,
                      List<AlterTableAction> actions, int location) implements Statement {}

    /** {@code LOCK [TABLE] [ONLY] name [*], ... [IN mode MODE] [NOWAIT]}; {@code mode} as "SHARE ROW EXCLUSIVE". */
    record LockTable(List<QualifiedName> names, String mode, boolean nowait, int location) implements Statement {}

    /**
     * {@code TRUNCATE [TABLE] [ONLY] name [*], ...}: {@code only} holds the positions in
     * {@code names} written with ONLY (their inheritance children and partitions left out).
     */
    record Truncate(List<QualifiedName> names, java.util.BitSet only, boolean restartIdentity, boolean cascade,
                    int location) implements Statement {}

    /** BEGIN, START TRANSACTION, COMMIT/END, ROLLBACK/ABORT, SAVEPOINT..., with their options. */
    record Transaction(TransactionKind kind, List<String> modes, String savepointName, boolean chain,
                       int location) implements Statement {}

    /**
     * {@code SET [SESSION|LOCAL] name {TO|=} value[, ...] | DEFAULT}, {@code SET TIME ZONE ...}.
     * {@code values} is empty for DEFAULT; each value is a literal or identifier as written.
     * {@code SET TRANSACTION modes} and {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}
     * have the upper-case names below and one value per mode, as lower-case phrases
     * ({@code "isolation level repeatable read"}, {@code "read only"}, {@code "not deferrable"}).
     */
    record VariableSet(String name, List<SetValue> values, boolean local, boolean toDefault, int location)
            implements Statement {
        public static final String SET_TRANSACTION = "TRANSACTION";
        public static final String SESSION_CHARACTERISTICS = "SESSION CHARACTERISTICS";
    }

    /** {@code SHOW name} or {@code SHOW ALL} (name "all"). */
    record VariableShow(String name, int location) implements Statement {}

    /** {@code RESET name} or {@code RESET ALL} (name "all"). */
    record VariableReset(String name, int location) implements Statement {}

    /** {@code EXPLAIN [ANALYZE] [VERBOSE] [(options)] statement}. */
    record Explain(Statement statement, List<DefElem> options, int location) implements Statement {}

    /**
     * {@code DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT}
     * HOLD] FOR query} ({@code DeclareCursorStmt}); {@code scroll} is null when neither SCROLL nor
     * NO SCROLL is written.
     */
    record DeclareCursor(String name, boolean binary, Boolean scroll, boolean hold, SelectStmt query, int location)
            implements Statement {}

    /** Where FETCH and MOVE go ({@code FetchDirection} with its count). */
    enum FetchDirection { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }

    /**
     * {@code FETCH [direction] [FROM | IN] name} and {@code MOVE ...} ({@code FetchStmt}); {@code count}
     * is {@link #ALL} for ALL.
     */
    record Fetch(String cursor, FetchDirection direction, long count, boolean move, int location) implements Statement {
        public static final long ALL = Long.MAX_VALUE;
    }

    /** {@code CLOSE {name | ALL}} (name null for ALL). */
    record CloseCursor(String name, int location) implements Statement {}

    /** {@code PREPARE name [(types)] AS statement}. */
    record Prepare(String name, List<TypeName> argTypes, Statement statement, int location) implements Statement {}

    /** {@code EXECUTE name [(args)]}. */
    record Execute(String name, List<Expr> args, int location) implements Statement {}

    /** {@code DEALLOCATE [PREPARE] {name | ALL}} (name null for ALL). */
    record Deallocate(String name, int location) implements Statement {}

    /** {@code DISCARD {ALL|PLANS|SEQUENCES|TEMP}}. */
    record Discard(String target, int location) implements Statement {}

    /** {@code CHECKPOINT}. */
    record Checkpoint(int location) implements Statement {}

    /** {@code SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE}}; {@code names} empty for ALL. */
    record SetConstraints(List<QualifiedName> names, boolean deferred, int location) implements Statement {}

    /**
     * {@code ANALYZE [VERBOSE] [table [(column, ...)], ...]} and its parenthesized option form;
     * no targets means every table of the database.
     */
    record Analyze(boolean verbose, List<AnalyzeTarget> targets, int location) implements Statement {}

    /**
     * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(column, ...)], ...]} and its
     * parenthesized option form; no targets means every table of the database. PARALLEL,
     * DISABLE_PAGE_SKIPPING and PROCESS_TOAST are accepted and change nothing in Woolly.
     *
     * @param indexCleanup INDEX_CLEANUP: false for OFF (dead index entries and line pointers are kept)
     * @param parallel     PARALLEL's worker count, -1 when not given
     */
    record Vacuum(boolean full, boolean freeze, boolean verbose, boolean analyze, boolean skipLocked,
                  boolean indexCleanup, boolean truncate, int parallel, List<AnalyzeTarget> targets, int location)
            implements Statement {}

    /** One table of ANALYZE, with the columns named (empty: all). */
    record AnalyzeTarget(QualifiedName table, List<String> columns) {}

    /**
     * {@code COPY table [(cols)] FROM|TO {STDIN|STDOUT|'file'|PROGRAM 'cmd'} [WITH] (options)} or
     * {@code COPY (query) TO ...}, the query a {@link Select} or an INSERT/UPDATE/DELETE (with
     * RETURNING, checked when it runs). {@code table} is null for a query; {@code file} is null for
     * STDIN/STDOUT. Old-style options ({@code CSV HEADER}, {@code DELIMITER 'x'}) arrive as the
     * same {@link CopyOption}s as the parenthesized list.
     */
    record Copy(QualifiedName table, List<String> columns, Statement query, boolean isFrom, boolean program,
                String file, List<CopyOption> options, Expr where, int location) implements Statement {}

    /** One COPY option: a value (null when absent), or a column list ({@code FORCE_QUOTE (a, b)}, {@code *} as "*"). */
    record CopyOption(String name, String value, List<String> columns, int location) {}

    /** An empty query string or one holding only comments and semicolons. */
    record Empty() implements Statement {}

    /**
     * CREATE EXTENSION ({@code drop} false: one name, {@code missingOk} IF NOT EXISTS, {@code schema}
     * or null) and DROP EXTENSION ({@code missingOk} IF EXISTS).
     */
    record Extension(boolean drop, List<String> names, boolean missingOk, String schema, boolean cascade,
                     int location) implements Statement {}

    /** A statement on schemas, roles, privileges or databases (see {@link AccessCommand}). */
    record AccessControl(AccessCommand command) implements Statement {}

    /** A statement on functions and procedures (see {@link RoutineCommand}). */
    record Routine(RoutineCommand command) implements Statement {}

    /** A statement on triggers (see {@link TriggerCommand}). */
    record Trigger(TriggerCommand command) implements Statement {}

    /** A statement on rules (see {@link RuleCommand}). */
    record Rule(RuleCommand command) implements Statement {}

    /** CREATE TYPE / ALTER TYPE on user-defined types. */
    record TypeDefinition(TypeCommand command) implements Statement {}

    /** CREATE / ALTER / DROP OPERATOR, OPERATOR CLASS and OPERATOR FAMILY (see {@link OperatorCommand}). */
    record OperatorDefinition(OperatorCommand command) implements Statement {}

    /** CREATE / ALTER / DROP AGGREGATE and CREATE / DROP CAST (see {@link AggregateCommand}). */
    record AggregateDefinition(AggregateCommand command) implements Statement {}

    /** LISTEN, UNLISTEN or NOTIFY (see {@link AsyncCommand}). */
    record Async(AsyncCommand command) implements Statement {}

    enum ObjectKind { TABLE, INDEX, SEQUENCE, VIEW, SCHEMA, DATABASE, ROLE, FUNCTION, TYPE, DOMAIN }

    enum TransactionKind {
        BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED,
        ROLLBACK_PREPARED
    }
}
