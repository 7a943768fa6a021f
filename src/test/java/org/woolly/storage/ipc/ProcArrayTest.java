package org.woolly.storage.ipc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The xmin horizon ({@code ComputeXidHorizons}): running XIDs and snapshot xmins, a lazy VACUUM's snapshot left out. */
class ProcArrayTest {

    @Test
    void aLazyVacuumsSnapshotHoldsBackNoOnesHorizonButItsXidDoes() {
        ProcArray procs = new ProcArray(100);
        ProcArray.Entry writer = procs.add(1);
        assertThat(procs.assignXid(writer, xid -> { })).isEqualTo(100L);
        ProcArray.Entry vacuum = procs.add(2);
        assertThat(procs.takeSnapshot(vacuum).xmin()).isEqualTo(100L);
        procs.remove(writer);
        // the writer has ended, but the snapshot that saw it running still needs its old rows
        assertThat(procs.oldestXmin()).isEqualTo(100L);

        vacuum.setInVacuum(true);
        assertThat(procs.oldestXmin()).isEqualTo(101L);
        // an XID it takes (to update pg_class) still counts
        assertThat(procs.assignXid(vacuum, xid -> { })).isEqualTo(101L);
        ProcArray.Entry reader = procs.add(3);
        procs.takeSnapshot(reader);
        assertThat(procs.oldestXmin()).isEqualTo(101L);

        vacuum.setInVacuum(false);
        assertThat(procs.oldestXmin()).isEqualTo(100L);
    }
}
