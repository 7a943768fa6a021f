package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.embedded.WoollyServer;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The built-in catalog rows a client reads carry PostgreSQL 15's OIDs, and a data directory made
 * with another catalog version is refused.
 */
class BuiltinCatalogIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @TempDir
    Path temporary;

    private static long single(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            long value = rows.getLong(1);
            assertThat(rows.next()).as(query).isFalse();
            return value;
        }
    }

    @Test
    void builtinsHavePostgresOids() throws SQLException {
        assertThat(single("SELECT oid FROM pg_proc WHERE proname = 'length' AND proargtypes = '25'")).isEqualTo(1317);
        assertThat(single("SELECT oid FROM pg_type WHERE typname = 'int4'")).isEqualTo(23);
        assertThat(single("SELECT oid FROM pg_operator WHERE oprname = '=' AND oprleft = 23 AND oprright = 23"))
                .isEqualTo(96);
        assertThat(single("SELECT p.oid FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode WHERE o.oid = 96"))
                .isEqualTo(65);
        assertThat(single("SELECT oid FROM pg_cast WHERE castsource = 23 AND casttarget = 20")).isEqualTo(10010);
        assertThat(single("SELECT a.aggfnoid FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid "
                + "WHERE p.proname = 'count' AND p.pronargs = 0 AND p.prokind = 'a'")).isEqualTo(2803);
    }

    @Test
    void aDataDirectoryOfAnotherCatalogVersionIsRefused() throws Exception {
        Path directory = temporary.resolve("data");
        try (WoollyServer first = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("unix_socket_directories", "").setting("fsync", "off").start()) {
            assertThat(first.port()).isPositive();
        }
        Path control = directory.resolve("global/pg_control");
        byte[] bytes = Files.readAllBytes(control);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int current = buffer.getInt(8);
        buffer.putInt(8, 201001011);
        int checksumAt = 76; // after the control file's fields (ControlFile.encode)
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, checksumAt);
        buffer.putInt(checksumAt, (int) crc.getValue());
        Files.write(control, bytes);
        assertThatThrownBy(() -> WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("unix_socket_directories", "").start())
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.severity()).isEqualTo(Severity.FATAL);
                    assertThat(error.getMessage()).isEqualTo("database files are incompatible with server");
                    assertThat(error.detail()).isEqualTo("The database cluster was initialized with "
                            + "CATALOG_VERSION_NO 201001011, but the server was compiled with CATALOG_VERSION_NO "
                            + current + ".");
                    assertThat(error.hint()).isEqualTo("It looks like you need to initdb.");
                });
    }
}
