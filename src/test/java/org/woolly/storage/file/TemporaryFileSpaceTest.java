package org.woolly.storage.file;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Temporary files as fd.c makes them: named pgsql_tmpPID.N under base/pgsql_tmp, read back from
 * any offset while more is appended, capped by temp_file_limit, deleted on close (reporting
 * their size) or by the owner's closeAll, and swept at start-up.
 */
class TemporaryFileSpaceTest {
    @TempDir
    Path data;

    @Test
    void filesAreNamedAfterTheBackendAndReadBackFromAnyOffset() throws Exception {
        TemporaryFileSpace space = new TemporaryFileSpace(data);
        List<Long> deleted = new ArrayList<>();
        try (TemporaryFileSet set = space.newSet(4242, -1, -1, deleted::add)) {
            TemporaryFile file = set.create();
            assertThat(Files.list(data.resolve("base/pgsql_tmp")).map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().matches("pgsql_tmp4242\\.\\d+");
            DataOutputStream out = new DataOutputStream(file.output());
            for (int i = 0; i < 10_000; i++) {
                out.writeInt(i);
            }
            long middle = file.length();
            out.writeLong(Long.MIN_VALUE);
            // a reader of the first part and one of the tail, interleaved, with buffers smaller than the data
            DataInputStream head = new DataInputStream(file.input(0, middle, 100));
            DataInputStream tail = new DataInputStream(file.input(middle, 8, 100));
            assertThat(head.readInt()).isZero();
            assertThat(tail.readLong()).isEqualTo(Long.MIN_VALUE);
            for (int i = 1; i < 10_000; i++) {
                assertThat(head.readInt()).isEqualTo(i);
            }
            assertThat(head.read()).isEqualTo(-1);
            file.close();
            assertThat(deleted).containsExactly(40_008L);
            assertThat(Files.list(data.resolve("base/pgsql_tmp")).toList()).isEmpty();
        }
    }

    @Test
    void tempFileLimitCountsEveryOpenFileOfTheOwner() throws Exception {
        TemporaryFileSpace space = new TemporaryFileSpace(data);
        TemporaryFileSet set = space.newSet(1, 16, -1, size -> { });
        TemporaryFile first = set.create();
        TemporaryFile second = set.create();
        first.output().write(new byte[12 * 1024], 0, 12 * 1024);
        first.flush();
        second.output().write(new byte[3 * 1024], 0, 3 * 1024);
        second.flush();
        second.output().write(new byte[2 * 1024], 0, 2 * 1024);
        assertThatThrownBy(second::flush).isInstanceOfSatisfying(SqlException.class, error -> {
            assertThat(error.sqlState()).isEqualTo(SqlState.CONFIGURATION_LIMIT_EXCEEDED);
            assertThat(error.getMessage()).isEqualTo("temporary file size exceeds temp_file_limit (16kB)");
        });
        assertThat(set.openFiles()).isEqualTo(2);
        set.closeAll();
        assertThat(set.openFiles()).isZero();
        assertThat(space.directory()).isEmptyDirectory();
    }

    @Test
    void startUpRemovesWhatAKilledServerLeft() throws Exception {
        Path directory = Files.createDirectories(data.resolve("base/pgsql_tmp"));
        Files.writeString(directory.resolve("pgsql_tmp77.0"), "left by a crash");
        Files.writeString(directory.resolve("pgsql_tmp77.1"), "");
        Files.writeString(directory.resolve("unrelated"), "kept");
        assertThat(new TemporaryFileSpace(data).removeLeftovers()).isEqualTo(2);
        assertThat(Files.list(directory).map(p -> p.getFileName().toString()).toList()).containsExactly("unrelated");
    }
}
