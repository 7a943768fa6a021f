package org.woolly.access.transam;

import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * A page a WAL record changes. {@code pageImage} is a full-page image (8 KB, or null) logged on
 * the first change of the page after a checkpoint, which redo restores instead of replaying
 * {@code data}; {@code willInit} says redo starts from an empty page (no read needed).
 */
public record BlockReference(RelFileLocator relation, ForkNumber fork, int blockNumber, boolean willInit,
                             byte[] pageImage, byte[] data) {}
