package org.woolly.utils.guc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GucSessionTest {

    @TempDir
    Path dataDirectory;

    private static void assertSqlError(Runnable action, String state, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState().code()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void defaultsShowAsPostgres() {
        GucSession session = ServerConfiguration.defaults().newSession();
        assertThat(session.show("shared_buffers")).isEqualTo("128MB");
        assertThat(session.show("work_mem")).isEqualTo("4MB");
        assertThat(session.show("checkpoint_timeout")).isEqualTo("5min");
        assertThat(session.show("statement_timeout")).isEqualTo("0");
        assertThat(session.show("max_wal_size")).isEqualTo("1GB");
        assertThat(session.show("datestyle")).isEqualTo("ISO, MDY");
        assertThat(session.show("search_path")).isEqualTo("\"$user\", public");
        assertThat(session.show("server_version_num")).isEqualTo("150000");
        assertThat(session.show("fsync")).isEqualTo("on");
        assertThat(session.getInt("shared_buffers")).isEqualTo(16384);
        assertThat(session.formatSettings()).isEqualTo(FormatSettings.DEFAULT);
    }

    @Test
    void setShowResetWithUnitsAndErrors() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.set("work_mem", "64MB", false);
        assertThat(session.show("work_mem")).isEqualTo("64MB");
        assertThat(session.getInt("work_mem")).isEqualTo(65536);
        session.set("statement_timeout", "1500", false);
        assertThat(session.show("statement_timeout")).isEqualTo("1500ms");
        session.set("statement_timeout", "90s", false);
        assertThat(session.show("statement_timeout")).isEqualTo("90s");
        session.set("DateStyle", "German", false);
        assertThat(session.show("DateStyle")).isEqualTo("German, DMY");
        session.set("enable_seqscan", "no", false);
        assertThat(session.getBoolean("enable_seqscan")).isFalse();
        session.reset("all");
        assertThat(session.show("work_mem")).isEqualTo("4MB");
        assertThat(session.show("DateStyle")).isEqualTo("ISO, MDY");

        assertSqlError(() -> session.set("no_such", "1", false), "42704",
                "unrecognized configuration parameter \"no_such\"");
        assertSqlError(() -> session.set("enable_seqscan", "maybe", false), "22023",
                "parameter \"enable_seqscan\" requires a Boolean value");
        assertSqlError(() -> session.set("TimeZone", "Mars/Base", false), "22023",
                "invalid value for parameter \"TimeZone\": \"Mars/Base\"");
        assertSqlError(() -> session.set("client_encoding", "LATIN1", false), "22023",
                "invalid value for parameter \"client_encoding\": \"LATIN1\"");
        assertSqlError(() -> session.set("port", "5433", false), "55P02",
                "parameter \"port\" cannot be changed without restarting the server");
        assertSqlError(() -> session.set("work_mem", "5min", false), "22023",
                "invalid value for parameter \"work_mem\": \"5min\"");
        assertSqlError(() -> session.set("extra_float_digits", "9", false), "22023",
                "9 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
        session.set("TimeZone", "Europe/Paris", false);
        assertThat(session.formatSettings().timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        session.set("TimeZone", "EST", false);
        assertThat(session.show("TimeZone")).isEqualTo("EST");
        session.set("client_encoding", "unicode", false);
        assertThat(session.show("client_encoding")).isEqualTo("UTF8");
    }

    @Test
    void rolledBackSetIsUndoneAndSetLocalEndsWithTheTransaction() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.atTransactionStart();
        session.set("work_mem", "8MB", false);
        session.atTransactionEnd(false);
        assertThat(session.show("work_mem")).isEqualTo("4MB");

        session.atTransactionStart();
        session.set("work_mem", "8MB", false);
        session.set("work_mem", "16MB", true);
        assertThat(session.show("work_mem")).isEqualTo("16MB");
        session.atTransactionEnd(true);
        assertThat(session.show("work_mem")).isEqualTo("8MB");
    }

    @Test
    void reportChangesListEverythingFirstThenOnlyChanges() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.setSessionUser("alice", true);
        Map<String, String> first = session.takeReportChanges();
        assertThat(first).containsEntry("server_version", "15.0").containsEntry("is_superuser", "on")
                .containsEntry("session_authorization", "alice").containsEntry("DateStyle", "ISO, MDY")
                .containsEntry("integer_datetimes", "on").containsEntry("client_encoding", "UTF8")
                .containsKeys("TimeZone", "IntervalStyle", "in_hot_standby", "default_transaction_read_only",
                        "standard_conforming_strings", "application_name", "server_encoding");
        assertThat(session.takeReportChanges()).isEmpty();
        session.set("application_name", "psql", false);
        session.set("work_mem", "8MB", false);
        assertThat(session.takeReportChanges()).containsExactly(Map.entry("application_name", "psql"));
    }

    @Test
    void aRolledBackSetIsReportedAgainAndACommittedTransactionWithoutChangesReportsNothing() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.takeReportChanges();
        session.atTransactionStart();
        session.atTransactionEnd(true);
        assertThat(session.takeReportChanges()).isEmpty();

        session.atTransactionStart();
        session.set("application_name", "inside", false);
        assertThat(session.takeReportChanges()).containsExactly(Map.entry("application_name", "inside"));
        session.atTransactionEnd(false);
        assertThat(session.takeReportChanges()).containsExactly(Map.entry("application_name", ""));

        session.atTransactionStart();
        session.set("DateStyle", "German", true);
        assertThat(session.takeReportChanges()).containsExactly(Map.entry("DateStyle", "German, DMY"));
        session.atTransactionEnd(true);
        assertThat(session.takeReportChanges()).containsExactly(Map.entry("DateStyle", "ISO, MDY"));
    }

    @Test
    void configurationFileWithIncludesUnitsAndOverrides() throws IOException {
        Files.writeString(dataDirectory.resolve("postgresql.conf"), """
                # a comment
                shared_buffers = 256MB          # inline comment
                port 5440
                search_path = 'app, ''odd'' name'
                fsync = off
                no_such_parameter = 1
                include_if_exists 'missing.conf'
                include 'extra.conf'
                """);
        Files.writeString(dataDirectory.resolve("extra.conf"), "work_mem = 1GB\ncheckpoint_timeout = 1h\n");
        ServerConfiguration configuration = ServerConfiguration.load(dataDirectory, Map.of("port", "6000"));
        assertThat(configuration.show("shared_buffers")).isEqualTo("256MB");
        assertThat(configuration.getInt("port")).isEqualTo(6000);
        assertThat(configuration.show("search_path")).isEqualTo("app, 'odd' name");
        assertThat(configuration.getBoolean("fsync")).isFalse();
        assertThat(configuration.show("work_mem")).isEqualTo("1GB");
        assertThat(configuration.show("checkpoint_timeout")).isEqualTo("1h");
        assertThat(configuration.warnings()).singleElement().asString().contains("no_such_parameter");
        assertThat(configuration.newSession().show("work_mem")).isEqualTo("1GB");
    }

    @Test
    void invalidValueInFileFailsStart() throws IOException {
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "port = abc\n");
        assertThatThrownBy(() -> ServerConfiguration.load(dataDirectory, Map.of()))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"port\": \"abc\"");
                    assertThat(e.detail()).contains("line 1");
                });
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "port = 'abc\n");
        assertThatThrownBy(() -> ServerConfiguration.load(dataDirectory, Map.of()))
                .hasMessageContaining("syntax error in file");
    }

    @Test
    void eachTransactionStartsFromTheDefaultsAndShowsItsOwnCharacteristics() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.set("default_transaction_isolation", "repeatable read", false);
        session.set("default_transaction_read_only", "on", false);
        session.atTransactionStart();
        assertThat(session.show("transaction_isolation")).isEqualTo("repeatable read");
        assertThat(session.show("transaction_read_only")).isEqualTo("on");
        session.set("transaction_isolation", "read uncommitted", false);
        session.set("transaction_read_only", "off", false);
        assertThat(session.show("transaction_isolation")).isEqualTo("read uncommitted");
        session.atTransactionEnd(true);
        session.atTransactionStart();
        assertThat(session.show("transaction_isolation")).isEqualTo("repeatable read");
        assertThat(session.show("transaction_read_only")).isEqualTo("on");
        session.reset("all");
        assertThat(session.show("transaction_isolation")).isEqualTo("repeatable read");
        session.atTransactionEnd(true);
        assertThat(session.show("default_transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void afterTheFirstSnapshotTheIsolationLevelAndReadWriteModeAreFixed() {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.atTransactionStart();
        session.set("transaction_read_only", "on", false);
        session.atFirstSnapshot();
        session.set("transaction_isolation", "read committed", false);
        assertSqlError(() -> session.set("transaction_isolation", "repeatable read", false), "25001",
                "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        assertSqlError(() -> session.set("transaction_read_only", "off", false), "25001",
                "transaction read-write mode must be set before any query");
        assertSqlError(() -> session.set("transaction_deferrable", "off", false), "25001",
                "SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
        session.set("transaction_read_only", "on", false);
        session.set("default_transaction_isolation", "repeatable read", false);
        assertThat(session.show("transaction_isolation")).isEqualTo("read committed");
        session.atTransactionEnd(false);
        session.atTransactionStart();
        assertThat(session.show("transaction_isolation")).isEqualTo("read committed");
        assertThat(session.show("transaction_read_only")).isEqualTo("off");
    }

    @Test
    void serializableIsAcceptedOnEveryPath() throws IOException {
        GucSession session = ServerConfiguration.defaults().newSession();
        session.atTransactionStart();
        session.set("transaction_isolation", "serializable", false);
        assertThat(session.show("transaction_isolation")).isEqualTo("serializable");
        session.set("default_transaction_isolation", "SERIALIZABLE", false);
        assertThat(session.show("default_transaction_isolation")).isEqualTo("serializable");
        assertThat(ServerConfiguration.defaults().with("default_transaction_isolation", "serializable").newSession()
                .show("default_transaction_isolation")).isEqualTo("serializable");
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "default_transaction_isolation = 'serializable'\n");
        assertThat(ServerConfiguration.load(dataDirectory, Map.of()).newSession().show("default_transaction_isolation"))
                .isEqualTo("serializable");
    }

    /** What {@link GucSession#derived} keeps in the test below: one setting, read when computed. */
    private record WorkMem(int kilobytes) {
        static WorkMem from(SessionSettings settings) {
            return new WorkMem(settings.getInt("work_mem"));
        }
    }

    @Test
    void derivedValuesAreKeptUntilASettingChanges() {
        GucSession session = ServerConfiguration.defaults().newSession();
        WorkMem first = session.derived(WorkMem.class, WorkMem::from);
        assertThat(first.kilobytes()).isEqualTo(4096);
        assertThat(session.derived(WorkMem.class, WorkMem::from)).isSameAs(first);

        session.set("work_mem", "8MB", false);
        assertThat(session.derived(WorkMem.class, WorkMem::from).kilobytes()).isEqualTo(8192);

        session.atTransactionStart();
        session.set("work_mem", "16MB", true);
        assertThat(session.derived(WorkMem.class, WorkMem::from).kilobytes()).isEqualTo(16384);
        session.atTransactionEnd(true);
        assertThat(session.derived(WorkMem.class, WorkMem::from).kilobytes()).isEqualTo(8192);

        session.atTransactionStart();
        session.set("work_mem", "32MB", false);
        session.atTransactionEnd(false);
        assertThat(session.derived(WorkMem.class, WorkMem::from).kilobytes()).isEqualTo(8192);

        session.reset("work_mem");
        assertThat(session.derived(WorkMem.class, WorkMem::from).kilobytes()).isEqualTo(4096);
    }
}
