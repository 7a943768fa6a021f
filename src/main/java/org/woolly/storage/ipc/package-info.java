/**
 * The proc array: which transactions are running, the snapshots taken from it, and the xmin
 * horizon below which no running transaction can see a dead tuple. Counterpart of
 * {@code src/backend/storage/ipc/procarray.c}. Entry point: {@link org.woolly.storage.ipc.ProcArray}.
 */
package org.woolly.storage.ipc;
