package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * pg_settings and SHOW ALL as PostgreSQL 15 shows them: a row per parameter with its value in
 * the base unit, PostgreSQL's category and descriptions, limits, enum values, boot and reset
 * values, and where the value came from.
 */
class SettingsViewIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static final String COLUMNS = "SELECT name, setting, unit, category, short_desc, extra_desc, context, "
            + "vartype, source, min_val, max_val, enumvals, boot_val, reset_val, pending_restart FROM pg_settings ";

    @Test
    void rowsShowValuesInTheirBaseUnitWithPostgresTexts() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, COLUMNS + "WHERE name IN ('work_mem', 'synchronous_commit', 'cpu_tuple_cost', "
                    + "'default_transaction_isolation') ORDER BY name"))
                    .containsExactly(
                            "cpu_tuple_cost|0.01|null|Query Tuning / Planner Cost Constants|Sets the planner's "
                                    + "estimate of the cost of processing each tuple (row).|null|user|real|default|0|"
                                    + "1.79769e+308|null|0.01|0.01|f",
                            "default_transaction_isolation|read committed|null|Client Connection Defaults / Statement "
                                    + "Behavior|Sets the transaction isolation level of each new transaction.|null|"
                                    + "user|enum|default|null|null|{serializable,\"repeatable read\",\"read committed\","
                                    + "\"read uncommitted\"}|read committed|read committed|f",
                            "synchronous_commit|on|null|Write-Ahead Log / Settings|Sets the current transaction's "
                                    + "synchronization level.|null|user|enum|default|null|null|{local,remote_write,"
                                    + "remote_apply,on,off}|on|on|f",
                            "work_mem|4096|kB|Resource Usage / Memory|Sets the maximum memory to be used for query "
                                    + "workspaces.|This much memory can be used by each internal sort operation and hash "
                                    + "table before switching to temporary disk files.|user|integer|default|64|"
                                    + "2147483647|null|4096|4096|f");
            assertThat(rows(connection, "SELECT name, context FROM pg_settings WHERE name IN ('log_connections', "
                    + "'shared_buffers', 'server_version_num') ORDER BY name"))
                    .containsExactly("log_connections|superuser-backend", "server_version_num|internal",
                            "shared_buffers|postmaster");
        }
    }

    @Test
    void sourceFollowsWhereTheValueCameFrom() throws Exception {
        try (Connection connection = server.connect("ApplicationName=settings-test")) {
            // the test server is started with autovacuum=off, as a command-line option would
            assertThat(rows(connection, "SELECT name, setting, source, reset_val FROM pg_settings "
                    + "WHERE name IN ('autovacuum', 'application_name', 'work_mem', 'transaction_isolation') ORDER BY name"))
                    .containsExactly("application_name|settings-test|client|settings-test",
                            "autovacuum|off|command line|off", "transaction_isolation|read committed|override|read committed",
                            "work_mem|4096|default|4096");
            execute(connection, "SET work_mem = '8MB'");
            assertThat(rows(connection, "SELECT setting, unit, source, reset_val FROM pg_settings WHERE name = 'work_mem'"))
                    .containsExactly("8192|kB|session|4096");
            execute(connection, "RESET work_mem");
            assertThat(firstValue(connection, "SELECT source FROM pg_settings WHERE name = 'work_mem'")).isEqualTo("default");
        }
    }

    @Test
    void showAllAndPgSettingsListTheSameParametersInNameOrder() throws Exception {
        try (Connection connection = server.connect()) {
            var settings = rows(connection, "SELECT name, short_desc FROM pg_settings");
            var showAll = rows(connection, "SHOW ALL").stream()
                    .map(row -> row.split("\\|")[0] + "|" + row.split("\\|")[2]).toList();
            assertThat(showAll).isEqualTo(settings);
            assertThat(settings).contains("DateStyle|Sets the display format for date and time values.");
            assertThat(settings.stream().map(row -> row.split("\\|")[0]).toList())
                    .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
            // GUC_NO_SHOW_ALL: SHOW names them, the lists do not
            assertThat(settings).noneMatch(row -> row.startsWith("is_superuser|") || row.startsWith("session_authorization|"));
            assertThat(firstValue(connection, "SHOW is_superuser")).isEqualTo("on");
            assertThat(firstValue(connection, "SELECT count(*) FROM pg_settings WHERE setting IS NULL")).isEqualTo("0");
        }
    }

    /** pg_dump's first question: a server that accepts connections has finished recovery (no hot standby yet). */
    @Test
    void theServerIsNotInRecovery() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(firstValue(connection, "SELECT pg_catalog.pg_is_in_recovery()")).isEqualTo("f");
        }
    }
}
