package org.woolly.parser;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.RawStatement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Query ids and normalized texts as pg_stat_statements gives them in PostgreSQL 15. */
class QueryJumbleTest {

    private static QueryJumble.Fingerprint only(String sql) {
        List<RawStatement> statements = Parser.parse(sql);
        assertThat(statements).hasSize(1);
        return QueryJumble.of(statements.getFirst(), sql);
    }

    @Test
    void constantsBecomeNumberedParameters() {
        assertThat(only("select 1, 'a', -3.5, true, null, B'101' where 1 = 2").text())
                .isEqualTo("select $1, $2, $3, $4, $5, $6 where $7 = $8");
        assertThat(only("SELECT interval '1 day', 3::int, date '2020-01-01'").text())
                .isEqualTo("SELECT interval $1, $2::int, date $3");
    }

    @Test
    void numberingStartsAfterTheHighestParameterTheStatementUses() {
        assertThat(only("SELECT $2 + 10, $1").text()).isEqualTo("SELECT $2 + $3, $1");
    }

    @Test
    void spacingCaseCommentsAndConstantsDoNotChangeTheId() {
        long id = only("SELECT a FROM t WHERE b = 1").queryId();
        assertThat(only("select  a\nfrom t -- note\n where b = 42").queryId()).isEqualTo(id);
        assertThat(only("SELECT a FROM t WHERE b = 'x'").queryId()).isNotEqualTo(id);
        assertThat(only("SELECT a FROM t WHERE c = 1").queryId()).isNotEqualTo(id);
        assertThat(only("SELECT a FROM t WHERE b = 1").utility()).isFalse();
    }

    @Test
    void eachStatementOfAStringIsNormalizedAlone() {
        String sql = "SELECT 1; UPDATE t SET a = 5 WHERE b = 'x'";
        List<RawStatement> statements = Parser.parse(sql);
        assertThat(QueryJumble.of(statements.get(0), sql).text()).isEqualTo("SELECT $1");
        assertThat(QueryJumble.of(statements.get(1), sql).text()).isEqualTo("UPDATE t SET a = $1 WHERE b = $2");
    }

    @Test
    void utilityStatementsKeepTheirTextAndAreIdentifiedByIt() {
        QueryJumble.Fingerprint create = only("CREATE TABLE t (a int DEFAULT 5)");
        assertThat(create.utility()).isTrue();
        assertThat(create.text()).isEqualTo("CREATE TABLE t (a int DEFAULT 5)");
        assertThat(only("create table t (a int default 5)").queryId()).isNotEqualTo(create.queryId());
    }

    @Test
    void nodeKindsConstantsAndParameterNumbersAllCountInTheId() {
        long id = only("SELECT a FROM t WHERE b IN (1, 2)").queryId();
        assertThat(only("SELECT a FROM t WHERE b IN (3, 4)").queryId()).isEqualTo(id);
        assertThat(only("SELECT a FROM t WHERE b IN (1, 2, 3)").queryId()).isNotEqualTo(id);
        assertThat(only("SELECT a FROM t WHERE b = $1").queryId())
                .isNotEqualTo(only("SELECT a FROM t WHERE b = $2").queryId());
        assertThat(only("SELECT a FROM t WHERE b = $12").queryId())
                .isEqualTo(only("select a from t where b = $12").queryId());
        assertThat(only("SELECT a FROM t WHERE b = 1 AND c = 2").queryId())
                .isNotEqualTo(only("SELECT a FROM t WHERE b = 1 OR c = 2").queryId());
    }

    @Test
    void idsStayWhatEarlierBuildsSavedInPgstatStat() {
        // pg_stat_statements.save keeps entries by id across a clean restart, so the hash must not drift
        assertThat(only("select abalance from pgbench_accounts where aid = 5").queryId())
                .isEqualTo(4779202807501417192L);
    }

    @Test
    void theNormalizedTextIsTheSameWhenAskedAgain() {
        QueryJumble.Fingerprint fingerprint = only("SELECT abalance FROM pgbench_accounts WHERE aid = 42");
        assertThat(fingerprint.text()).isEqualTo("SELECT abalance FROM pgbench_accounts WHERE aid = $1");
        assertThat(fingerprint.text()).isSameAs(fingerprint.text());
    }
}
