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
}
