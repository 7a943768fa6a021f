package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Error texts and cursor positions as PostgreSQL 15 reports them (checked against a real server). */
class ParserErrorTest {

    static void assertError(String sql, SqlState state, String message, int position) {
        assertThatThrownBy(() -> Parser.parse(sql))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.sqlState()).isEqualTo(state);
                    assertThat(e.position()).isEqualTo(position);
                });
    }

    private static void assertSyntaxError(String sql, String message, int position) {
        assertError(sql, SqlState.SYNTAX_ERROR, message, position);
    }

    @Test
    void syntaxErrorsPointAtTheOffendingToken() {
        assertSyntaxError("SELECT * FORM t", "syntax error at or near \"FORM\"", 10);
        assertSyntaxError("SELEC 1", "syntax error at or near \"SELEC\"", 1);
        assertSyntaxError("SELECT 1; SELEC 2", "syntax error at or near \"SELEC\"", 11);
        assertSyntaxError("INSERT INTO t VALUES (1,)", "syntax error at or near \")\"", 25);
        assertSyntaxError("SELECT 1 FROM t ORDER BY 1 ORDER BY 2", "syntax error at or near \"ORDER\"", 28);
        assertSyntaxError("select 1.5.3", "syntax error at or near \".3\"", 11);
    }

    @Test
    void syntaxErrorsAtEndOfInput() {
        assertSyntaxError("SELECT 1 +", "syntax error at end of input", 11);
        assertSyntaxError("SELECT 1 FROM", "syntax error at end of input", 14);
        assertSyntaxError("SELECT (1", "syntax error at end of input", 10);
        assertSyntaxError("SELECT DISTINCT", "syntax error at end of input", 16); // DISTINCT needs columns
        assertSyntaxError("SELECT DISTINCT FROM t", "syntax error at or near \"FROM\"", 17);
        assertSyntaxError("CREATE TABLE t (a int,", "syntax error at end of input", 23);
        assertSyntaxError("update t set a = 1 where", "syntax error at end of input", 25);
        assertSyntaxError("select 1 as", "syntax error at end of input", 12);
        assertSyntaxError("SELECT 1 ;; SELECT +", "syntax error at end of input", 21);
    }

    @Test
    void nonAssociativeOperatorsAndIndirection() {
        assertSyntaxError("select 'a' like 'b' like 'c'", "syntax error at or near \"like\"", 21);
        assertSyntaxError("select a between b and c between d and e", "syntax error at or near \"between\"", 26);
        assertSyntaxError("select array[1,2][1]", "syntax error at or near \"[\"", 18);
        assertSyntaxError("select nullif(1)", "syntax error at or near \")\"", 16);
        assertSyntaxError("select a.b.c.d.e from t", "improper qualified name (too many dotted names): a.b.c.d.e", 8);
        assertSyntaxError("(select 1 order by 1) order by 1", "multiple ORDER BY clauses not allowed", 32);
    }

    @Test
    void errorsWherePostgresLooksAhead() {
        assertSyntaxError("create table t (a)", "syntax error at end of input", 19);
        assertSyntaxError("select * from t where x = = 1", "syntax error at or near \"=\"", 27);
        assertSyntaxError("select extract(from x)", "syntax error at or near \"from\"", 16);
    }

    @Test
    void clauseErrors() {
        assertError("SELECT 1 FROM (SELECT 1)", SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", 15);
        assertError("update t3 set (a) = (1)", SqlState.FEATURE_NOT_SUPPORTED,
                "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression", 22);
        assertError("SELECT 1 LIMIT 1, 2", SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported", 10);
        assertError("INSERT INTO t SELECT 1 INTO y", SqlState.SYNTAX_ERROR, "SELECT ... INTO is not allowed here", 29);
        assertError("SELECT * FROM (SELECT 1 INTO z) s", SqlState.SYNTAX_ERROR, "SELECT ... INTO is not allowed here",
                30);
        assertError("SELECT 1 UNION SELECT 2 INTO w", SqlState.SYNTAX_ERROR,
                "INTO is only allowed on first SELECT of UNION/INTERSECT/EXCEPT", 30);
    }

    @Test
    void validButUnsupportedStatementsAre0A000() {
        assertError("CREATE VIEW v WITH (security_barrier) AS SELECT 1", SqlState.FEATURE_NOT_SUPPORTED,
                "CREATE VIEW ... WITH (options) is not supported yet", 15);
        assertError("create materialized view v as select 1", SqlState.FEATURE_NOT_SUPPORTED,
                "\"CREATE MATERIALIZED VIEW\" is not supported yet", 1);
        assertError("CLUSTER x", SqlState.FEATURE_NOT_SUPPORTED, "\"CLUSTER\" is not supported yet", 1);
        assertError("VACUUM (foo) t", SqlState.SYNTAX_ERROR, "unrecognized VACUUM option \"foo\"", 9);
        assertError("copy t from stdout", SqlState.SYNTAX_ERROR, "syntax error at or near \"stdout\"", 13);
        // GRANT on tables, sequences and schemas runs; on functions it does not yet
        assertError("GRANT ALL ON FUNCTION f() TO u", SqlState.FEATURE_NOT_SUPPORTED,
                "GRANT ON FUNCTION is not supported yet", 14);
        assertError("create function f() returns int language sql set search_path = x as 'select 1'",
                SqlState.FEATURE_NOT_SUPPORTED, "CREATE FUNCTION ... SET is not supported yet", 46);
        assertError("with x as (select 1) delete from t", SqlState.FEATURE_NOT_SUPPORTED,
                "WITH before DELETE is not supported yet", 1);
        // CREATE RECURSIVE VIEW needs its column list, as in PostgreSQL's grammar
        assertError("create recursive view v as select 1", SqlState.SYNTAX_ERROR, "syntax error at or near \"as\"", 25);
    }

    @Test
    void absurdNestingIsAnErrorNotACrash() {
        String deep = "SELECT " + "(".repeat(200_000) + "1" + ")".repeat(200_000);
        assertThatThrownBy(() -> Parser.parse(deep))
                .isInstanceOfSatisfying(SqlException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX));
        assertThat(Parser.parse("SELECT " + "(".repeat(50) + "1" + ")".repeat(50))).hasSize(1);
    }

    @Test
    void garbageAfterCreateIsStillASyntaxError() {
        assertSyntaxError("CREATE BANANA x", "syntax error at or near \"BANANA\"", 8);
        assertSyntaxError("FOO BAR", "syntax error at or near \"FOO\"", 1);
    }
}
