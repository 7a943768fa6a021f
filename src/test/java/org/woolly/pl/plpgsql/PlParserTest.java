package org.woolly.pl.plpgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class PlParserTest {

    private static PlStatement.Block parse(String body, String... parameters) {
        return PlParser.parse(body, List.of(parameters)).block;
    }

    private static SqlException errorOf(String body) {
        return catchThrowableOfType(SqlException.class, () -> PlParser.parse(body, List.of()));
    }

    @Test
    void aBlockKeepsItsDeclarationsStatementsAndHandlers() {
        PlStatement.Block block = parse("""
                <<outer>>
                DECLARE
                    total CONSTANT numeric(10,2) NOT NULL := 0;
                    r record;
                BEGIN
                    total := total + 1;
                EXCEPTION
                    WHEN division_by_zero OR SQLSTATE '22003' THEN
                        NULL;
                END outer""");
        assertThat(block.label()).isEqualTo("outer");
        assertThat(block.declarations()).extracting(PlStatement.Declaration::name).containsExactly("total", "r");
        PlStatement.Declaration total = block.declarations().getFirst();
        assertThat(total.typeText()).isEqualTo("numeric(10,2)");
        assertThat(total.constant()).isTrue();
        assertThat(total.notNull()).isTrue();
        assertThat(total.defaultValue().text()).isEqualTo("0");
        assertThat(block.body()).singleElement().isInstanceOfSatisfying(PlStatement.Assign.class, assign -> {
            assertThat(assign.target()).containsExactly("total");
            assertThat(assign.value().text()).isEqualTo("total + 1");
            assertThat(assign.line()).isEqualTo(6);
        });
        assertThat(block.handlers()).singleElement().satisfies(handler ->
                assertThat(handler.conditions()).containsExactly("division_by_zero", "sqlstate:22003"));
    }

    @Test
    void selectIntoLosesItsIntoClauseAndKeepsItsTargets() {
        PlStatement.Block block = parse("DECLARE a int; b text; BEGIN SELECT x, y INTO STRICT a, b FROM t WHERE z = (1); END");
        assertThat(block.body()).singleElement().isInstanceOfSatisfying(PlStatement.ExecuteSql.class, sql -> {
            assertThat(sql.into()).containsExactly("a", "b");
            assertThat(sql.strict()).isTrue();
            assertThat(sql.query().text()).doesNotContain("INTO").contains("FROM t WHERE z = (1)");
        });
    }

    @Test
    void insertIntoIsNotAnIntoClause() {
        PlStatement.Block block = parse("DECLARE n int; BEGIN INSERT INTO t VALUES (1) RETURNING id INTO n; END");
        assertThat(block.body()).singleElement().isInstanceOfSatisfying(PlStatement.ExecuteSql.class, sql -> {
            assertThat(sql.into()).containsExactly("n");
            assertThat(sql.query().text()).startsWith("INSERT INTO t VALUES (1) RETURNING id");
        });
    }

    @Test
    void loopsTellARangeFromAQuery() {
        PlStatement.Block block = parse("""
                BEGIN
                    FOR i IN REVERSE 10 .. f(1, 2) BY 2 LOOP NULL; END LOOP;
                    FOR r IN SELECT a FROM generate_series(1, 2) a LOOP NULL; END LOOP;
                END""");
        assertThat(block.body().get(0)).isInstanceOfSatisfying(PlStatement.ForInteger.class, loop -> {
            assertThat(loop.reverse()).isTrue();
            assertThat(loop.lower().text()).isEqualTo("10");
            assertThat(loop.upper().text()).isEqualTo("f(1, 2)");
            assertThat(loop.step().text()).isEqualTo("2");
        });
        assertThat(block.body().get(1)).isInstanceOfSatisfying(PlStatement.ForQuery.class, loop ->
                assertThat(loop.query().text()).isEqualTo("SELECT a FROM generate_series(1, 2) a"));
    }

    @Test
    void raiseKeepsItsFormatParametersAndOptions() {
        PlStatement.Block block = parse("BEGIN RAISE WARNING 'x % y %%', 1 + 1 USING HINT = 'h', ERRCODE = '22012'; END");
        assertThat(block.body()).singleElement().isInstanceOfSatisfying(PlStatement.Raise.class, raise -> {
            assertThat(raise.level()).isEqualTo("warning");
            assertThat(raise.format()).isEqualTo("x % y %%");
            assertThat(raise.parameters()).extracting(PlStatement.SqlText::text).containsExactly("1 + 1");
            assertThat(raise.optionNames()).containsExactly("hint", "errcode");
        });
    }

    @Test
    void syntaxErrorsPointIntoTheBody() {
        SqlException error = errorOf("BEGIN\n  IF THEN NULL; END IF;\nEND");
        assertThat(error.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(error.getMessage()).isEqualTo("missing expression at or near \"THEN\"");
        assertThat(error.position()).isEqualTo("BEGIN\n  IF THEN".indexOf("THEN") + 1);
        assertThat(errorOf("BEGIN NULL;").getMessage()).isEqualTo("syntax error at end of input");
    }

    @Test
    void anAssignmentNeedsADeclaredVariable() {
        SqlException error = errorOf("BEGIN missing := 1; END");
        assertThat(error.getMessage()).isEqualTo("\"missing\" is not a known variable");
        assertThat(error.position()).isEqualTo(7);
        assertThat(parse("BEGIN param := 1; END", "param").body()).hasSize(1);
    }

    @Test
    void raiseChecksItsParameterCount() {
        assertThat(errorOf("BEGIN RAISE NOTICE '% %', 1; END").getMessage())
                .isEqualTo("too few parameters specified for RAISE");
        assertThat(errorOf("BEGIN RAISE NOTICE '%', 1, 2; END").getMessage())
                .isEqualTo("too many parameters specified for RAISE");
    }
}
