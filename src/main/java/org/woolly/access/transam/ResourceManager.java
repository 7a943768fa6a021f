package org.woolly.access.transam;

/**
 * Redo for one family of WAL records ({@code RmgrData} in {@code rmgr.h}). Recovery hands each
 * record to the resource manager named in it, with the LSN just past the record's end (what a
 * page LSN becomes once the record is applied to it).
 */
public interface ResourceManager {

    /** The id written in records; see {@link ResourceManagerIds}. */
    int id();

    String name();

    void redo(WalRecord record, long endLsn);

    /** A one-line description for diagnostics (like pg_waldump's). */
    String describe(WalRecord record);
}
