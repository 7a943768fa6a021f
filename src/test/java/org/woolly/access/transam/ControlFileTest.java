package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.utils.adt.CatalogVersion;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class ControlFileTest {
    @TempDir
    Path data;

    @Test
    void roundTripsAndRejectsACorruptFile() throws Exception {
        Files.createDirectories(data.resolve("global"));
        ControlFile control = new ControlFile(ControlFile.State.IN_PRODUCTION, 0x1_0000_0042L, 0x1_0000_0010L, 77, 20000,
                123456789L);
        control.write(data, true);
        assertThat(Files.size(data.resolve(ControlFile.PATH))).isEqualTo(8192);
        assertThat(ControlFile.read(data)).isEqualTo(control);

        byte[] bytes = Files.readAllBytes(data.resolve(ControlFile.PATH));
        bytes[20] ^= 1;
        Files.write(data.resolve(ControlFile.PATH), bytes);
        assertThatThrownBy(() -> ControlFile.read(data)).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo(SqlState.DATA_CORRUPTED));
    }

    @Test
    void refusesAClusterMadeWithAnotherCatalogVersion() throws Exception {
        Files.createDirectories(data.resolve("global"));
        new ControlFile(ControlFile.State.SHUT_DOWN, 0x1_0000_0042L, 0x1_0000_0010L, 77, 20000, 123456789L)
                .write(data, true);
        byte[] bytes = Files.readAllBytes(data.resolve(ControlFile.PATH));
        int recorded = CatalogVersion.CATALOG_VERSION_NO;
        assertThatThrownBy(() -> ControlFile.decode(bytes, recorded + 1)).isInstanceOfSatisfying(SqlException.class,
                e -> {
                    assertThat(e.severity()).isEqualTo(Severity.FATAL);
                    assertThat(e.getMessage()).isEqualTo("database files are incompatible with server");
                    assertThat(e.detail()).isEqualTo("The database cluster was initialized with CATALOG_VERSION_NO "
                            + recorded + ", but the server was compiled with CATALOG_VERSION_NO " + (recorded + 1)
                            + ".");
                    assertThat(e.hint()).isEqualTo("It looks like you need to initdb.");
                });
    }

    @Test
    void refusesAControlFileOfAnotherLayout() throws Exception {
        byte[] bytes = new byte[ControlFile.FILE_SIZE];
        java.nio.ByteBuffer.wrap(bytes).putInt(ControlFile.MAGIC).putInt(1);
        assertThatThrownBy(() -> ControlFile.decode(bytes)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.detail()).isEqualTo("The database cluster was initialized with PG_CONTROL_VERSION 1, "
                        + "but the server was compiled with PG_CONTROL_VERSION " + ControlFile.FORMAT_VERSION + "."));
    }
}
