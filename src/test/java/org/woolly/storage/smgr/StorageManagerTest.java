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

    /** The cached size follows writes past the end, truncation, unlink and a new file; a new instance measures again. */
    @Test
    void cachedBlockCountFollowsExtendTruncateAndUnlink() {
        try (StorageManager storage = new StorageManager(data, 2, new PanicState())) {
            storage.create(TABLE, ForkNumber.MAIN);
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isZero();
            for (int block = 0; block < 5; block++) {
                storage.write(TABLE, ForkNumber.MAIN, block, pageWith(block));
                assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(block + 1);
            }
            storage.write(TABLE, ForkNumber.MAIN, 1, pageWith(9));
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(5);
            storage.truncate(TABLE, ForkNumber.MAIN, 3);
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(3);
            storage.write(TABLE, ForkNumber.MAIN, 3, pageWith(3));
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(4);
            storage.unlink(TABLE);
            assertThatThrownBy(() -> storage.blockCount(TABLE, ForkNumber.MAIN))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_FILE));
            storage.create(TABLE, ForkNumber.MAIN);
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isZero();
            storage.write(TABLE, ForkNumber.MAIN, 0, pageWith(0));
            storage.write(TABLE, ForkNumber.MAIN, 1, pageWith(1));
        }
        try (StorageManager restarted = new StorageManager(data, 2, new PanicState())) {
            assertThat(restarted.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(2);
        }
    }

    /** Sizes measured while another thread extends the fork never stick below the real size. */
    @Test
    void blockCountsMeasuredDuringExtensionsDoNotGoStale() throws Exception {
        try (StorageManager storage = new StorageManager(data, 4, new PanicState())) {
            storage.create(TABLE, ForkNumber.MAIN);
            int blocks = 200;
            Thread extender = Thread.ofPlatform().start(() -> {
                for (int block = 0; block < blocks; block++) {
                    storage.write(TABLE, ForkNumber.MAIN, block, pageWith(block));
                    if (block % 16 == 0) {
                        storage.truncate(TABLE, ForkNumber.MAIN, block + 1);
                    }
                }
            });
            int last = 0;
            while (extender.isAlive()) {
                int seen = storage.blockCount(TABLE, ForkNumber.MAIN);
                assertThat(seen).isBetween(last, blocks);
                last = seen;
            }
            extender.join();
            assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(blocks);
        }
    }
}
