/**
 * Heavyweight locks: relation locks in PostgreSQL's eight table-level modes and transaction
 * locks (waiting for another transaction to end), with deadlock detection on the wait-for graph
 * after deadlock_timeout (40P01). Counterpart of {@code src/backend/storage/lmgr}
 * ({@code lock.c}, {@code lmgr.c}, {@code deadlock.c}), and serializable snapshot isolation's predicate locks
 * ({@code predicate.c}). Entry points: {@link org.woolly.storage.lmgr.LockManager},
 * {@link org.woolly.storage.lmgr.PredicateLockManager}.
 */
package org.woolly.storage.lmgr;
