package org.woolly.commands;

import org.woolly.pgstat.CommandProgress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.VacuumPage;
import org.woolly.access.heap.VisibilityMap;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TableStatistics;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.adt.XidAge;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code VACUUM} ({@code vacuum.c} and {@code vacuumlazy.c}). Lazy VACUUM of one table, under
 * SHARE UPDATE EXCLUSIVE (readers and writers go on): (1) every page is pruned
 * ({@link HeapAccess#vacuumScanPage}: tuples dead below the xmin horizon become LP_DEAD line
 * pointers) and the TIDs of the LP_DEAD line pointers collected; (2) those TIDs are removed from
 * every B-tree index of the table ({@link BTreeAccess#bulkDelete}); (3) the line pointers become
 * unused ({@link HeapAccess#vacuumReclaim}), the free space map learns each page's room, and
 * pg_class gets relpages and reltuples; (4) empty pages at the end of the heap are cut off
 * ({@link #truncateEmptyTail}). Every page change and the truncation are WAL-logged. {@code FULL} rewrites
 * the table and its indexes under ACCESS EXCLUSIVE, as ALTER TABLE's rewrite does;
 * {@code ANALYZE} then analyzes the table. Pages scanned are frozen below the freeze limit
 * ({@link FreezeCutoffs}) and pg_class.relfrozenxid, then pg_database.datfrozenxid, advance
 * ({@link FrozenHorizon}), which lets the commit log be truncated. System catalogs are not
 * pruned (see access/heap/README.md), only frozen by a database-wide VACUUM.
 */
public final class VacuumCommand {
    private VacuumCommand() {}

    /** What one lazy VACUUM of a table did (VERBOSE's figures). */
    record Result(int pages, int pagesRemoved, long removed, long live, long recentlyDead, long deadItems,
                  int indexScans, long horizon, int scanned, int allVisible, int allFrozen, long frozenTuples,
                  long newFrozenXid) {}

    /**
     * The freezing cutoffs of one VACUUM of one table ({@code vacuum_get_cutoffs}): tuples with
     * XIDs below {@code freezeLimit} are frozen ({@code oldestXmin} minus vacuum_freeze_min_age,
     * 0 with FREEZE); the scan is aggressive (skips only all-frozen pages, so relfrozenxid can
     * always advance) when FREEZE is given or relfrozenxid is at least vacuum_freeze_table_age
     * old.
     */
    record FreezeCutoffs(long oldestXmin, long freezeLimit, boolean aggressive) {
        static FreezeCutoffs of(CommandContext context, HeapAccess heap, RelationInfo relation, boolean freeze) {
            long oldestXmin = heap.vacuumHorizon();
            // vacuum_set_xid_limits: both ages are capped by autovacuum_freeze_max_age, so a manual
            // VACUUM freezes early enough that autovacuum need not come for the table's age
            long maxAge = setting(context, "autovacuum_freeze_max_age", 200_000_000);
            long minAge = freeze ? 0 : Math.min(setting(context, "vacuum_freeze_min_age", 50_000_000), maxAge / 2);
            long tableAge = freeze ? 0
                    : Math.min(setting(context, "vacuum_freeze_table_age", 150_000_000), (long) (maxAge * 0.95));
            long freezeLimit = Math.max(FIRST_NORMAL_XID, oldestXmin - minAge);
            long relfrozenxid = context.catalog().relationFrozenXid(context.transaction(), relation.oid());
            boolean aggressive = freeze || relfrozenxid <= oldestXmin - tableAge;
            return new FreezeCutoffs(oldestXmin, freezeLimit, aggressive);
        }

        private static long setting(CommandContext context, String name, int fallback) {
            return context.settings() == null ? fallback : context.settings().getInt(name);
        }
    }

    private static final long FIRST_NORMAL_XID = 3;

    public static String vacuum(CommandContext context, Statement.Vacuum vacuum) {
        if (vacuum.full() && vacuum.parallel() > 0) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL cannot be performed in parallel");
        }
        if (!vacuum.analyze() && vacuum.targets().stream().anyMatch(target -> !target.columns().isEmpty())) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "ANALYZE option must be specified when a column list is provided");
        }
        HeapAccess heap = HeapAccess.of(context.storage());
        LockMode mode = vacuum.full() ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE;
        if (vacuum.targets().isEmpty()) {
            for (RelationInfo relation : context.catalog().tables(context.transaction())) {
                if (relation.oid() < FIRST_USER_OID) {
                    continue;
                }
                var locked = context.catalog().openRelation(context.transaction(), relation.namespaceName(),
                        relation.name(), mode);
                if (locked.isPresent()) {
                    vacuumRelation(context, heap, vacuum, locked.get(), List.of());
                }
            }
            if (!vacuum.full()) {
                freezeCatalogs(context, heap, vacuum.freeze());
            }
            FrozenHorizon.updateDatabase(context);
            return "VACUUM";
        }
        for (Statement.AnalyzeTarget target : vacuum.targets()) {
            if (vacuum.skipLocked() && !lockedWithoutWaiting(context, target, mode)) {
                // vacuum_open_relation with VACOPT_SKIP_LOCKED: a table another holds is skipped
                context.notices().notice(new SqlException(Severity.WARNING, SqlState.LOCK_NOT_AVAILABLE,
                        "skipping vacuum of \"%s\" --- lock not available".formatted(target.table().name()),
                        null, null, 0, null));
                continue;
            }
            RelationInfo relation = context.catalog().openRelation(context.transaction(), target.table().schema(),
                    target.table().name(), mode).orElseThrow(() -> SqlException.of(
                    SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", target.table()));
            if (relation.kind() != 'r' || relation.oid() < FIRST_USER_OID) {
                context.notices().notice(new SqlException(Severity.WARNING, SqlState.WRONG_OBJECT_TYPE,
                        "skipping \"%s\" --- cannot vacuum non-tables or special system tables".formatted(
                                relation.name()), null, null, 0, null));
                continue;
            }
            vacuumRelation(context, heap, vacuum, relation, target.columns());
        }
        FrozenHorizon.updateDatabase(context);
        return "VACUUM";
    }

    /**
     * A database-wide VACUUM also freezes the system catalogs, without pruning them (their TIDs
     * are kept by the catalog cache, see access/heap/README.md): freezing rewrites tuple headers
     * in place and moves nothing. Their relfrozenxid then advances as a table's does, so
     * datfrozenxid, the minimum over all of them, can advance too.
     */
    private static void freezeCatalogs(CommandContext context, HeapAccess heap, boolean freeze) {
        for (RelationInfo relation : context.catalog().tables(context.transaction())) {
            if (relation.oid() >= FIRST_USER_OID || relation.kind() != 'r') {
                continue;
            }
            FreezeCutoffs cutoffs = FreezeCutoffs.of(context, heap, relation, freeze);
            long oldest = cutoffs.oldestXmin();
            int pages = heap.blockCount(relation.locator());
            for (int block = 0; block < pages; block++) {
                oldest = Math.min(oldest, heap.freezePage(relation.locator(), block, cutoffs.freezeLimit()));
            }
            long previous = context.catalog().relationFrozenXid(context.transaction(), relation.oid());
            if (oldest > previous) {
                context.catalog().updateRelationStatsInPlace(context.transaction(), relation, -1, -1, -1, oldest);
            }
        }
    }

    /**
     * SKIP_LOCKED ({@code ConditionalLockRelationOid}): takes the table's lock only if no other
     * transaction holds a conflicting one now; false when it could not. A table that does not
     * exist is left to the normal path (its error).
     */
    private static boolean lockedWithoutWaiting(CommandContext context, Statement.AnalyzeTarget target,
                                                LockMode mode) {
        var relation = context.catalog().lookupRelation(context.transaction(), target.table().schema(),
                target.table().name());
        return relation.isEmpty() || context.transaction().tryLock(new org.woolly.storage.lmgr.LockTag.Relation(
                relation.get().locator().databaseOid(), relation.get().oid()), mode);
    }

    /** User relations start at this OID; the catalogs below it are not vacuumed yet. */
    private static final int FIRST_USER_OID = 16384;

    private static void vacuumRelation(CommandContext context, HeapAccess heap, Statement.Vacuum vacuum,
                                       RelationInfo relation, List<String> columns) {
        String name = relation.namespaceName() + "." + relation.name();
        if (vacuum.verbose()) {
            info(context, (vacuum.freeze() ? "aggressively vacuuming" : "vacuuming") + " \"" + name + "\"");
        }
        RelationInfo current = relation;
        if (vacuum.full()) {
            current = rewrite(context, heap, relation);
            long rows = countRows(context, heap, current);
            if (context.maintenance() != null) {
                context.maintenance().vacuumed(relation.oid(), rows, 0);
            }
            if (vacuum.verbose()) {
                info(context, "\"%s\": found 0 removable, %d nonremovable row versions in %d pages".formatted(
                        relation.name(), rows, heap.blockCount(current.locator())));
            }
        } else {
            Result result;
            // pg_stat_progress_vacuum: lazy vacuum only (VACUUM FULL is CLUSTER's progress in PostgreSQL)
            CommandProgress.start("VACUUM", relation.oid());
            // vacuum_rel's PROC_IN_VACUUM, set before the cutoffs are taken as there
            context.transaction().setInLazyVacuum(true);
            try {
                result = lazyVacuum(context, heap, current, vacuum.indexCleanup(),
                        vacuum.truncate() && current.options().vacuumTruncate(),
                        FreezeCutoffs.of(context, heap, current, vacuum.freeze()));
                CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_FINAL_CLEANUP);
            } finally {
                context.transaction().setInLazyVacuum(false);
                CommandProgress.end();
            }
            long previousFrozenXid = context.catalog().relationFrozenXid(context.transaction(), current.oid());
            boolean frozenXidUpdated = updateRelationStats(context, current, result, previousFrozenXid);
            if (context.maintenance() != null) {
                context.maintenance().vacuumed(relation.oid(), result.live(), result.recentlyDead());
            }
            if (vacuum.verbose()) {
                if (result.pagesRemoved() > 0) {
                    info(context, "table \"%s\": truncated %d to %d pages".formatted(relation.name(),
                            result.pages() + result.pagesRemoved(), result.pages()));
                }
                info(context, verboseReport(name, result, context.storage().transactions().nextXid(),
                        frozenXidUpdated ? previousFrozenXid : -1));
            }
        }
        if (current.toast() != null) {
            vacuumToastTable(context, heap, vacuum, current);
        }
        if (vacuum.analyze()) {
            AnalyzeCommand.analyze(context, heap, new Statement.Analyze(vacuum.verbose(),
                    List.of(new Statement.AnalyzeTarget(new org.woolly.nodes.parse.QualifiedName(
                            relation.namespaceName(), relation.name(), vacuum.location()), columns)), vacuum.location()));
        }
    }

    /**
     * The table's TOAST relation is vacuumed with it ({@code vacuum_rel} recursing with the
     * toast OID): the chunks of the values of removed row versions were deleted with them.
     */
    private static void vacuumToastTable(CommandContext context, HeapAccess heap, Statement.Vacuum vacuum,
                                         RelationInfo table) {
        RelationInfo toast = context.catalog().relationByOid(context.transaction(), table.toast().relationOid());
        if (toast == null) {
            return;
        }
        Result result;
        context.transaction().setInLazyVacuum(true);
        try {
            result = lazyVacuum(context, heap, toast, vacuum.indexCleanup(), vacuum.truncate(),
                    FreezeCutoffs.of(context, heap, toast, vacuum.freeze()));
        } finally {
            context.transaction().setInLazyVacuum(false);
        }
        long previousFrozenXid = context.catalog().relationFrozenXid(context.transaction(), toast.oid());
        boolean frozenXidUpdated = updateRelationStats(context, toast, result, previousFrozenXid);
        if (vacuum.verbose()) {
            info(context, verboseReport(toast.namespaceName() + "." + toast.name(), result,
                    context.storage().transactions().nextXid(), frozenXidUpdated ? previousFrozenXid : -1));
        }
    }

    /** Runs of at least this many skippable pages are skipped ({@code SKIP_PAGES_THRESHOLD}). */
    private static final int SKIP_PAGES_THRESHOLD = 32;

    /**
     * The three passes of lazy VACUUM over one table ({@code heap_vacuum_rel}). Pages the
     * visibility map marks all-visible (all-frozen for an {@code aggressive} VACUUM FREEZE) hold
     * nothing to remove, so runs of at least {@link #SKIP_PAGES_THRESHOLD} of them are skipped
     * ({@code lazy_scan_skip}; shorter runs are read, as the read-ahead costs little); the last
     * page is always scanned (truncation looks at it). Skipped pages keep the table's former
     * tuple density in the new reltuples ({@code vac_estimate_reltuples}).
     *
     * <p>pg_stat_progress_vacuum follows it as {@code lazy_scan_heap} reports: heap_blks_scanned
     * before each page (skipped pages included), num_dead_tuples after each, then the phases
     * 'vacuuming indexes' (index_vacuum_count once done), 'vacuuming heap' (heap_blks_vacuumed
     * the block being reclaimed), 'cleaning up indexes', 'truncating heap' when it tries. Every
     * page is a delay point ({@link VacuumCostDelay}).
     */
    static Result lazyVacuum(CommandContext context, HeapAccess heap, RelationInfo relation, boolean indexCleanup,
                             boolean truncate, FreezeCutoffs cutoffs) {
        long horizon = cutoffs.oldestXmin();
        int pages = heap.blockCount(relation.locator());
        boolean useIndexes = indexCleanup && !relation.indexes().isEmpty();
        VacuumCostDelay delay = VacuumCostDelay.of(context);
        CommandProgress.update(CommandProgress.VACUUM_TOTAL_HEAP_BLKS, pages);
        CommandProgress.update(CommandProgress.VACUUM_MAX_DEAD_TUPLES, maxDeadItems(context, useIndexes, pages));
        CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_SCAN_HEAP);
        int skipMask = cutoffs.aggressive() ? VisibilityMap.ALL_FROZEN : VisibilityMap.ALL_VISIBLE;
        // NewRelfrozenXid: starts at OldestXmin, lowered by every XID left unfrozen; invalid (-1)
        // once an all-visible page that is not all-frozen is skipped (its XIDs were not looked at)
        long newFrozenXid = horizon;
        long frozenTuples = 0;
        long removed = 0;
        long live = 0;
        long recentlyDead = 0;
        long[] dead = new long[64];
        int deadCount = 0;
        int skipped = 0;
        int block = 0;
        while (block < pages) {
            int run = 0;
            while (block + run < pages - 1
                    && (heap.visibilityStatus(relation.locator(), block + run) & skipMask) != 0) {
                run++;
            }
            if (run >= SKIP_PAGES_THRESHOLD) {
                for (int each = block; each < block + run && newFrozenXid >= 0; each++) {
                    if ((heap.visibilityStatus(relation.locator(), each) & VisibilityMap.ALL_FROZEN) == 0) {
                        newFrozenXid = -1;
                    }
                }
                skipped += run;
                block += run;
                run = 0;
            }
            int last = Math.min(block + run, pages - 1);
            for (; block <= last; block++) {
                CommandProgress.update(CommandProgress.VACUUM_HEAP_BLKS_SCANNED, block);
                delay.point();
                VacuumPage page = heap.vacuumScanPage(relation.locator(), block, horizon, cutoffs.freezeLimit());
                delay.page(page.pruned() > 0 || page.frozen() > 0);
                frozenTuples += page.frozen();
                if (newFrozenXid >= 0) {
                    newFrozenXid = Math.min(newFrozenXid, page.oldestUnfrozen());
                }
                removed += page.pruned();
                live += page.live();
                recentlyDead += page.recentlyDead();
                for (int offset : page.deadLinePointers()) {
                    if (deadCount == dead.length) {
                        dead = Arrays.copyOf(dead, dead.length * 2);
                    }
                    dead[deadCount++] = pack(block, offset);
                }
                if (page.deadLinePointers().length > 0) {
                    CommandProgress.update(CommandProgress.VACUUM_NUM_DEAD_TUPLES, deadCount);
                }
            }
        }
        CommandProgress.update(CommandProgress.VACUUM_HEAP_BLKS_SCANNED, pages);
        if (skipped > 0) {
            live = estimatedTuples(context.catalog().statistics(context.transaction(), relation.oid()), pages,
                    pages - skipped, live);
        }
        int indexScans = 0;
        if (deadCount > 0 && indexCleanup) {
            long[] sorted = Arrays.copyOf(dead, deadCount);
            Arrays.sort(sorted);
            List<IndexInfo> indexes = relation.indexes();
            if (!indexes.isEmpty()) {
                CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_VACUUM_INDEX);
                BTreeAccess btree = IndexCommands.btree(context);
                for (IndexInfo index : indexes) {
                    delay.point();
                    btree.bulkDelete(index.shape(), tid -> Arrays.binarySearch(sorted, pack(tid.block(),
                            tid.offset())) >= 0);
                }
                indexScans = 1;
                CommandProgress.update(CommandProgress.VACUUM_NUM_INDEX_VACUUMS, indexScans);
                CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_VACUUM_HEAP);
            }
            reclaim(heap, relation, sorted, delay);
        }
        CommandProgress.update(CommandProgress.VACUUM_HEAP_BLKS_VACUUMED, pages);
        if (useIndexes) {
            CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_INDEX_CLEANUP);
        }
        int remain = truncate ? truncateEmptyTail(context, heap, relation, pages) : pages;
        int[] visible = heap.visibilityCounts(relation.locator());
        return new Result(remain, pages - remain, removed, live, recentlyDead, indexCleanup ? 0 : deadCount,
                indexScans, horizon, pages - skipped, visible[0], visible[1], frozenTuples, newFrozenXid);
    }

    /**
     * {@code vac_update_relstats}'s relfrozenxid part: stored when this VACUUM could compute it
     * and it is newer than the value in pg_class. True when it changed.
     */
    private static boolean updateRelationStats(CommandContext context, RelationInfo relation, Result result,
                                               long previous) {
        boolean advanced = result.newFrozenXid() > previous;
        context.catalog().updateRelationStatsInPlace(context.transaction(), relation, result.pages(), result.live(),
                Math.min(result.allVisible(), result.pages()), advanced ? result.newFrozenXid() : 0);
        return advanced;
    }

    /** Truncation pays only when it frees this many pages ({@code REL_TRUNCATE_MINIMUM}) ... */
    private static final int TRUNCATE_MINIMUM = 1000;
    /** ... or this fraction of the table ({@code REL_TRUNCATE_FRACTION}). */
    private static final int TRUNCATE_FRACTION = 16;

    /**
     * Gives the empty pages at the end of the heap back to the file system
     * ({@code lazy_truncate_heap}): when enough of them are empty ({@code should_attempt_truncation}),
     * takes ACCESS EXCLUSIVE without waiting (a table in use is left as it is; the next VACUUM
     * tries again), counts the empty tail again under that lock (an insert may have used a page
     * meanwhile) and cuts the file there. Returns the pages that remain.
     */
    private static int truncateEmptyTail(CommandContext context, HeapAccess heap, RelationInfo relation, int pages) {
        int freeable = pages - heap.nonEmptyBlocks(relation.locator());
        if (freeable <= 0 || freeable < TRUNCATE_MINIMUM && freeable < pages / TRUNCATE_FRACTION) {
            return pages;
        }
        CommandProgress.update(CommandProgress.VACUUM_PHASE, CommandProgress.VACUUM_PHASE_TRUNCATE);
        if (!context.transaction().tryLock(new LockTag.Relation(relation.locator().databaseOid(), relation.oid()),
                LockMode.ACCESS_EXCLUSIVE)) {
            return pages;
        }
        int current = heap.blockCount(relation.locator());
        int keep = heap.nonEmptyBlocks(relation.locator());
        if (keep < current) {
            heap.truncate(relation.locator(), keep);
        }
        return keep;
    }

    /** Pass 3: the collected LP_DEAD line pointers of each page become unused. */
    private static void reclaim(HeapAccess heap, RelationInfo relation, long[] sorted, VacuumCostDelay delay) {
        int start = 0;
        while (start < sorted.length) {
            int block = (int) (sorted[start] >>> 16);
            delay.point();
            CommandProgress.update(CommandProgress.VACUUM_HEAP_BLKS_VACUUMED, block);
            int end = start;
            List<Integer> offsets = new ArrayList<>();
            while (end < sorted.length && (int) (sorted[end] >>> 16) == block) {
                offsets.add((int) (sorted[end] & 0xFFFF));
                end++;
            }
            heap.vacuumReclaim(relation.locator(), block, offsets.stream().mapToInt(Integer::intValue).toArray());
            delay.page(true);
            start = end;
        }
    }

    /** {@code MaxHeapTuplesPerPage}: line pointers one 8 kB page can hold. */
    private static final int MAX_HEAP_TUPLES_PER_PAGE = 291;

    /**
     * max_dead_tuples ({@code dead_items_max_items}): the TIDs maintenance_work_mem holds (six
     * bytes each, after an eight-byte header), no more than the table's pages can have and at
     * least one page's worth; one page's worth without index vacuuming, where each page's dead
     * items are reclaimed as it is scanned. Woolly keeps every dead TID until the index pass
     * (one pass, index_vacuum_count 1), whatever this says.
     */
    private static long maxDeadItems(CommandContext context, boolean useIndexes, int pages) {
        if (!useIndexes) {
            return MAX_HEAP_TUPLES_PER_PAGE;
        }
        long workMemKb = context.settings() == null ? 65536 : context.settings().getInt("maintenance_work_mem");
        long items = Math.min((workMemKb * 1024 - 8) / 6, Integer.MAX_VALUE);
        items = Math.min(items, (0x3fffffffL - 8) / 6); // MaxAllocSize
        if (items / MAX_HEAP_TUPLES_PER_PAGE > pages) {
            items = (long) pages * MAX_HEAP_TUPLES_PER_PAGE;
        }
        return Math.max(items, MAX_HEAP_TUPLES_PER_PAGE);
    }

    /** A TID as one sortable number: block (unsigned) above the offset. */
    private static long pack(int block, int offset) {
        return (Integer.toUnsignedLong(block) << 16) | offset;
    }

    /** VACUUM FULL: every row visible now copied into a new relfilenode, then every index rebuilt. */
    private static RelationInfo rewrite(CommandContext context, HeapAccess heap, RelationInfo relation) {
        RelationInfo target = context.catalog().rewriteRelation(context.transaction(), relation);
        try (HeapScan scan = heap.beginScan(relation.locator(), context.transaction().takeSnapshot())) {
            for (HeapTuple tuple = scan.next(); tuple != null; tuple = scan.next()) {
                heap.insert(target.locator(), tuple.body(), context.transaction(), target.options().fillFactor());
            }
        }
        RelationInfo rebuilt = IndexCommands.rebuildAll(context, target);
        context.catalog().storeStatistics(context.transaction(), rebuilt, heap.blockCount(rebuilt.locator()),
                countRows(context, heap, rebuilt), List.of());
        return rebuilt;
    }

    private static long countRows(CommandContext context, HeapAccess heap, RelationInfo relation) {
        long rows = 0;
        try (HeapScan scan = heap.beginScan(relation.locator(), context.transaction().takeSnapshot())) {
            while (scan.next() != null) {
                rows++;
            }
        }
        return rows;
    }

    /** VERBOSE's report, in the shape of PostgreSQL 15's (without its timing and buffer lines). */
    private static String verboseReport(String name, Result result, long nextXid, long previousFrozenXid) {
        String frozen = previousFrozenXid < 0 ? "" : String.format(Locale.ROOT,
                "new relfrozenxid: %d, which is %d XIDs ahead of previous value%n", result.newFrozenXid(),
                XidAge.clamp(result.newFrozenXid() - previousFrozenXid));
        return String.format(Locale.ROOT, """
                finished vacuuming "%s": index scans: %d
                pages: %d removed, %d remain, %d scanned (%.2f%% of total)
                tuples: %d removed, %d remain, %d are dead but not yet removable
                removable cutoff: %d, which was %d XIDs old when operation ended
                %s%d dead item identifiers left in place""", name, result.indexScans(),
                result.pagesRemoved(), result.pages(), result.scanned(),
                result.pages() + result.pagesRemoved() == 0 ? 100.0
                        : 100.0 * result.scanned() / (result.pages() + result.pagesRemoved()), result.removed(), result.live() + result.recentlyDead(),
                result.recentlyDead(), result.horizon(), XidAge.clamp(nextXid - result.horizon()), frozen,
                result.deadItems());
    }

    private static void info(CommandContext context, String message) {
        context.notices().notice(new SqlException(Severity.INFO, SqlState.SUCCESSFUL_COMPLETION, message, null, null,
                0, null));
    }

    /**
     * {@code vac_estimate_reltuples}: the live tuples of a table whose scan skipped pages. A scan
     * of under 2% of a table of unchanged size, or of no page, keeps the old count; with no old
     * density (never counted, or counted empty) the scanned pages' density is scaled up to the
     * table; otherwise the old density stands for the pages not scanned.
     */
    static long estimatedTuples(TableStatistics before, long pages, long scanned, long scannedTuples) {
        long oldPages = before == null ? 0 : before.relpages();
        double oldTuples = before == null ? -1 : before.reltuples();
        if (scanned >= pages) {
            return scannedTuples;
        }
        if (oldPages == pages && scanned < pages * 0.02 || scanned == 0) {
            return oldTuples < 0 ? scannedTuples : Math.round(oldTuples);
        }
        if (oldTuples < 0 || oldPages == 0) {
            return (long) Math.floor((double) scannedTuples / scanned * pages + 0.5);
        }
        return (long) Math.floor(oldTuples / oldPages * (pages - scanned) + scannedTuples + 0.5);
    }
}
