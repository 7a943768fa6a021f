package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.DefaultStorageServices;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageStartup;
import org.woolly.access.transam.TopTransaction;
import org.woolly.access.transam.Transaction;
import org.woolly.server.StorageWiring;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.adt.TypeOids;

/**
 * Redo of the B-tree's WAL records: replaying them rebuilds the same pages, and crash recovery
 * brings back an index whose dirty pages were lost or whose page write tore (the full-page
 * image of the first change after a checkpoint repairs it, PostgreSQL's full_page_writes rule).
 */
class BTreeRecoveryTest {
    @TempDir
    Path data;
    @TempDir
    Path replica;

    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64).withFsync(false);

    private static byte[] pageOf(BufferPool pool, RelFileLocator relation, int block) {
        Buffer buffer = pool.read(relation, block);
        buffer.lockShared();
        try {
            byte[] copy = Arrays.copyOf(buffer.data(), Page.SIZE);
            Page.putShort(copy, 8, 0);
            return copy;
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    @Test
    void replayingTheLoggedRecordsRebuildsEveryPageByteForByte() {
        BTreeTestSupport source = new BTreeTestSupport(data, 128);
        IndexShape index = BTreeTestSupport.intIndex(false);
        Transaction tx = source.transactions.begin();
        List<IndexEntry> initial = new ArrayList<>();
        for (int n = 0; n < 3000; n += 3) {
            initial.add(new IndexEntry(new Object[] {n}, tid(n), true));
        }
        source.btree.build(index, initial.iterator(), source.probe, tx);
        List<Integer> rest = new ArrayList<>(IntStream.range(0, 3000).filter(n -> n % 3 != 0).boxed().toList());
        Collections.shuffle(rest, new Random(11));
        for (int n : rest) {
            source.btree.insert(index, new Object[] {n}, tid(n), source.probe, tx);
        }
        assertThat(source.wal.records.stream().map(logged -> logged.record().info()).distinct())
                .contains(BTreeWalRecords.NEWPAGES, BTreeWalRecords.INSERT_LEAF, BTreeWalRecords.SPLIT);

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 128, lsn -> { });
        BTreeAccessMethod replayed = new BTreeAccessMethod(target, source.wal, source.transactions);
        for (BTreeTestSupport.RecordingWal.Logged logged : source.wal.records) {
            replayed.resourceManager().redo(logged.record(), logged.endLsn());
        }
        int pages = (int) source.btree.pageCount(index);
        assertThat(target.blockCount(BTreeTestSupport.INDEX, org.woolly.storage.smgr.ForkNumber.MAIN)).isEqualTo(pages);
        for (int block = 0; block < pages; block++) {
            assertThat(pageOf(target, BTreeTestSupport.INDEX, block)).as("block " + block)
                    .isEqualTo(pageOf(source.pool, BTreeTestSupport.INDEX, block));
        }
        assertThat(firstColumn(replayed.beginScan(index, List.of(), false))).hasSize(3000);
        assertThat(replayed.resourceManager().describe(source.wal.records.getLast().record()))
                .containsAnyOf("INSERT_LEAF off", "SPLIT, blkref #0");
    }

    @Test
    void anIndexSurvivesACrashThatLosesItsDirtyPagesAndATornPageWrite() throws Exception {
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        RelFileLocator relation;
        IndexShape index;
        DefaultStorageServices services = StorageWiring.open(data, OPTIONS);
        relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        index = new IndexShape(relation, "crash", List.of(TypeOids.TEXT), 1, List.of(false), List.of(false), true,
                false);
        BTreeAccess btree = BTreeAccess.of(services);
        BTreeTestSupport.Probe probe = new BTreeTestSupport.Probe();
        TopTransaction writer = services.transactions().begin();
        writer.createRelationStorage(relation);
        btree.buildEmpty(index, writer);
        for (int n = 0; n < 4000; n += 2) {
            btree.insert(index, new Object[] {key(n)}, tid(n), probe, writer);
        }
        services.transactions().commit(writer);
        services.shutdownImmediately();

        services = StorageWiring.open(data, OPTIONS);
        btree = BTreeAccess.of(services);
        assertThat(firstColumn(btree.beginScan(index, List.of(), false))).as("after losing every dirty page")
                .isEqualTo(IntStream.range(0, 2000).mapToObj(n -> key(2 * n)).toList());
        services.checkpoint();
        Path file = data.resolve("base/5/" + relation.relNumber());
        byte[] before = Files.readAllBytes(file);
        TopTransaction more = services.transactions().begin();
        for (int n = 1; n < 4000; n += 2) {
            btree.insert(index, new Object[] {key(n)}, tid(n), probe, more);
        }
        services.transactions().commit(more);
        services.bufferPool().flushRelation(relation);
        byte[] after = Files.readAllBytes(file);
        // every page of the old file tears: its new first half over its old second half
        byte[] torn = Arrays.copyOf(after, after.length);
        for (int block = 0; block < before.length / Page.SIZE; block++) {
            int secondHalf = block * Page.SIZE + Page.SIZE / 2;
            System.arraycopy(before, secondHalf, torn, secondHalf, Page.SIZE / 2);
        }
        Files.write(file, torn);
        services.shutdownImmediately();

        try (DefaultStorageServices reopened = StorageWiring.open(data, OPTIONS)) {
            assertThat(firstColumn(BTreeAccess.of(reopened).beginScan(index, List.of(), false)))
                    .isEqualTo(IntStream.range(0, 4000).mapToObj(BTreeRecoveryTest::key).toList());
        }
    }

    private static String key(int n) {
        return String.format("key %06d", n) + "-".repeat(40);
    }
}
