package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.woolly.storage.smgr.FileSync;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The server's prepared transactions and their {@code pg_twophase/} files ({@code TwoPhaseState}
 * and the state-file half of {@code twophase.c}). A GID is reserved before the PREPARE record is
 * written and becomes visible (valid) once that record is flushed; COMMIT PREPARED and ROLLBACK
 * PREPARED mark it busy while they finish it, so two backends never finish one transaction.
 *
 * <p>Durability follows PostgreSQL 15: the PREPARE record carries the state, and a checkpoint
 * writes each prepared transaction's state into {@code pg_twophase/<xid as 16 hex digits>}
 * (state bytes and their CRC32C), fsynced, before its redo point moves past the record
 * ({@code CheckPointTwoPhase}). Start-up reads those files, replay adds what PREPARE records
 * after the redo point say and removes what COMMIT/ROLLBACK PREPARED records end
 * ({@code restoreTwoPhaseData}, {@code PrepareRedoAdd}, {@code PrepareRedoRemove}).
 */
final class TwoPhaseState {
    static final String DIRECTORY = "pg_twophase";

    private final Path directory;
    private final boolean fsync;
    private final Map<String, PreparedTransaction> byGid = new LinkedHashMap<>();

    TwoPhaseState(Path directory, boolean fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    /**
     * {@code MarkAsPreparing}: reserves {@code gid} for the transaction (42710 if taken, 53200
     * past max_prepared_transactions, which the caller has checked to be nonzero).
     */
    synchronized void reserve(PreparedTransaction prepared, int maxPrepared) {
        if (byGid.containsKey(prepared.gid())) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "transaction identifier \"%s\" is already in use",
                    prepared.gid());
        }
        if (byGid.size() >= maxPrepared) {
            throw SqlException.of(SqlState.OUT_OF_MEMORY, "maximum number of prepared transactions reached")
                    .withHint("Increase max_prepared_transactions (currently %d).".formatted(maxPrepared));
        }
        byGid.put(prepared.gid(), prepared);
    }

    /** Adds a transaction rebuilt by recovery, valid at once. */
    synchronized void addRecovered(PreparedTransaction prepared) {
        prepared.valid = true;
        prepared.recovered = true;
        byGid.put(prepared.gid(), prepared);
    }

    synchronized void markValid(PreparedTransaction prepared) {
        prepared.valid = true;
    }

    /**
     * {@code LockGXact}: the valid prepared transaction called {@code gid}, now busy (55000 if
     * another backend is finishing it, 42704 if there is none).
     */
    synchronized PreparedTransaction lock(String gid) {
        PreparedTransaction prepared = byGid.get(gid);
        if (prepared == null || !prepared.valid) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "prepared transaction with identifier \"%s\" does not exist",
                    gid);
        }
        if (prepared.busy) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "prepared transaction with identifier \"%s\" is busy", gid);
        }
        prepared.busy = true;
        return prepared;
    }

    synchronized void unlock(PreparedTransaction prepared) {
        prepared.busy = false;
    }

    /** Forgets a prepared transaction that ended (or whose PREPARE failed), and its state file. */
    void remove(PreparedTransaction prepared) {
        synchronized (this) {
            byGid.remove(prepared.gid(), prepared);
        }
        try {
            Files.deleteIfExists(file(prepared.xid()));
        } catch (IOException e) {
            System.getLogger(TwoPhaseState.class.getName()).log(System.Logger.Level.WARNING,
                    "could not remove two-phase state file for transaction " + prepared.xid(), e);
        }
    }

    /** The valid prepared transactions, in the order they were prepared ({@code pg_prepared_xact}). */
    synchronized List<PreparedTransaction> list() {
        return byGid.values().stream().filter(prepared -> prepared.valid).toList();
    }

    /**
     * {@code CheckPointTwoPhase}: every prepared transaction's state into its file, fsynced with
     * the directory, so the checkpoint's redo point may move past the PREPARE records. Files of
     * transactions that ended meanwhile are removed by whoever ended them.
     */
    void checkpoint() {
        List<PreparedTransaction> prepared;
        synchronized (this) {
            prepared = new ArrayList<>(byGid.values());
        }
        try {
            boolean wrote = false;
            for (PreparedTransaction each : prepared) {
                Path file = file(each.xid());
                if (!Files.exists(file)) {
                    FileSync.writeAtomically(file, withChecksum(TwoPhaseRecords.encode(each.state())), fsync);
                    wrote = true;
                }
            }
            if (wrote && fsync) {
                FileSync.syncDirectory(directory);
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not write two-phase state file", e);
        }
    }

    /**
     * {@code restoreTwoPhaseData}: the states in {@code pg_twophase/} by XID. A file whose
     * checksum does not match stops start-up, as PostgreSQL's "corrupted two-phase state file".
     */
    Map<Long, TwoPhaseRecords.State> readFiles() {
        Map<Long, TwoPhaseRecords.State> states = new LinkedHashMap<>();
        try {
            Files.createDirectories(directory);
            try (var files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.matches("[0-9A-F]{16}")) {
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    CRC32C crc = new CRC32C();
                    crc.update(bytes, 0, Math.max(0, bytes.length - 4));
                    if (bytes.length < 4 || buffer.getInt(bytes.length - 4) != (int) crc.getValue()) {
                        throw new SqlException(org.woolly.utils.error.Severity.PANIC, SqlState.DATA_CORRUPTED,
                                "corrupted two-phase state file for transaction " + Long.parseUnsignedLong(name, 16),
                                null, null, 0, null);
                    }
                    TwoPhaseRecords.State state = TwoPhaseRecords.decode(java.util.Arrays.copyOf(bytes, bytes.length - 4));
                    states.put(state.xid(), state);
                }
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read directory \"" + directory + "\"", e);
        }
        return states;
    }

    /** Removes the state file of a transaction that recovery found ended. */
    void removeFile(long xid) {
        try {
            Files.deleteIfExists(file(xid));
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not remove two-phase state file", e);
        }
    }

    private Path file(long xid) {
        return directory.resolve("%016X".formatted(xid));
    }

    private static byte[] withChecksum(byte[] state) {
        CRC32C crc = new CRC32C();
        crc.update(state);
        return ByteBuffer.allocate(state.length + 4).put(state).putInt((int) crc.getValue()).array();
    }
}
