/**
 * Relation files: forks, 1 GB segments, block reads and writes, truncation, removal and the
 * checkpoint's fsync of everything written since the last one. Counterpart of
 * {@code src/backend/storage/smgr} ({@code smgr.c}, {@code md.c}). Entry point:
 * {@link org.woolly.storage.smgr.StorageManager}; file naming in README.md beside this file.
 */
package org.woolly.storage.smgr;
