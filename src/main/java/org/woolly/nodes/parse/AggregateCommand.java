package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements that define aggregates and casts (PostgreSQL's {@code DefineStmt} of kind
 * {@code OBJECT_AGGREGATE}, {@code CreateCastStmt}, and the aggregate and cast forms of
 * {@code DropStmt}, {@code RenameStmt}, {@code AlterOwnerStmt} and {@code AlterObjectSchemaStmt}),
 * carried by {@link Statement.AggregateDefinition}.
 */
public sealed interface AggregateCommand {

    /** The command tag PostgreSQL sends for it. */
    String tag();

    /**
     * An aggregate as DROP and ALTER name it: {@code name (type, ...)} or {@code name (*)}
     * ({@code star}, no arguments).
     */
    record Signature(QualifiedName name, List<TypeName> arguments, boolean star, int location) {}

    /**
     * One {@code name [= value]} of CREATE AGGREGATE: a type ({@code STYPE}, {@code MSTYPE},
     * {@code BASETYPE}), a function ({@code SFUNC = f} or {@code f(types)}; {@code arguments} null
     * when no types are written), an operator ({@code SORTOP}), or a word, string or number as
     * {@code text}; all null for a bare name ({@code FINALFUNC_EXTRA}).
     */
    record Option(String name, TypeName type, QualifiedName function, List<TypeName> arguments, String text,
                  int location) {}

    /**
     * {@code CREATE [OR REPLACE] AGGREGATE name (args) (option, ...)}, or the old form
     * {@code CREATE AGGREGATE name (BASETYPE = t, option, ...)} ({@code oldStyle}, whose signature
     * comes from BASETYPE).
     */
    record CreateAggregate(Signature signature, boolean orReplace, boolean oldStyle, List<Option> options,
                           int location) implements AggregateCommand {
        public String tag() {
            return "CREATE AGGREGATE";
        }
    }

    /** {@code DROP AGGREGATE [IF EXISTS] name (args), ... [CASCADE | RESTRICT]}. */
    record DropAggregate(List<Signature> aggregates, boolean ifExists, boolean cascade, int location)
            implements AggregateCommand {
        public String tag() {
            return "DROP AGGREGATE";
        }
    }

    /**
     * {@code ALTER AGGREGATE name (args)} with {@code RENAME TO n}, {@code OWNER TO role} or
     * {@code SET SCHEMA s}: one of {@code newName}, {@code newOwner}, {@code newSchema} is set.
     */
    record AlterAggregate(Signature aggregate, String newName, RoleSpec newOwner, String newSchema, int location)
            implements AggregateCommand {
        public String tag() {
            return "ALTER AGGREGATE";
        }
    }

    /**
     * {@code CREATE CAST (source AS target) WITH FUNCTION f(args) | WITHOUT FUNCTION | WITH INOUT
     * [AS ASSIGNMENT | AS IMPLICIT]}: {@code method} 'f', 'b' or 'i' as pg_cast's castmethod,
     * {@code context} 'e', 'a' or 'i' as castcontext; {@code function} null unless 'f'
     * ({@code functionArguments} null when written without types).
     */
    record CreateCast(TypeName source, TypeName target, char method, QualifiedName function,
                      List<TypeName> functionArguments, char context, int location) implements AggregateCommand {
        public String tag() {
            return "CREATE CAST";
        }
    }

    /** {@code DROP CAST [IF EXISTS] (source AS target) [CASCADE | RESTRICT]}. */
    record DropCast(TypeName source, TypeName target, boolean ifExists, boolean cascade, int location)
            implements AggregateCommand {
        public String tag() {
            return "DROP CAST";
        }
    }
}
