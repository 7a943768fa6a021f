package org.woolly.nodes.parse;

import java.util.List;

/**
 * One action of {@code ALTER TABLE}: the {@code alter_table_cmd} rule of {@code gram.y}
 * ({@code AlterTableCmd} with its {@code AlterTableType}), plus the renames, SET SCHEMA and
 * OWNER TO that PostgreSQL parses into statements of their own ({@code RenameStmt},
 * {@code AlterObjectSchemaStmt}); those stand alone in their {@link Statement.AlterTable}.
 * Every location is the offset of the action's first token.
 */
public sealed interface AlterTableAction {
    int location();

    /** {@code ADD [COLUMN] [IF NOT EXISTS] column_def}. */
    record AddColumn(ColumnDef column, boolean ifNotExists, int location) implements AlterTableAction {}

    /** {@code DROP [COLUMN] [IF EXISTS] name [CASCADE | RESTRICT]}. */
    record DropColumn(String column, boolean ifExists, boolean cascade, int location) implements AlterTableAction {}

    /** {@code ALTER [COLUMN] name [SET DATA] TYPE type [USING expr]} ({@code using} null when absent). */
    record AlterColumnType(String column, TypeName type, Expr using, int location) implements AlterTableAction {}

    /** {@code ALTER [COLUMN] name SET DEFAULT expr}, or {@code DROP DEFAULT} ({@code expression} null). */
    record ColumnDefault(String column, Expr expression, int location) implements AlterTableAction {}

    /**
     * {@code ALTER [COLUMN] name ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]}:
     * {@code identity} is the column constraint CREATE TABLE would have for it.
     */
    record AddIdentity(String column, ColumnConstraint identity, int location) implements AlterTableAction {}

    /** {@code ALTER [COLUMN] name SET NOT NULL} ({@code notNull} true) or {@code DROP NOT NULL}. */
    record ColumnNotNull(String column, boolean notNull, int location) implements AlterTableAction {}

    /**
     * {@code ALTER [COLUMN] name SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN}} ({@code storage}
     * as written, lower case) or, with {@code compression}, {@code SET COMPRESSION method}.
     */
    record ColumnStorage(String column, String storage, boolean compression, int location)
            implements AlterTableAction {}

    /** {@code ADD table_constraint [NOT VALID]}. */
    record AddConstraint(TableConstraint constraint, boolean notValid, int location) implements AlterTableAction {}

    /** {@code DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]}. */
    record DropConstraint(String name, boolean ifExists, boolean cascade, int location) implements AlterTableAction {}

    /** {@code VALIDATE CONSTRAINT name}. */
    record ValidateConstraint(String name, int location) implements AlterTableAction {}

    /** {@code RENAME CONSTRAINT name TO new_name}. */
    record RenameConstraint(String name, String newName, int location) implements AlterTableAction {}

    /** {@code RENAME [COLUMN] name TO new_name}. */
    record RenameColumn(String column, String newName, int location) implements AlterTableAction {}

    /** {@code RENAME TO new_name} (of a table, or of an index under ALTER INDEX). */
    record RenameRelation(String newName, int location) implements AlterTableAction {}

    /** {@code SET (name [= value], ...)} or ({@code reset}) {@code RESET (name, ...)}: storage parameters. */
    record SetOptions(List<DefElem> options, boolean reset, int location) implements AlterTableAction {}

    /** {@code SET SCHEMA name}. */
    record SetSchema(String schema, int location) implements AlterTableAction {}

    /**
     * {@code OWNER TO role}: {@code role} is the name as written, or {@code CURRENT_USER},
     * {@code SESSION_USER}, {@code CURRENT_ROLE} (upper case, {@code special} true) for those keywords.
     */
    record OwnerTo(String role, boolean special, int location) implements AlterTableAction {}

    /** {@code INHERIT parent} and, with {@code remove}, {@code NO INHERIT parent}. */
    record Inherit(QualifiedName parent, boolean remove, int location) implements AlterTableAction {}

    /** {@code ATTACH PARTITION name bound} ({@code bound} non-null) or {@code DETACH PARTITION name}. */
    record Partition(QualifiedName partition, PartitionBoundSpec bound, int location) implements AlterTableAction {}
}
