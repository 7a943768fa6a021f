package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;

/** The table inheritance clauses: INHERITS, ONLY in FROM, UPDATE and DELETE, ALTER TABLE [NO] INHERIT. */
class InheritanceParserTest {

    @Test
    void createTableInheritsListsItsParentsInOrder() {
        Statement.CreateTable create = (Statement.CreateTable) StatementParserTest.one(
                "CREATE TABLE c (x int) INHERITS (p, s.q) WITH (fillfactor = 70)");
        assertThat(create.inherits()).extracting(QualifiedName::toString).containsExactly("p", "s.q");
        assertThat(create.options()).hasSize(1);
        assertThat(((Statement.CreateTable) StatementParserTest.one("CREATE TABLE t (a int)")).inherits()).isEmpty();
    }

    @Test
    void onlyIsKeptWhereItExcludesChildren() {
        assertThat(((FromItem.Table) StatementParserTest.select("select * from only p").from().getFirst()).only())
                .isTrue();
        assertThat(((FromItem.Table) StatementParserTest.select("select * from p*").from().getFirst()).only())
                .isFalse();
        assertThat(((Statement.Delete) StatementParserTest.one("DELETE FROM ONLY p WHERE a = 1")).only()).isTrue();
        assertThat(((Statement.Update) StatementParserTest.one("UPDATE p SET a = 1")).only()).isFalse();
    }

    @Test
    void alterTableInheritAndNoInherit() {
        Statement.AlterTable add = (Statement.AlterTable) StatementParserTest.one("ALTER TABLE c INHERIT s.p");
        assertThat(add.actions()).singleElement().isInstanceOfSatisfying(AlterTableAction.Inherit.class, inherit -> {
            assertThat(inherit.parent().toString()).isEqualTo("s.p");
            assertThat(inherit.remove()).isFalse();
        });
        Statement.AlterTable remove = (Statement.AlterTable) StatementParserTest.one("alter table c no inherit p");
        assertThat(remove.actions()).singleElement().isInstanceOfSatisfying(AlterTableAction.Inherit.class,
                inherit -> assertThat(inherit.remove()).isTrue());
    }
}
