package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The frozen-XID horizon as users see it: VACUUM (FREEZE) advances pg_class.relfrozenxid and
 * pg_database.datfrozenxid, age() and mxid_age() over xid, COPY ... (FREEZE) with PostgreSQL
 * 15's errors (a psql script whose expected output PostgreSQL 15 printed), and VACUUM VERBOSE's
 * "removable cutoff" and "new relfrozenxid" lines.
 */
class FreezeIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void freezeScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "vacuum/freeze");
    }

    private static long longValue(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    @Test
    void vacuumVerboseReportsTheCutoffAndTheNewRelfrozenxidAsPostgres15() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table verbose_freeze(a int)");
            statement.execute("insert into verbose_freeze select generate_series(1, 100)");
            long before = longValue(statement,
                    "select relfrozenxid::text::bigint from pg_class where relname = 'verbose_freeze'");
            statement.execute("vacuum (freeze, verbose) verbose_freeze");
            List<String> messages = new ArrayList<>();
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                messages.add(warning.getMessage());
            }
            long after = longValue(statement,
                    "select relfrozenxid::text::bigint from pg_class where relname = 'verbose_freeze'");
            assertThat(after).isGreaterThan(before);
            assertThat(messages.getFirst()).isEqualTo("aggressively vacuuming \"public.verbose_freeze\"");
            String report = messages.get(1);
            assertThat(report).contains("tuples: 0 removed, 100 remain, 0 are dead but not yet removable\n")
                    .containsPattern("removable cutoff: \\d+, which was \\d+ XIDs old when operation ended\n")
                    .contains("new relfrozenxid: " + after + ", which is " + (after - before)
                            + " XIDs ahead of previous value\n");
            // every tuple frozen: the next VACUUM (FREEZE) skips nothing it could not skip, and moves nothing
            assertThat(longValue(statement,
                    "select relallvisible from pg_class where relname = 'verbose_freeze'")).isEqualTo(1);
            long datfrozenxid = longValue(statement,
                    "select datfrozenxid::text::bigint from pg_database where datname = current_database()");
            long oldest = longValue(statement, "select min(relfrozenxid::text::bigint) from pg_class"
                    + " where relkind in ('r', 't', 'm')");
            assertThat(datfrozenxid).isLessThanOrEqualTo(oldest);
            statement.execute("drop table verbose_freeze");
        }
    }
}
