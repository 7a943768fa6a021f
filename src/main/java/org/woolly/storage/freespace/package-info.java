/**
 * The free space map: which pages of a relation have room for a new tuple. Counterpart of
 * {@code src/backend/storage/freespace}. Woolly keeps it in memory only (no {@code _fsm} fork
 * yet): it is rebuilt lazily, seeded with a relation's last block and learning each page's free
 * space when the heap or a scan has the page in hand; it is a hint that callers re-check under
 * the page lock. Entry point: {@link org.woolly.storage.freespace.FreeSpaceMap}.
 */
package org.woolly.storage.freespace;
