/**
 * Transactions and the write-ahead log: WAL insertion, flushing with group commit and reading
 * back ({@link org.woolly.access.transam.WriteAheadLog}, {@link org.woolly.access.transam.WalReader},
 * {@link org.woolly.access.transam.WalRecordCodec}), the commit log
 * ({@link org.woolly.access.transam.CommitLog}), XIDs, snapshots and commit/abort
 * ({@link org.woolly.access.transam.DefaultTransactionManager}), OIDs, checkpoints, pg_control
 * and crash recovery through the registry of resource managers
 * ({@link org.woolly.access.transam.ResourceManagerRegistry}); access methods plug in as
 * {@link org.woolly.access.transam.StorageModule}s and are found by name in the
 * {@link org.woolly.access.transam.AccessMethodRegistry}, so this package imports none of them.
 * Counterpart of {@code src/backend/access/transam}. Entry points:
 * {@link org.woolly.access.transam.StorageStartup#initialize} and
 * {@link org.woolly.access.transam.StorageStartup#open}. Formats and invariants: README.md.
 */
package org.woolly.access.transam;
