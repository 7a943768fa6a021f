package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.StatementParserTest.one;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/** CREATE INDEX and REINDEX as gram.y's IndexStmt and ReindexStmt read them. */
class IndexStatementParserTest {

    @Test
    void createIndexWithEveryClause() {
        Statement.CreateIndex create = (Statement.CreateIndex) one(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING btree "
                        + "(a, b DESC, c NULLS FIRST, d DESC NULLS LAST) INCLUDE (e, f) NULLS NOT DISTINCT");
        assertThat(create.name()).isEqualTo("i");
        assertThat(create.table().schema()).isEqualTo("s");
        assertThat(create.table().name()).isEqualTo("t");
        assertThat(create.unique()).isTrue();
        assertThat(create.concurrently()).isTrue();
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.method()).isEqualTo("btree");
        assertThat(create.nullsNotDistinct()).isTrue();
        assertThat(create.keys()).extracting(Statement.IndexElement::column).containsExactly("a", "b", "c", "d");
        assertThat(create.keys()).extracting(Statement.IndexElement::descending)
                .containsExactly(false, true, false, true);
        assertThat(create.keys()).extracting(Statement.IndexElement::nullsFirst)
                .containsExactly(null, null, true, false);
        assertThat(create.include()).extracting(Statement.IndexElement::column).containsExactly("e", "f");
        assertThat(create.only()).isTrue();
        assertThat(((Statement.CreateIndex) one("create index on t (a)")).only()).isFalse();
    }

    @Test
    void alterIndexAttachPartition() {
        Statement.AlterTable alter = (Statement.AlterTable) one("ALTER INDEX p_a_idx ATTACH PARTITION s.p1_a_idx");
        assertThat(alter.kind()).isEqualTo(Statement.ObjectKind.INDEX);
        assertThat(alter.name().name()).isEqualTo("p_a_idx");
        var attach = (org.woolly.nodes.parse.AlterTableAction.Partition) alter.actions().getFirst();
        assertThat(attach.partition().schema()).isEqualTo("s");
        assertThat(attach.partition().name()).isEqualTo("p1_a_idx");
        assertThat(attach.bound()).isNull();
    }

    @Test
    void unnamedIndexesAndExpressions() {
        Statement.CreateIndex create = (Statement.CreateIndex) one("create index on t ((a + 1), lower(b)) where a > 0");
        assertThat(create.name()).isNull();
        assertThat(create.method()).isNull();
        assertThat(create.keys()).extracting(Statement.IndexElement::column).containsExactly(null, null);
        assertThat(create.where()).isNotNull();
        assertThat(create.include()).isEqualTo(List.of());
    }

    @Test
    void reindexAndItsUnsupportedForms() {
        assertThat(one("REINDEX INDEX CONCURRENTLY i")).isEqualTo(
                new Statement.Reindex(Statement.ObjectKind.INDEX, ((Statement.Reindex) one("REINDEX INDEX CONCURRENTLY i")).name(), 0));
        assertThat(((Statement.Reindex) one("reindex table t")).kind()).isEqualTo(Statement.ObjectKind.TABLE);
        ParserErrorTest.assertError("REINDEX DATABASE d", SqlState.FEATURE_NOT_SUPPORTED,
                "\"REINDEX DATABASE\" is not supported yet", 1);
        assertThat(((Statement.CreateIndex) one("CREATE INDEX ON t (a text_pattern_ops)")).keys().getFirst()
                .opclass().name()).isEqualTo("text_pattern_ops");
    }
}
