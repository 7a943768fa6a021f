package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.cli.WoollyCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code woolly ps -D DIR} against a running server: the postmaster, the checkpointer, the
 * walwriter, the background writer, and each backend with user, database, client and what it does, as PostgreSQL's
 * process titles show them.
 */
class ProcessListIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    /** What {@code woolly ps} prints for {@code target}'s data directory. */
    static String ps(WoollyServerExtension target) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new WoollyCommand()).execute("ps", "-D",
                    target.server().dataDirectory().toString());
            assertThat(exit).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsAuxiliaryProcessesAndBackendsWithTheirState() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            int pid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            connection.setAutoCommit(false);
            statement.execute("SELECT 1");
            String list = ps(server);
            assertThat(list).contains("woolly: postmaster -D ");
            assertThat(list).containsPattern("\\d+\\twoolly: checkpointer\\n");
            assertThat(list).containsPattern("\\d+\\twoolly: walwriter\\n");
            assertThat(list).containsPattern("\\d+\\twoolly: background writer\\n");
            assertThat(list).containsPattern(pid + "\\twoolly: " + server.superuser()
                    + " postgres 127\\.0\\.0\\.1\\(\\d+\\) idle in transaction\\n");
            connection.rollback();
        }
    }
}
