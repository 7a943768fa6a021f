package org.woolly.access.heap;

/**
 * What VACUUM's first pass found on one heap page ({@link HeapAccess#vacuumScanPage}).
 *
 * @param pruned           tuples removed by pruning now
 * @param live             tuples kept as live (including ones inserted or deleted by running transactions)
 * @param recentlyDead     tuples deleted by committed transactions some snapshot may still need
 * @param deadLinePointers LP_DEAD line pointers on the page (offsets, ascending), whose index entries must go
 * @param freeSpace        free bytes on the page after pruning
 * @param empty            no line pointer in use (a new or emptied page)
 * @param frozen           tuples frozen now (FREEZE_PAGE)
 * @param oldestUnfrozen   the oldest XID left on the page after freezing, {@link Long#MAX_VALUE} if none
 */
public record VacuumPage(int pruned, int live, int recentlyDead, int[] deadLinePointers, int freeSpace,
                         boolean empty, int frozen, long oldestUnfrozen) {}
