package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator types in psql: pg_stat_activity with psql's application_name and its own
 * query, pg_stat_database's row, and log_statement = all logging psql's statement text.
 */
class PsqlActivityIT {
    @RegisterExtension
    static final CapturedServerLog LOG = new CapturedServerLog();

    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .setting("log_statement", "all").setting("log_connections", "on"));

    @Test
    void psqlSeesItselfInPgStatActivityAndItsStatementsAreLogged() throws Exception {
        String output = PsqlIT.run(server, """
                SELECT application_name, state, backend_type, query FROM pg_stat_activity WHERE pid = pg_backend_pid();
                SELECT datname, numbackends FROM pg_stat_database WHERE datname = 'postgres';
                """, "-A", "-t");
        assertThat(output).contains("psql|active|client backend|SELECT application_name, state, backend_type, query "
                + "FROM pg_stat_activity WHERE pid = pg_backend_pid();");
        assertThat(output).contains("postgres|1");
        LOG.await("LOG:  statement: SELECT datname, numbackends FROM pg_stat_database WHERE datname = 'postgres';");
        LOG.await("application_name=psql");
    }
}
