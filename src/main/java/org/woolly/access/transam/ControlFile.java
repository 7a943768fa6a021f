package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.woolly.utils.adt.CatalogVersion;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.storage.smgr.FileSync;

/**
 * {@code global/pg_control}: the catalog version the cluster was made with, the cluster state,
 * the last checkpoint's location and redo pointer, and the XID/OID counters it recorded, with a
 * CRC32C; 8192 bytes, replaced
 * atomically (temporary file, fsync, rename, directory fsync). Format in README.md.
 * Counterpart of {@code ControlFileData} ({@code pg_control.h}) and {@code UpdateControlFile}.
 */
public record ControlFile(State state, long checkpointLsn, long redoLsn, long nextXid, int nextOid, long timeMillis,
                          MultiXacts.Counters multis) {
    public static final String PATH = "global/pg_control";
    static final int FILE_SIZE = 8192;
    static final int MAGIC = 0x574F4C59;
    /** PostgreSQL's {@code PG_CONTROL_VERSION}: the layout of this file. */
    static final int FORMAT_VERSION = 3;
    /** Fields (76 bytes) then their CRC32C. */
    private static final int CONTENT_SIZE = 80;

    public ControlFile(State state, long checkpointLsn, long redoLsn, long nextXid, int nextOid, long timeMillis) {
        this(state, checkpointLsn, redoLsn, nextXid, nextOid, timeMillis, MultiXacts.Counters.INITIAL);
    }

    /** {@code DBState}, numbered as PostgreSQL's. */
    public enum State {
        STARTUP(0), SHUT_DOWN(1), SHUT_DOWN_IN_RECOVERY(2), SHUTTING_DOWN(3), IN_CRASH_RECOVERY(4),
        IN_ARCHIVE_RECOVERY(5), IN_PRODUCTION(6);

        final int code;

        State(int code) {
            this.code = code;
        }

        static State of(int code) {
            for (State state : values()) {
                if (state.code == code) {
                    return state;
                }
            }
            throw corrupted("invalid database state " + code);
        }
    }

    public ControlFile withState(State newState) {
        return new ControlFile(newState, checkpointLsn, redoLsn, nextXid, nextOid, System.currentTimeMillis(), multis);
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(FILE_SIZE);
        buffer.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(CatalogVersion.CATALOG_VERSION_NO).putInt(state.code).putLong(checkpointLsn).putLong(redoLsn)
                .putLong(nextXid).putInt(nextOid).putLong(timeMillis).putLong(multis.nextMulti())
                .putLong(multis.nextOffset()).putLong(multis.oldestMulti());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, CONTENT_SIZE - 4);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    static ControlFile decode(byte[] bytes) {
        return decode(bytes, CatalogVersion.CATALOG_VERSION_NO);
    }

    /**
     * Checks, as {@code ReadControlFile} does, the file's layout version before its checksum (a
     * file of another layout has its checksum elsewhere) and then the catalog version.
     */
    static ControlFile decode(byte[] bytes, int serverCatalogVersion) {
        if (bytes.length >= 8 && ByteBuffer.wrap(bytes).getInt() == MAGIC
                && ByteBuffer.wrap(bytes).getInt(4) != FORMAT_VERSION) {
            throw incompatible("PG_CONTROL_VERSION", ByteBuffer.wrap(bytes).getInt(4), FORMAT_VERSION);
        }
        if (bytes.length < CONTENT_SIZE) {
            throw corrupted("pg_control is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CONTENT_SIZE - 4);
        if (buffer.getInt(CONTENT_SIZE - 4) != (int) crc.getValue()) {
            throw corrupted("incorrect checksum in control file");
        }
        if (buffer.getInt() != MAGIC || buffer.getInt() != FORMAT_VERSION) {
            throw corrupted("control file has an unknown format");
        }
        int catalogVersion = buffer.getInt();
        if (catalogVersion != serverCatalogVersion) {
            throw incompatible("CATALOG_VERSION_NO", catalogVersion, serverCatalogVersion);
        }
        return new ControlFile(State.of(buffer.getInt()), buffer.getLong(), buffer.getLong(), buffer.getLong(),
                buffer.getInt(), buffer.getLong(),
                new MultiXacts.Counters(buffer.getLong(), buffer.getLong(), buffer.getLong()));
    }

    public static ControlFile read(Path dataDirectory) {
        Path path = dataDirectory.resolve(PATH);
        try {
            return decode(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new SqlException(Severity.FATAL, SqlState.UNDEFINED_FILE,
                    "could not open file \"" + path + "\": No such file or directory", null, null, 0, e);
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read file \"" + path + "\"", e);
        }
    }

    public void write(Path dataDirectory, boolean fsync) {
        Path path = dataDirectory.resolve(PATH);
        try {
            FileSync.writeAtomically(path, encode(), fsync);
        } catch (IOException e) {
            throw new SqlException(Severity.PANIC, SqlState.IO_ERROR, "could not write file \"" + path + "\": "
                    + e.getMessage(), null, null, 0, e);
        }
    }

    /** PostgreSQL's message for a cluster made by an incompatible binary (no SQLSTATE given: XX000). */
    private static SqlException incompatible(String what, int cluster, int server) {
        return new SqlException(Severity.FATAL, SqlState.INTERNAL_ERROR, "database files are incompatible with server",
                "The database cluster was initialized with " + what + " " + cluster
                        + ", but the server was compiled with " + what + " " + server + ".",
                "It looks like you need to initdb.", 0, null);
    }

    private static SqlException corrupted(String message) {
        return new SqlException(Severity.FATAL, SqlState.DATA_CORRUPTED, message, null, null, 0, null);
    }
}
