package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The shared block counter of a Parallel Seq Scan ({@code table_block_parallelscan_nextpage}). */
class ParallelBlockTableTest {

    @Test
    void chunksArePowersOfTwoOfAbout2048PerTableAtMost8192Blocks() {
        assertThat(new ParallelBlockTable(0).initialChunkSize()).isEqualTo(1);
        assertThat(new ParallelBlockTable(100).initialChunkSize()).isEqualTo(1);
        assertThat(new ParallelBlockTable(16394).initialChunkSize()).isEqualTo(8);
        assertThat(new ParallelBlockTable(2048 * 3).initialChunkSize()).isEqualTo(4);
        assertThat(new ParallelBlockTable(Integer.MAX_VALUE).initialChunkSize()).isEqualTo(8192);
    }

    @Test
    void oneParticipantGetsEveryBlockInOrderAndTheChunksShrinkAtTheEnd() {
        ParallelBlockTable table = new ParallelBlockTable(20000);
        ParallelBlockTable.Participant participant = table.participant();
        List<Integer> blocks = new ArrayList<>();
        int block;
        while ((block = participant.nextBlock()) >= 0) {
            blocks.add(block);
        }
        assertThat(blocks).hasSize(20000);
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(blocks.get(i)).isEqualTo(i);
        }
        assertThat(participant.nextBlock()).isEqualTo(-1);
        assertThat(table.participant().nextBlock()).isEqualTo(-1);
    }

    @Test
    void twoParticipantsTakeAlternateChunks() {
        ParallelBlockTable table = new ParallelBlockTable(16394); // chunks of 8
        ParallelBlockTable.Participant first = table.participant();
        ParallelBlockTable.Participant second = table.participant();
        assertThat(first.nextBlock()).isEqualTo(0);
        assertThat(second.nextBlock()).isEqualTo(8);
        for (int i = 1; i < 8; i++) {
            assertThat(first.nextBlock()).isEqualTo(i);
        }
        assertThat(first.nextBlock()).isEqualTo(16);
        assertThat(second.nextBlock()).isEqualTo(9);
    }

    @Test
    void concurrentParticipantsReadEachBlockExactlyOnce() throws Exception {
        int blockCount = 50_000;
        ParallelBlockTable table = new ParallelBlockTable(blockCount);
        ConcurrentLinkedQueue<Integer> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                ParallelBlockTable.Participant participant = table.participant();
                try {
                    start.await();
                } catch (InterruptedException interrupted) {
                    return;
                }
                int block;
                while ((block = participant.nextBlock()) >= 0) {
                    claimed.add(block);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        BitSet seen = new BitSet(blockCount);
        for (int block : claimed) {
            assertThat(seen.get(block)).as("block %d claimed twice", block).isFalse();
            seen.set(block);
        }
        assertThat(claimed).hasSize(blockCount);
        assertThat(seen.cardinality()).isEqualTo(blockCount);
    }
}
