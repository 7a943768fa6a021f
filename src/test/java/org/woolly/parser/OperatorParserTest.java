package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.ParserErrorTest.assertError;
import static org.woolly.parser.StatementParserTest.one;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.OperatorCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / ALTER / DROP OPERATOR and OPERATOR CLASS / FAMILY as gram.y's DefineStmt,
 * AlterOperatorStmt, CreateOpClassStmt, CreateOpFamilyStmt, AlterOpFamilyStmt and DropStmt read them.
 */
class OperatorParserTest {

    private static OperatorCommand command(String sql) {
        return ((Statement.OperatorDefinition) one(sql)).command();
    }

    @Test
    void createOperatorKeepsEachOptionWithItsKindOfValue() {
        var create = (OperatorCommand.CreateOperator) command("CREATE OPERATOR s.<#> (LEFTARG = int4[], "
                + "RIGHTARG = integer, PROCEDURE = pg_catalog.f, COMMUTATOR = OPERATOR(s.#>), NEGATOR = >=#, "
                + "RESTRICT = NONE, HASHES, MERGES)");
        assertThat(create.name().schema()).isEqualTo("s");
        assertThat(create.name().name()).isEqualTo("<#>");
        List<OperatorCommand.Option> options = create.options();
        assertThat(options).extracting(OperatorCommand.Option::name).containsExactly("leftarg", "rightarg",
                "procedure", "commutator", "negator", "restrict", "hashes", "merges");
        assertThat(options.get(0).type().name()).isEqualTo("int4");
        assertThat(options.get(0).type().arrayBounds()).isEqualTo(1);
        assertThat(options.get(1).type().name()).isEqualTo("int4");
        assertThat(options.get(2).value().toString()).isEqualTo("pg_catalog.f");
        assertThat(options.get(3).value().toString()).isEqualTo("s.#>");
        assertThat(options.get(4).value().toString()).isEqualTo(">=#");
        assertThat(options.get(5).value()).isNull();
        assertThat(options.get(6).value()).isNull();
    }

    @Test
    void dropAndAlterNameOperatorsByOperandTypesWithNoneForPrefixOnes() {
        var drop = (OperatorCommand.DropOperator) command("DROP OPERATOR IF EXISTS ## (int4, int4), @@ (NONE, text) CASCADE");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(drop.operators()).hasSize(2);
        assertThat(drop.operators().get(1).left()).isNull();
        assertThat(drop.operators().get(1).right().name()).isEqualTo("text");
        var owner = (OperatorCommand.AlterOperator) command("ALTER OPERATOR ## (int4, int4) OWNER TO bob");
        assertThat(owner.newOwner().name()).isEqualTo("bob");
        var schema = (OperatorCommand.AlterOperator) command("ALTER OPERATOR ## (int4, int4) SET SCHEMA other");
        assertThat(schema.newSchema()).isEqualTo("other");
        var set = (OperatorCommand.AlterOperator) command("ALTER OPERATOR ## (int4, int4) SET (RESTRICT = eqsel, JOIN = NONE)");
        assertThat(set.options()).extracting(OperatorCommand.Option::name).containsExactly("restrict", "join");
        assertThat(set.options().get(1).value()).isNull();
    }

    @Test
    void operatorClassItemsAndFamilies() {
        var create = (OperatorCommand.CreateClass) command("CREATE OPERATOR CLASS abs_ops DEFAULT FOR TYPE int4 "
                + "USING btree FAMILY fam AS OPERATOR 1 < , OPERATOR 3 = (int4, int8) FOR SEARCH, "
                + "FUNCTION 1 (int4, int4) btint4cmp(int4, int4), STORAGE int8");
        assertThat(create.isDefault()).isTrue();
        assertThat(create.method()).isEqualTo("btree");
        assertThat(create.family().name()).isEqualTo("fam");
        assertThat(create.items()).extracting(OperatorCommand.Item::kind).containsExactly(
                OperatorCommand.ItemKind.OPERATOR, OperatorCommand.ItemKind.OPERATOR, OperatorCommand.ItemKind.FUNCTION,
                OperatorCommand.ItemKind.STORAGE);
        assertThat(create.items().get(1).types()).hasSize(2);
        assertThat(create.items().get(2).arguments()).hasSize(2);
        assertThat(create.items().get(3).storage().name()).isEqualTo("int8");
        var family = (OperatorCommand.CreateFamily) command("CREATE OPERATOR FAMILY fam USING hash");
        assertThat(family.method()).isEqualTo("hash");
        var drop = (OperatorCommand.AlterFamily) command("ALTER OPERATOR FAMILY fam USING btree DROP OPERATOR 1 (int4, int4), "
                + "FUNCTION 1 (int4, int4)");
        assertThat(drop.add()).isFalse();
        assertThat(drop.items()).hasSize(2);
        var dropClass = (OperatorCommand.DropClassOrFamily) command("DROP OPERATOR CLASS IF EXISTS s.abs_ops USING btree");
        assertThat(dropClass.family()).isFalse();
        assertThat(dropClass.tag()).isEqualTo("DROP OPERATOR CLASS");
        assertThat(command("DROP OPERATOR FAMILY fam USING hash RESTRICT").tag()).isEqualTo("DROP OPERATOR FAMILY");
    }

    @Test
    void anIndexKeyMayNameItsOperatorClass() {
        var create = (Statement.CreateIndex) one("CREATE INDEX ON t (a pg_catalog.int4_ops DESC, (b + 1) int4_ops(x = 1), c)");
        assertThat(create.keys().get(0).opclass().toString()).isEqualTo("pg_catalog.int4_ops");
        assertThat(create.keys().get(0).descending()).isTrue();
        assertThat(create.keys().get(1).opclass().name()).isEqualTo("int4_ops");
        assertThat(create.keys().get(1).opclassOptions()).isTrue();
        assertThat(create.keys().get(2).opclass()).isNull();
    }

    @Test
    void malformedStatementsAreSyntaxErrorsWherePostgresPointsAtThem() {
        assertError("CREATE OPERATOR +- (leftarg = int4, rightarg = int4, function = int4pl)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"-\"", 18);
        assertError("DROP OPERATOR @@ (int4)", SqlState.SYNTAX_ERROR, "missing argument", 23);
        assertError("ALTER OPERATOR ## (int4, int4) SET (hashes)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \")\"", 43);
        assertError("DROP OPERATOR @@ (int4, NONE)", SqlState.SYNTAX_ERROR, "postfix operators are not supported", 0);
    }
}
