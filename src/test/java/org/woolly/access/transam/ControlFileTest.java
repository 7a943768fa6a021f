package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
