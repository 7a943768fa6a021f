package org.woolly.nodes.parse;

import java.util.List;

/**
 * The statements on functions and procedures (PostgreSQL's {@code CreateFunctionStmt},
 * {@code DropStmt} of routines, {@code AlterFunctionStmt}, {@code RenameStmt}, {@code CallStmt}),
 * carried by {@link Statement.Routine} so that they form one family of their own.
 */
public sealed interface RoutineCommand {

    /** The command tag PostgreSQL sends for it. */
    String tag();

    /** Parameter modes as {@code proargmodes} spells them. */
    char IN = 'i';
    char OUT = 'o';
    char INOUT = 'b';
    char VARIADIC = 'v';
    char TABLE = 't';

    /**
     * One parameter as written ({@code FunctionParameter}): {@code name} null when not named,
     * {@code defaultText} the DEFAULT expression's SQL text as written (null without one).
     */
    record Parameter(String name, char mode, TypeName type, Expr defaultValue, String defaultText, int location) {}

    /**
     * {@code CREATE [OR REPLACE] {FUNCTION | PROCEDURE} name (parameters) [RETURNS type | RETURNS
     * SETOF type | RETURNS TABLE (columns)] options AS 'body'} or with an SQL-standard body
     * ({@code RETURN expr}, {@code BEGIN ATOMIC ... END}: {@code standardBody} true, {@code body}
     * then the statements' text, each ended by a semicolon). {@code returnType} is null for a
     * procedure and when only OUT parameters give the result; {@code tableColumns} holds
     * RETURNS TABLE's columns (mode {@link #TABLE}). {@code volatility} is 0 when not written,
     * {@code strict} null when not written. {@code bodyLocation} is where the body's text starts
     * in the query string (0-based), for errors found in it.
     */
    record CreateFunction(QualifiedName name, boolean orReplace, boolean procedure, List<Parameter> parameters,
                          TypeName returnType, boolean returnsSet, List<Parameter> tableColumns, String language,
                          char volatility, Boolean strict, boolean securityDefiner, String body, boolean standardBody,
                          int bodyLocation, int location) implements RoutineCommand {
        public String tag() {
            return procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
        }
    }

    /**
     * A routine named by DROP, ALTER or COMMENT ({@code ObjectWithArgs}): {@code argumentTypes}
     * null when no parenthesized list was written (the name must then be unique); OUT
     * parameters are left out of the list.
     */
    record RoutineName(QualifiedName name, List<TypeName> argumentTypes, int location) {}

    /** {@code DROP {FUNCTION | PROCEDURE | ROUTINE} [IF EXISTS] name[(types)], ... [CASCADE | RESTRICT]}. */
    record DropFunction(boolean procedure, List<RoutineName> routines, boolean ifExists, boolean cascade,
                        int location) implements RoutineCommand {
        public String tag() {
            return procedure ? "DROP PROCEDURE" : "DROP FUNCTION";
        }
    }

    /**
     * {@code ALTER {FUNCTION | PROCEDURE} name[(types)]} with one of: {@code RENAME TO newName},
     * {@code OWNER TO owner}, {@code SET SCHEMA newSchema}, or options ({@code volatility} 0 and
     * {@code strict} null when not written).
     */
    record AlterFunction(boolean procedure, RoutineName routine, String newName, RoleSpec newOwner, String newSchema,
                         char volatility, Boolean strict, Boolean securityDefiner, int location)
            implements RoutineCommand {
        public String tag() {
            return procedure ? "ALTER PROCEDURE" : "ALTER FUNCTION";
        }
    }

    /** {@code CALL name(args)}: the call as a function call expression (named arguments included). */
    record Call(Expr.FuncCall call, int location) implements RoutineCommand {
        public String tag() {
            return "CALL";
        }
    }

    /** {@code DO [LANGUAGE name] 'code'}: an anonymous code block, run at once ({@code DoStmt}). */
    record Do(String body, String language, int bodyLocation, int location) implements RoutineCommand {
        public String tag() {
            return "DO";
        }
    }
}
