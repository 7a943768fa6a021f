package org.woolly.storage.buffer;

import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/** Which page a buffer holds: the buffer table's key ({@code BufferTag} in {@code buf_internals.h}). */
public record BufferTag(RelFileLocator relation, ForkNumber fork, int blockNumber) {}
