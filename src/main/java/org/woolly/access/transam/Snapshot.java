package org.woolly.access.transam;

/**
 * An MVCC snapshot ({@code SnapshotData}): every XID below {@code xmin} has ended, every XID at
 * or above {@code xmax} had not started, and {@code inProgress} (sorted) lists those in between
 * that were running. {@code currentXid} is the owner's XID (0 if none yet) and
 * {@code commandId} its current command: own changes made by earlier commands are visible.
 */
public record Snapshot(long xmin, long xmax, long[] inProgress, long currentXid, int commandId) {}
