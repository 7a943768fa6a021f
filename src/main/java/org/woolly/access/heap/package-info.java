/**
 * The heap access method: MVCC tuples in slotted pages, WAL-logged, with 64-bit XIDs.
 * Counterpart of {@code src/backend/access/heap} ({@code heapam.c}, {@code hio.c},
 * {@code heapam_visibility.c}, {@code combocid.c}). Entry point:
 * {@link org.woolly.access.heap.HeapAccessMethod} (implements the {@code HeapAccess} contract;
 * {@code resourceManager()} is the heap's redo; {@code HeapAccessMethod.MODULE} registers both
 * when storage opens, found again with {@code HeapAccess.of(storage)}). Tuple layout, WAL records and locking rules are
 * in README.md beside this file.
 */
package org.woolly.access.heap;
