package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements that define operators and the operator classes and families of index access
 * methods (PostgreSQL's {@code DefineStmt} of kind {@code OBJECT_OPERATOR},
 * {@code CreateOpClassStmt}, {@code CreateOpFamilyStmt}, {@code AlterOpFamilyStmt},
 * {@code AlterOperatorStmt} and the operator forms of {@code DropStmt}), carried by
 * {@link Statement.OperatorDefinition}.
 */
public sealed interface OperatorCommand {

    /** The command tag PostgreSQL sends for it. */
    String tag();

    /**
     * An operator as DROP and ALTER name it: {@code name (left, right)}; {@code left} is null
     * for a prefix operator ({@code NONE}). {@code name.name()} is the operator's symbol.
     */
    record OperatorName(QualifiedName name, TypeName left, TypeName right, int location) {}

    /**
     * One {@code name [= value]} of CREATE OPERATOR or ALTER OPERATOR ... SET: a type
     * ({@code LEFTARG}, {@code RIGHTARG}), a possibly qualified function or operator name, or
     * nothing ({@code HASHES}, {@code MERGES}, {@code RESTRICT = NONE}).
     */
    record Option(String name, TypeName type, QualifiedName value, int location) {}

    /** {@code CREATE OPERATOR name (option, ...)}. */
    record CreateOperator(QualifiedName name, List<Option> options, int location) implements OperatorCommand {
        public String tag() {
            return "CREATE OPERATOR";
        }
    }

    /** {@code DROP OPERATOR [IF EXISTS] name (left, right), ... [CASCADE | RESTRICT]}. */
    record DropOperator(List<OperatorName> operators, boolean ifExists, boolean cascade, int location)
            implements OperatorCommand {
        public String tag() {
            return "DROP OPERATOR";
        }
    }

    /**
     * {@code ALTER OPERATOR name (left, right)} with {@code OWNER TO role}, {@code SET SCHEMA s}
     * or {@code SET (RESTRICT = f, JOIN = f)}: one of {@code newOwner}, {@code newSchema},
     * {@code options} is set.
     */
    record AlterOperator(OperatorName operator, RoleSpec newOwner, String newSchema, List<Option> options,
                         int location) implements OperatorCommand {
        public String tag() {
            return "ALTER OPERATOR";
        }
    }

    /** What an item of an operator class or family is. */
    enum ItemKind { OPERATOR, FUNCTION, STORAGE }

    /**
     * One item of CREATE OPERATOR CLASS or ALTER OPERATOR FAMILY ADD/DROP:
     * {@code OPERATOR n op [(left, right)]}, {@code FUNCTION n [(left, right)] f(argtypes)} or
     * {@code STORAGE type}. {@code types} are the operator's or the member's declared input
     * types (empty when not written); {@code arguments} the function's argument types (null in DROP).
     */
    record Item(ItemKind kind, int number, QualifiedName name, List<TypeName> types, List<TypeName> arguments,
                TypeName storage, int location) {}

    /** {@code CREATE OPERATOR FAMILY name USING method}. */
    record CreateFamily(QualifiedName name, String method, int location) implements OperatorCommand {
        public String tag() {
            return "CREATE OPERATOR FAMILY";
        }
    }

    /** {@code CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE t USING method [FAMILY f] AS item, ...}. */
    record CreateClass(QualifiedName name, boolean isDefault, TypeName type, String method, QualifiedName family,
                       List<Item> items, int location) implements OperatorCommand {
        public String tag() {
            return "CREATE OPERATOR CLASS";
        }
    }

    /** {@code ALTER OPERATOR FAMILY name USING method {ADD | DROP} item, ...}. */
    record AlterFamily(QualifiedName name, String method, boolean add, List<Item> items, int location)
            implements OperatorCommand {
        public String tag() {
            return "ALTER OPERATOR FAMILY";
        }
    }

    /** {@code DROP OPERATOR {CLASS | FAMILY} [IF EXISTS] name USING method [CASCADE | RESTRICT]}. */
    record DropClassOrFamily(boolean family, QualifiedName name, String method, boolean ifExists, boolean cascade,
                             int location) implements OperatorCommand {
        public String tag() {
            return family ? "DROP OPERATOR FAMILY" : "DROP OPERATOR CLASS";
        }
    }
}
