package org.woolly.pl.plpgsql;

import java.util.List;

/**
 * The statement tree of a PL/pgSQL body ({@code PLpgSQL_stmt} and its kinds in {@code plpgsql.h}).
 * {@code line} is the statement's line in the body (1-based), as CONTEXT lines report it;
 * expressions and queries are {@link SqlText}: SQL as written, run through the SQL engine.
 */
sealed interface PlStatement {
    int line();

    /** The name CONTEXT gives the statement ({@code plpgsql_stmt_typename}). */
    String typeName();

    /** A piece of SQL as written in the body, with its 0-based offset there. */
    record SqlText(String text, int offset) {}

    /** A variable declared in a DECLARE section ({@code decl_statement}). */
    record Declaration(String name, String typeText, boolean constant, boolean notNull, SqlText defaultValue,
                       String aliasOf, int line) {}

    /** {@code WHEN condition [OR ...] THEN statements}: condition names or SQLSTATE codes as written. */
    record Handler(List<String> conditions, List<PlStatement> body) {}

    record Block(String label, List<Declaration> declarations, List<PlStatement> body, List<Handler> handlers, int line)
            implements PlStatement {
        public String typeName() {
            return "statement block";
        }
    }

    /** {@code target := expression}: target a variable, {@code record.field} or {@code variable[subscript]}. */
    record Assign(List<String> target, SqlText subscript, SqlText value, int line) implements PlStatement {
        public String typeName() {
            return "assignment";
        }
    }

    record If(List<SqlText> conditions, List<List<PlStatement>> branches, List<PlStatement> elseBranch, int line)
            implements PlStatement {
        public String typeName() {
            return "IF";
        }
    }

    /** CASE: {@code search} null for the searched form; {@code elseBranch} null when ELSE is not written. */
    record Case(SqlText search, List<SqlText> whens, List<List<PlStatement>> branches, List<PlStatement> elseBranch,
                int line) implements PlStatement {
        public String typeName() {
            return "CASE";
        }
    }

    /** LOOP, and WHILE when {@code condition} is not null. */
    record Loop(String label, SqlText condition, List<PlStatement> body, int line) implements PlStatement {
        public String typeName() {
            return condition == null ? "LOOP" : "WHILE";
        }
    }

    record ForInteger(String label, String variable, boolean reverse, SqlText lower, SqlText upper, SqlText step,
                      List<PlStatement> body, int line) implements PlStatement {
        public String typeName() {
            return "FOR with integer loop variable";
        }
    }

    /** FOR targets IN query LOOP, or IN EXECUTE expr [USING ...] when {@code dynamic}. */
    record ForQuery(String label, List<String> targets, SqlText query, boolean dynamic, List<SqlText> using,
                    List<PlStatement> body, int line) implements PlStatement {
        public String typeName() {
            return dynamic ? "FOR over EXECUTE statement" : "FOR over SELECT rows";
        }
    }

    record Foreach(String label, String variable, int slice, SqlText array, List<PlStatement> body, int line)
            implements PlStatement {
        public String typeName() {
            return "FOREACH over array";
        }
    }

    /** EXIT, or CONTINUE when {@code isContinue}; {@code label} and {@code condition} null when not written. */
    record Exit(boolean isContinue, String label, SqlText condition, int line) implements PlStatement {
        public String typeName() {
            return isContinue ? "CONTINUE" : "EXIT";
        }
    }

    record Return(SqlText value, int line) implements PlStatement {
        public String typeName() {
            return "RETURN";
        }
    }

    record ReturnNext(SqlText value, int line) implements PlStatement {
        public String typeName() {
            return "RETURN NEXT";
        }
    }

    record ReturnQuery(SqlText query, boolean dynamic, List<SqlText> using, int line) implements PlStatement {
        public String typeName() {
            return "RETURN QUERY";
        }
    }

    /** An SQL statement run as written, with INTO targets when {@code into} is not empty. */
    record ExecuteSql(SqlText query, List<String> into, boolean strict, boolean perform, int line)
            implements PlStatement {
        public String typeName() {
            return perform ? "PERFORM" : "SQL statement";
        }
    }

    record DynamicExecute(SqlText command, List<String> into, boolean strict, List<SqlText> using, int line)
            implements PlStatement {
        public String typeName() {
            return "EXECUTE";
        }
    }

    /** GET [CURRENT | STACKED] DIAGNOSTICS target = item, ... */
    record GetDiagnostics(boolean stacked, List<String> targets, List<String> items, int line) implements PlStatement {
        public String typeName() {
            return stacked ? "GET STACKED DIAGNOSTICS" : "GET DIAGNOSTICS";
        }
    }

    /**
     * RAISE level: {@code condition} a condition name or SQLSTATE (null when a format is given
     * or nothing: re-raise), {@code options} the USING items by lower-case name.
     */
    record Raise(String level, String condition, String format, List<SqlText> parameters,
                 List<String> optionNames, List<SqlText> optionValues, int line) implements PlStatement {
        public String typeName() {
            return "RAISE";
        }
    }

    record Assert(SqlText condition, SqlText message, int line) implements PlStatement {
        public String typeName() {
            return "ASSERT";
        }
    }

    record Null(int line) implements PlStatement {
        public String typeName() {
            return "NULL";
        }
    }
}
