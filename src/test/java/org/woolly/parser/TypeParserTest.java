package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.StatementParserTest.one;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeCommand;

/**
 * The range, shell and base-type forms of CREATE TYPE as gram.y's {@code CreateRangeStmt} and
 * {@code DefineStmt} read them: attribute names lower-cased, values kept as type or function
 * names (qualified, multi-word, quoted) or as the text of a string or number.
 */
class TypeParserTest {

    private static TypeCommand command(String sql) {
        return ((Statement.TypeDefinition) one(sql)).command();
    }

    @Test
    void createRangeKeepsEachAttributeWithItsValue() {
        var create = (TypeCommand.CreateRange) command("CREATE TYPE s.floatrange AS RANGE (SUBTYPE = double precision, "
                + "subtype_diff = pg_catalog.float8mi, Collation = \"C\", multirange_type_name = s.floatmulti)");
        assertThat(create.name().schema()).isEqualTo("s");
        assertThat(create.name().name()).isEqualTo("floatrange");
        assertThat(create.definition()).extracting(TypeCommand.Definition::name)
                .containsExactly("subtype", "subtype_diff", "collation", "multirange_type_name");
        assertThat(create.definition().get(0).type().name()).isEqualTo("float8");
        assertThat(create.definition().get(1).type().schema()).isEqualTo("pg_catalog");
        assertThat(create.definition().get(1).type().name()).isEqualTo("float8mi");
        assertThat(create.definition().get(2).type().name()).isEqualTo("C");
        assertThat(create.definition().get(3).type().schema()).isEqualTo("s");
        assertThat(create.tag()).isEqualTo("CREATE TYPE");
    }

    @Test
    void createTypeWithoutDefinitionIsAShellType() {
        var shell = (TypeCommand.CreateShell) command("CREATE TYPE myshell");
        assertThat(shell.name().name()).isEqualTo("myshell");
        assertThat(command("create type public.other;")).isInstanceOf(TypeCommand.CreateShell.class);
    }

    @Test
    void baseTypeDefinitionKeepsStringsNumbersAndBareNames() {
        var base = (TypeCommand.CreateBase) command("CREATE TYPE box3 (INPUT = box3_in, OUTPUT = box3_out, "
                + "INTERNALLENGTH = 24, STORAGE = plain, CATEGORY = 'U', PASSEDBYVALUE, LIKE = int4)");
        assertThat(base.definition()).extracting(TypeCommand.Definition::name).containsExactly("input", "output",
                "internallength", "storage", "category", "passedbyvalue", "like");
        assertThat(base.definition().get(2).text()).isEqualTo("24");
        assertThat(base.definition().get(3).type().name()).isEqualTo("plain");
        assertThat(base.definition().get(4).text()).isEqualTo("U");
        assertThat(base.definition().get(5).type()).isNull();
        assertThat(base.definition().get(5).text()).isNull();
        assertThat(base.definition().get(6).type().name()).isEqualTo("int4");
    }
}
