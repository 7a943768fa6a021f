package org.woolly.commands;

import java.util.Collections;
import java.util.Map;

import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.DatabaseDdl;

/**
 * The frozen-XID horizon after a VACUUM ({@code vac_update_datfrozenxid} and
 * {@code vac_truncate_clog} of {@code vacuum.c}): pg_database.datfrozenxid of the current
 * database becomes the oldest relfrozenxid of its tables (catalogs included) when that is newer;
 * then the oldest datfrozenxid of the cluster is where the commit log may be cut
 * ({@code TruncateCLOG}, bounded there by the oldest running or prepared transaction).
 * datfrozenxid is overwritten in place, as relfrozenxid is ({@code heap_inplace_update}): the
 * tuples were frozen by WAL-logged page changes already, which stand whatever becomes of the
 * VACUUM's transaction, so the horizon does not wait for its commit either.
 */
final class FrozenHorizon {
    private FrozenHorizon() {}

    static void updateDatabase(CommandContext context) {
        CatalogAccess catalog = context.catalog();
        long oldest = catalog.oldestRelationFrozenXid(context.transaction());
        if (oldest <= 0 || oldest == Long.MAX_VALUE) {
            return;
        }
        DatabaseDdl databases = catalog.databases();
        Map<Integer, Long> frozenXids = databases.frozenXids(context.transaction());
        int database = catalog.currentDatabaseOid();
        Long previous = frozenXids.get(database);
        if (previous == null || oldest <= previous) {
            return;
        }
        databases.advanceFrozenXidInPlace(context.transaction(), database, oldest);
        frozenXids.put(database, oldest);
        context.storage().transactions().truncateCommitLog(Collections.min(frozenXids.values()));
    }
}
