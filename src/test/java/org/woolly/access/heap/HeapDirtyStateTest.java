package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Transaction;

/** {@link HeapAccess#dirtyState}: what a unique index's check learns about the row an equal key points at. */
class HeapDirtyStateTest {
    @TempDir
    Path data;

    @Test
    void insertsAndDeletesOfRunningTransactionsAreInProgressCommittedOnesSettle() {
        HeapTestSupport support = new HeapTestSupport(data, 16);
        HeapAccessMethod heap = support.heap;
        Transaction checker = support.transactions.begin();
        checker.assignXid();

        Transaction inserter = support.transactions.begin();
        Tid running = heap.insert(TABLE, bytes("running"), inserter);
        assertThat(heap.dirtyState(TABLE, running, checker)).isEqualTo(DirtyState.inProgress(inserter.xid()));
        assertThat(heap.dirtyState(TABLE, running, inserter)).as("own insert").isEqualTo(DirtyState.LIVE);
        support.transactions.commit(inserter);
        assertThat(heap.dirtyState(TABLE, running, checker)).isEqualTo(DirtyState.LIVE);

        Transaction aborted = support.transactions.begin();
        Tid never = heap.insert(TABLE, bytes("never"), aborted);
        support.transactions.abort(aborted);
        assertThat(heap.dirtyState(TABLE, never, checker)).isEqualTo(DirtyState.DEAD);

        Transaction deleter = support.transactions.begin();
        assertThat(heap.delete(TABLE, running, deleter, deleter.takeSnapshot()).status())
                .isEqualTo(ModifyResult.Status.OK);
        assertThat(heap.dirtyState(TABLE, running, checker)).isEqualTo(DirtyState.inProgress(deleter.xid()));
        assertThat(heap.dirtyState(TABLE, running, deleter)).as("own delete").isEqualTo(DirtyState.DEAD);
        support.transactions.abort(deleter);
        assertThat(heap.dirtyState(TABLE, running, checker)).as("delete rolled back").isEqualTo(DirtyState.LIVE);

        Transaction committedDeleter = support.transactions.begin();
        heap.delete(TABLE, running, committedDeleter, committedDeleter.takeSnapshot());
        support.transactions.commit(committedDeleter);
        assertThat(heap.dirtyState(TABLE, running, checker)).isEqualTo(DirtyState.DEAD);
        assertThat(heap.dirtyState(TABLE, new Tid(0, 99), checker)).as("no tuple there").isEqualTo(DirtyState.DEAD);
        assertThat(heap.dirtyState(TABLE, new Tid(7, 1), checker)).as("past the end").isEqualTo(DirtyState.DEAD);
    }
}
