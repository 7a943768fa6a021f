package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.StatementParserTest.one;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.AggregateCommand;
import org.woolly.nodes.parse.Statement;

/**
 * CREATE / ALTER / DROP AGGREGATE and CREATE / DROP CAST as gram.y's DefineStmt (both aggregate
 * forms), CreateCastStmt, DropCastStmt and the aggregate forms of DropStmt, RenameStmt,
 * AlterOwnerStmt and AlterObjectSchemaStmt read them.
 */
class AggregateParserTest {

    private static AggregateCommand command(String sql) {
        return ((Statement.AggregateDefinition) one(sql)).command();
    }

    @Test
    void createAggregateKeepsEachOptionWithItsKindOfValue() {
        var create = (AggregateCommand.CreateAggregate) command("CREATE OR REPLACE AGGREGATE s.agg (x int4, text) ("
                + "SFUNC = s.step(int8, int4), STYPE = int8[], FINALFUNC = fin, INITCOND = '{0}', SORTOP = <, "
                + "FINALFUNC_EXTRA, PARALLEL = SAFE, SSPACE = 16)");
        assertThat(create.orReplace()).isTrue();
        assertThat(create.oldStyle()).isFalse();
        assertThat(create.signature().name().toString()).isEqualTo("s.agg");
        assertThat(create.signature().arguments()).extracting(type -> type.name()).containsExactly("int4", "text");
        List<AggregateCommand.Option> options = create.options();
        assertThat(options).extracting(AggregateCommand.Option::name).containsExactly("sfunc", "stype", "finalfunc",
                "initcond", "sortop", "finalfunc_extra", "parallel", "sspace");
        assertThat(options.get(0).function().toString()).isEqualTo("s.step");
        assertThat(options.get(0).arguments()).extracting(type -> type.name()).containsExactly("int8", "int4");
        assertThat(options.get(1).type().name()).isEqualTo("int8");
        assertThat(options.get(1).type().arrayBounds()).isEqualTo(1);
        assertThat(options.get(2).arguments()).isNull();
        assertThat(options.get(3).text()).isEqualTo("{0}");
        assertThat(options.get(4).text()).isEqualTo("<");
        assertThat(options.get(5).text()).isNull();
        assertThat(options.get(6).text()).isEqualTo("safe");
        assertThat(options.get(7).text()).isEqualTo("16");
    }

    @Test
    void theOldFormTakesItsInputTypeFromBasetype() {
        var create = (AggregateCommand.CreateAggregate) command(
                "CREATE AGGREGATE old (BASETYPE = int4, SFUNC = int4pl, STYPE = int4)");
        assertThat(create.oldStyle()).isTrue();
        assertThat(create.signature().arguments()).isEmpty();
        assertThat(create.options().get(0).type().name()).isEqualTo("int4");
    }

    @Test
    void dropAndAlterNameAggregatesByArgumentTypesOrStar() {
        var drop = (AggregateCommand.DropAggregate) command("DROP AGGREGATE IF EXISTS a(*), b(int, text) CASCADE");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(drop.aggregates().get(0).star()).isTrue();
        assertThat(drop.aggregates().get(1).arguments()).hasSize(2);
        var rename = (AggregateCommand.AlterAggregate) command("ALTER AGGREGATE a(int) RENAME TO b");
        assertThat(rename.newName()).isEqualTo("b");
        var schema = (AggregateCommand.AlterAggregate) command("ALTER AGGREGATE a(int) SET SCHEMA s");
        assertThat(schema.newSchema()).isEqualTo("s");
        var owner = (AggregateCommand.AlterAggregate) command("ALTER AGGREGATE a(int) OWNER TO bob");
        assertThat(owner.newOwner()).isNotNull();
    }

    @Test
    void createCastReadsItsMethodAndContext() {
        var withFunction = (AggregateCommand.CreateCast) command(
                "CREATE CAST (text AS s.t) WITH FUNCTION f(text) AS ASSIGNMENT");
        assertThat(withFunction.method()).isEqualTo('f');
        assertThat(withFunction.context()).isEqualTo('a');
        assertThat(withFunction.function().name()).isEqualTo("f");
        assertThat(withFunction.functionArguments()).hasSize(1);
        assertThat(withFunction.target().schema()).isEqualTo("s");
        var binary = (AggregateCommand.CreateCast) command("CREATE CAST (int4 AS t) WITHOUT FUNCTION AS IMPLICIT");
        assertThat(binary.method()).isEqualTo('b');
        assertThat(binary.context()).isEqualTo('i');
        var inout = (AggregateCommand.CreateCast) command("CREATE CAST (int4 AS t) WITH INOUT");
        assertThat(inout.method()).isEqualTo('i');
        assertThat(inout.context()).isEqualTo('e');
        var drop = (AggregateCommand.DropCast) command("DROP CAST IF EXISTS (int4 AS t) RESTRICT");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isFalse();
    }
}
