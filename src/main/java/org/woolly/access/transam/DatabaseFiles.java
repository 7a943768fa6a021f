package org.woolly.access.transam;

import java.nio.ByteBuffer;
import java.util.List;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.smgr.StorageManager;

/**
 * The files of a whole database and the WAL records that copy or remove them: CREATE DATABASE's
 * FILE_COPY strategy and DROP DATABASE ({@code dbcommands.c}), and their redo
 * ({@code dbase_redo}, resource manager {@code RM_DBASE_ID} 4).
 *
 * <p>The crash-safety rule is PostgreSQL's for FILE_COPY: a checkpoint before the copy (so the
 * template's pages are on disk), the copy with every file fsynced, a WAL record of the copy
 * flushed, then another checkpoint (so recovery never replays the copy from a template that has
 * changed since, and the WAL of the new database starts after a redo point that already has
 * its files). If the server dies between the two checkpoints, redo of the record flushes the
 * template's replayed buffers and copies again. A drop is logged and flushed before the files
 * go, so a crash halfway through is finished by redo.
 */
public final class DatabaseFiles {
    /** {@code XLOG_DBASE_CREATE_FILE_COPY}: template OID, new database OID (4 each). */
    public static final int DBASE_CREATE_FILE_COPY = 0x00;
    /** {@code XLOG_DBASE_DROP}: database OID (4). */
    public static final int DBASE_DROP = 0x20;

    private final BufferPool bufferPool;
    private final StorageManager storageManager;

    DatabaseFiles(BufferPool bufferPool, StorageManager storageManager) {
        this.bufferPool = bufferPool;
        this.storageManager = storageManager;
    }

    static WalRecord createRecord(int templateOid, int databaseOid) {
        byte[] data = ByteBuffer.allocate(8).putInt(templateOid).putInt(databaseOid).array();
        return new WalRecord(ResourceManagerIds.DATABASE, DBASE_CREATE_FILE_COPY, 0, List.of(), data);
    }

    static WalRecord dropRecord(int databaseOid) {
        byte[] data = ByteBuffer.allocate(4).putInt(databaseOid).array();
        return new WalRecord(ResourceManagerIds.DATABASE, DBASE_DROP, 0, List.of(), data);
    }

    /** Copies the template's directory; its dirty buffers are written first. */
    void copy(int templateOid, int databaseOid) {
        bufferPool.flushDatabase(templateOid);
        storageManager.copyDatabaseDirectory(templateOid, databaseOid);
    }

    /** Forgets the database's buffers unwritten and removes its directory. */
    void remove(int databaseOid) {
        bufferPool.dropDatabase(databaseOid);
        storageManager.removeDatabaseDirectory(databaseOid);
    }

    ResourceManager resourceManager() {
        return new ResourceManager() {
            @Override
            public int id() {
                return ResourceManagerIds.DATABASE;
            }

            @Override
            public String name() {
                return "Database";
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                ByteBuffer data = ByteBuffer.wrap(record.mainData());
                switch (record.info()) {
                    case DBASE_CREATE_FILE_COPY -> copy(data.getInt(), data.getInt());
                    case DBASE_DROP -> remove(data.getInt());
                    default -> { }
                }
            }

            @Override
            public String describe(WalRecord record) {
                ByteBuffer data = ByteBuffer.wrap(record.mainData());
                return switch (record.info()) {
                    case DBASE_CREATE_FILE_COPY -> "CREATE_FILE_COPY copy dir base/" + Integer.toUnsignedString(data.getInt())
                            + " to base/" + Integer.toUnsignedString(data.getInt());
                    case DBASE_DROP -> "DROP dir base/" + Integer.toUnsignedString(data.getInt());
                    default -> "UNKNOWN info " + record.info();
                };
            }
        };
    }
}
