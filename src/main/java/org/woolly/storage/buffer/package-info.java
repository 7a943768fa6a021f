/**
 * The shared buffer pool: pages cached in a fixed set of buffers with pins, content locks,
 * clock-sweep replacement and the WAL-before-data rule. Counterpart of
 * {@code src/backend/storage/buffer}. Entry points: {@link org.woolly.storage.buffer.BufferPool}
 * ({@code read}, {@code extend}, {@code readForRedo}, {@code markDirty}, {@code release},
 * {@code flushAll}, {@code dropRelation}) and {@link org.woolly.storage.buffer.Buffer} (content
 * locks). The access rules are numbered in README.md beside this file.
 */
package org.woolly.storage.buffer;
