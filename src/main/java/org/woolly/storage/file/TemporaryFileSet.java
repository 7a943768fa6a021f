package org.woolly.storage.file;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The temporary files one statement owns (the resource owner's file list in {@code fd.c}): it
 * counts their bytes against {@code temp_file_limit} as {@code FileWrite} counts
 * {@code temporary_files_size}, and {@link #closeAll()} deletes what a node did not (an error or
 * cancel in the middle of a sort). Used by one backend thread only.
 */
public final class TemporaryFileSet implements AutoCloseable {
    private final TemporaryFileSpace space;
    private final int pid;
    private final long limitBytes;
    private final long logThresholdKilobytes;
    private final LongConsumer deleted;
    private final List<TemporaryFile> open = new ArrayList<>();
    private final long limitKilobytes;
    /** Bytes of the open files together ({@code temporary_files_size}). */
    private long totalBytes;

    TemporaryFileSet(TemporaryFileSpace space, int pid, long limitKilobytes, long logThresholdKilobytes,
                     LongConsumer deleted) {
        this.space = space;
        this.pid = pid;
        this.limitKilobytes = limitKilobytes;
        this.limitBytes = limitKilobytes < 0 ? Long.MAX_VALUE : limitKilobytes * 1024;
        this.logThresholdKilobytes = logThresholdKilobytes;
        this.deleted = deleted;
    }

    /** A new empty file, deleted by {@link TemporaryFile#close()} or at the latest by {@link #closeAll()}. */
    public TemporaryFile create() {
        TemporaryFile file = new TemporaryFile(this, space.createFile(pid));
        open.add(file);
        return file;
    }

    /** Before {@code bytes} more reach the disk: 53400 when the open files would pass temp_file_limit. */
    void grow(long bytes) {
        if (totalBytes + bytes > limitBytes) {
            throw new SqlException(SqlState.CONFIGURATION_LIMIT_EXCEEDED,
                    "temporary file size exceeds temp_file_limit (" + limitKilobytes + "kB)");
        }
        totalBytes += bytes;
    }

    /** {@code ReportTemporaryFileUsage}: statistics always, the server log from log_temp_files on. */
    void removed(TemporaryFile file, long size) {
        open.remove(file);
        totalBytes -= size;
        deleted.accept(size);
        if (logThresholdKilobytes >= 0 && size / 1024 >= logThresholdKilobytes) {
            ServerLog.log(Severity.LOG, "temporary file: path \"" + space.relative(file.path()) + "\", size " + size);
        }
    }

    /** How many files are open now. */
    public int openFiles() {
        return open.size();
    }

    /** Deletes every file still open (the statement ended, well or not). */
    public void closeAll() {
        for (TemporaryFile file : List.copyOf(open)) {
            file.close();
        }
    }

    @Override
    public void close() {
        closeAll();
    }
}
