package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements that create and change user-defined types (PostgreSQL's
 * {@code CreateEnumStmt}, {@code AlterEnumStmt}, {@code RenameStmt} and
 * {@code AlterObjectSchemaStmt}/{@code AlterOwnerStmt} on a type), carried by
 * {@link Statement.TypeDefinition} so that they form one family of their own.
 */
public sealed interface TypeCommand {

    /** The command tag PostgreSQL sends for it. */
    String tag();

    /** {@code CREATE TYPE name AS ENUM ('label', ...)}. */
    record CreateEnum(QualifiedName name, List<String> labels, int location) implements TypeCommand {
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /** {@code CREATE TYPE name AS (attribute type [COLLATE c], ...)} ({@code CompositeTypeStmt}). */
    record CreateComposite(QualifiedName name, List<ColumnDef> attributes, int location) implements TypeCommand {
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /**
     * One {@code name = value} of a CREATE TYPE definition ({@code DefElem}): {@code type} holds a
     * type or function name as written, {@code text} a string or number; both null without a value.
     */
    record Definition(String name, TypeName type, String text, int location) {}

    /** {@code CREATE TYPE name AS RANGE (SUBTYPE = t, ...)} ({@code CreateRangeStmt}). */
    record CreateRange(QualifiedName name, List<Definition> definition, int location) implements TypeCommand {
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /** {@code CREATE TYPE name}: a shell type, a placeholder to define later ({@code DefineStmt} without args). */
    record CreateShell(QualifiedName name, int location) implements TypeCommand {
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /** {@code CREATE TYPE name (INPUT = f, OUTPUT = f, ...)}: a base type ({@code DefineStmt} of {@code DefineType}). */
    record CreateBase(QualifiedName name, List<Definition> definition, int location) implements TypeCommand {
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /** What an {@code ALTER TYPE} on a composite type's attributes does. */
    enum AttributeAction { ADD, DROP, RENAME }

    /**
     * {@code ALTER TYPE name ADD ATTRIBUTE a type | DROP ATTRIBUTE [IF EXISTS] a | RENAME ATTRIBUTE a TO b}
     * ({@code AlterTableStmt} on a composite type); {@code attribute} is set for ADD, {@code newName} for RENAME.
     */
    record AlterAttribute(QualifiedName type, AttributeAction action, String name, String newName,
                          ColumnDef attribute, boolean ifExists, int location) implements TypeCommand {
        public String tag() {
            return "ALTER TYPE";
        }
    }

    /**
     * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [{BEFORE | AFTER} 'neighbor']};
     * {@code neighbor} null: the label goes last.
     */
    record AddEnumValue(QualifiedName type, String label, String neighbor, boolean before, boolean ifNotExists,
                        int location) implements TypeCommand {
        public String tag() {
            return "ALTER TYPE";
        }
    }

    /** {@code ALTER TYPE name RENAME VALUE 'old' TO 'new'}. */
    record RenameEnumValue(QualifiedName type, String oldLabel, String newLabel, int location) implements TypeCommand {
        public String tag() {
            return "ALTER TYPE";
        }
    }

    /** {@code ALTER TYPE name RENAME TO n}, {@code ... SET SCHEMA s} or {@code ... OWNER TO role} (one is set). */
    record AlterType(QualifiedName type, String newName, String newSchema, RoleSpec newOwner, int location)
            implements TypeCommand {
        public String tag() {
            return "ALTER TYPE";
        }
    }

    /** {@code CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT expr] constraints} ({@code CreateDomainStmt}). */
    record CreateDomain(QualifiedName name, TypeName baseType, String collation, Expr defaultValue,
                        List<DomainConstraint> constraints, int location) implements TypeCommand {
        public String tag() {
            return "CREATE DOMAIN";
        }
    }

    /** One constraint of a domain: {@code [CONSTRAINT name] {NOT NULL | NULL | CHECK (expr) [NOT VALID]}}. */
    record DomainConstraint(String name, Kind kind, Expr check, boolean notValid, int location) {
        public enum Kind { NOT_NULL, NULL, CHECK }
    }

    /** What an {@code ALTER DOMAIN} does ({@code AlterDomainStmt}'s subtype). */
    enum DomainAction { SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL, ADD_CONSTRAINT, DROP_CONSTRAINT,
        VALIDATE_CONSTRAINT }

    /**
     * {@code ALTER DOMAIN name {SET DEFAULT expr | DROP DEFAULT | {SET | DROP} NOT NULL | ADD constraint
     * | DROP CONSTRAINT [IF EXISTS] c [CASCADE | RESTRICT] | VALIDATE CONSTRAINT c}}.
     */
    record AlterDomain(QualifiedName domain, DomainAction action, Expr defaultValue, DomainConstraint constraint, String constraintName, boolean ifExists, int location)
            implements TypeCommand {
        public String tag() {
            return "ALTER DOMAIN";
        }
    }

    /** {@code ALTER DOMAIN name RENAME TO n | SET SCHEMA s | OWNER TO role}: an {@link AlterType} on a domain. */
    record AlterDomainName(AlterType change) implements TypeCommand {
        public String tag() {
            return "ALTER DOMAIN";
        }
    }
}
