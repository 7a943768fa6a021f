package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.FromItem;
import org.woolly.utils.error.SqlState;

/** Column definition lists of functions in FROM ({@code func_alias_clause}, {@code opt_col_def_list}). */
class ColumnDefinitionListParserTest {

    private static FromItem.Function function(String sql) {
        return (FromItem.Function) StatementParserTest.select(sql).from().getFirst();
    }

    private static List<String> described(FromItem.Function function) {
        return function.columnDefinitions().stream()
                .map(definition -> definition.name() + " " + definition.type().name()
                        + (definition.type().modifiers().isEmpty() ? "" : definition.type().modifiers().toString()
                        .replace('[', '(').replace(']', ')'))
                        + "[]".repeat(definition.type().arrayBounds()))
                .toList();
    }

    @Test
    void aliasWithColumnTypesIsADefinitionList() {
        FromItem.Function function = function("select * from json_to_record('{}') as x(a int, b varchar(3), c text[])");
        assertThat(function.alias()).isEqualTo(new FromItem.Alias("x", List.of()));
        assertThat(described(function)).containsExactly("a int4", "b varchar(3)", "c text[]");
        assertThat(function.columnDefinitions().getFirst().location()).isEqualTo(40);
    }

    @Test
    void bareAliasAndAsWithoutNameTakeDefinitionsToo() {
        FromItem.Function bare = function("select * from f() x(a int)");
        assertThat(bare.alias().name()).isEqualTo("x");
        assertThat(described(bare)).containsExactly("a int4");
        FromItem.Function unnamed = function("select * from f() as (a int, b double precision)");
        assertThat(unnamed.alias()).isNull();
        assertThat(described(unnamed)).containsExactly("a int4", "b float8");
    }

    @Test
    void columnAliasesStayAliases() {
        FromItem.Function aliased = function("select * from f() as x(a, b)");
        assertThat(aliased.alias()).isEqualTo(new FromItem.Alias("x", List.of("a", "b")));
        assertThat(aliased.columnDefinitions()).isEmpty();
        assertThat(function("select * from f() with ordinality x(a)").columnDefinitions()).isEmpty();
    }

    @Test
    void rowsFromTakesOneFunctionsDefinitionList() {
        FromItem.Function function = function("select * from rows from (f() as (a int)) as x");
        assertThat(function.alias().name()).isEqualTo("x");
        assertThat(described(function)).containsExactly("a int4");
    }

    @Test
    void mixedListsAreSyntaxErrors() {
        ParserErrorTest.assertError("select * from f() as x(a int, b)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \")\"", 32);
        ParserErrorTest.assertError("select * from f() x(a, b int)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"int\"", 26);
        ParserErrorTest.assertError("select * from f() as (a)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \")\"", 24);
    }
}
