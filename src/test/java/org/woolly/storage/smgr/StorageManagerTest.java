package org.woolly.storage.smgr;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class StorageManagerTest {
    @TempDir
    Path data;

    private static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16384);
    private static final RelFileLocator SHARED = new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE_OID, 0, 1262);

    private static byte[] pageWith(int marker) {
        byte[] bytes = new byte[Page.SIZE];
        Page page = Page.wrap(bytes);
        page.initialize(0);
        page.addItem(new byte[] {(byte) marker, 42});
        return bytes;
    }

    @Test
    void createIsIdempotentAndUsesPostgresPaths() {
        try (StorageManager storage = new StorageManager(data, new PanicState())) {
            storage.create(TABLE, ForkNumber.MAIN);
            storage.create(TABLE, ForkNumber.MAIN);
            storage.create(TABLE, ForkNumber.FSM);
            storage.create(SHARED, ForkNumber.MAIN);
            assertThat(data.resolve("base/5/16384")).exists();
            assertThat(data.resolve("base/5/16384_fsm")).exists();
            assertThat(data.resolve("global/1262")).exists();
            assertThat(storage.exists(TABLE, ForkNumber.VISIBILITY_MAP)).isFalse();
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isZero();
        }
    }

    @Test
    void blocksSpreadOverSegmentsAndReadBack() {
        try (StorageManager storage = new StorageManager(data, 2, new PanicState())) {
            storage.create(TABLE, ForkNumber.MAIN);
            for (int block = 0; block < 5; block++) {
                storage.write(TABLE, ForkNumber.MAIN, block, pageWith(block));
            }
            assertThat(data.resolve("base/5/16384")).hasSize(2L * Page.SIZE);
            assertThat(data.resolve("base/5/16384.1")).hasSize(2L * Page.SIZE);
            assertThat(data.resolve("base/5/16384.2")).hasSize(Page.SIZE);
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(5);
            byte[] read = new byte[Page.SIZE];
            storage.read(TABLE, ForkNumber.MAIN, 3, read);
            assertThat(Page.wrap(read).item(1)).containsExactly(3, 42);

            storage.truncate(TABLE, ForkNumber.MAIN, 2);
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(2);
            assertThat(data.resolve("base/5/16384.1")).doesNotExist();
            storage.syncAll();

            storage.unlink(TABLE);
            assertThat(storage.exists(TABLE, ForkNumber.MAIN)).isFalse();
            storage.unlink(TABLE);
        }
    }

    @Test
    void corruptedPageIsReportedAsXX001() throws Exception {
        try (StorageManager writer = new StorageManager(data, new PanicState())) {
            writer.create(TABLE, ForkNumber.MAIN);
            writer.write(TABLE, ForkNumber.MAIN, 0, pageWith(1));
            writer.write(TABLE, ForkNumber.MAIN, 1, pageWith(2));
        }
        try (StorageManager storage = new StorageManager(data, new PanicState())) {
            try (RandomAccessFile file = new RandomAccessFile(data.resolve("base/5/16384").toFile(), "rw")) {
                file.seek(Page.SIZE + 8000);
                file.write(0x55);
            }
            byte[] read = new byte[Page.SIZE];
            storage.read(TABLE, ForkNumber.MAIN, 0, read);
            assertThatThrownBy(() -> storage.read(TABLE, ForkNumber.MAIN, 1, read))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.sqlState()).isEqualTo(SqlState.DATA_CORRUPTED);
                        assertThat(e.getMessage()).isEqualTo("invalid page in block 1 of relation base/5/16384");
                    });
        }
    }

    @Test
    void missingRelationIsUndefinedFile() {
        try (StorageManager storage = new StorageManager(data, new PanicState())) {
            assertThatThrownBy(() -> storage.blockCount(TABLE, ForkNumber.MAIN))
                    .isInstanceOfSatisfying(SqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_FILE));
            assertThat(Files.exists(data.resolve("base"))).isFalse();
        }
    }

    @Test
    void moreRelationsThanCachedFilesStillReadAndSync() {
        try (StorageManager storage = new StorageManager(data, new PanicState())) {
            int relations = 300;
            for (int i = 0; i < relations; i++) {
                RelFileLocator relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 20000 + i);
                storage.create(relation, ForkNumber.MAIN);
                storage.write(relation, ForkNumber.MAIN, 0, pageWith(i));
            }
            storage.syncAll();
            byte[] read = new byte[Page.SIZE];
            for (int i = 0; i < relations; i++) {
                storage.read(new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 20000 + i), ForkNumber.MAIN, 0, read);
                assertThat(Page.wrap(read).item(1)[0]).isEqualTo((byte) i);
            }
        }
    }
}
