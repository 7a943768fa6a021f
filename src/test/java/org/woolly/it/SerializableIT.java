package org.woolly.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SERIALIZABLE as PostgreSQL 15's serializable snapshot isolation gives it: isolation specs
 * (write skew, the read-only anomaly, inserts into one index range) whose transcripts must match
 * the reference server's, step by step and error by error. Run with
 * {@code -Disolation.reference=jdbc:postgresql://host:port/postgres?user=postgres} to rewrite
 * the expected transcripts from a PostgreSQL 15 server.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerializableIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @ParameterizedTest
    @ValueSource(strings = {"doctors-on-call", "read-only-anomaly", "insert-insert-range"})
    void specTranscriptMatchesPostgres(String name) throws Exception {
        String reference = System.getProperty("isolation.reference");
        String expected = IsolationSpec.expected(name, reference == null ? null : connector(reference, null));
        String spec = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/isolation", name + ".spec"));
        String actual = IsolationSpec.parse(spec).run(connector(server.jdbcUrl("postgres"), server.superuser()));
        assertThat(actual).isEqualTo(expected);
    }

    private static Supplier<Connection> connector(String url, String user) {
        return () -> {
            try {
                return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, "");
            } catch (SQLException error) {
                throw new IllegalStateException(error);
            }
        };
    }
}
