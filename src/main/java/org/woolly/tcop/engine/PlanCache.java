package org.woolly.tcop.engine;

import java.util.List;
import java.util.Objects;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.LockedRelation;
import org.woolly.nodes.parse.Statement;
import org.woolly.protocol.ResultColumn;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Keeps a prepared statement's plan valid across catalog changes, as {@code plancache.c} does
 * for named statements, the unnamed one, EXECUTE and portals. A plan names its relations by OID
 * and lists them with their lock modes; before it runs in a command other than the one that made
 * it, its relations are locked again ({@code AcquireExecutorLocks}) and then it is checked
 * ({@code RevalidateCachedQuery}): it is stale when one of its relations changed after the
 * plan's invalidation stamp (a TRUNCATE, a DROP, a CREATE of a table dropped since, by this
 * transaction or by one that committed: {@code PlanCacheRelCallback}), when search_path is not
 * the one it was analyzed with, when the transaction that made it had changed the catalogs and
 * is over (it may have rolled back), or after DISCARD PLANS. A stale plan is analyzed and
 * planned again from the raw statement, so a dropped table gives 42P01 with the position in the
 * statement's own text; the new plan must return the same row type (0A000 "cached plan must not
 * change result type").
 */
final class PlanCache {

    private PlanCache() {}

    /** Locks the plan's relations for the current transaction and re-plans it if it is stale. */
    static void revalidate(QuerySession session, SessionPreparedQuery prepared) {
        SessionPreparedQuery.Planned planned = prepared.planned();
        if (planned == null) {
            return;
        }
        Transaction transaction = session.block.ensure();
        // a Bind without a Parse before it: the lock waits below honour lock_timeout as now set,
        // and a SET search_path run since is seen
        session.startStatement();
        session.refreshSearchPath();
        if (planned.transaction() == transaction && planned.commandId() == transaction.commandId()) {
            // made by this very command: its locks are held and nothing could have changed since
            return;
        }
        for (LockedRelation relation : planned.relations()) {
            relation.lock(transaction);
        }
        if (isValid(session, planned, transaction)) {
            return;
        }
        Statement statement = prepared.statement() instanceof Statement.Explain explain
                ? explain.statement() : prepared.statement();
        SessionPreparedQuery fresh = session.prepareStatement(statement, prepared.sourceText(),
                prepared.parameterTypes());
        boolean explain = prepared.statement() instanceof Statement.Explain;
        if (!explain && !sameRowType(prepared.resultColumns(), fresh.resultColumns())) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type")
                    .withRoutine("RevalidateCachedQuery");
        }
        prepared.replan(fresh.planned(), explain ? prepared.resultColumns() : fresh.resultColumns());
    }

    private static boolean isValid(QuerySession session, SessionPreparedQuery.Planned planned,
                                   Transaction transaction) {
        if (planned.discardGeneration() != session.discardGeneration
                || !Objects.equals(planned.searchPath(), session.searchPathSetting())) {
            return false;
        }
        if (planned.catalogChangerXid() != 0 && planned.catalogChangerXid() != transaction.xid()) {
            return false;
        }
        CatalogAccess catalog = session.catalog;
        for (LockedRelation relation : planned.relations()) {
            if (catalog.relationChangedSince(transaction, relation.relationOid(), planned.invalidationStamp())) {
                return false;
            }
        }
        return true;
    }

    /** {@code equalTupleDescs} on result rows: the same column names, types and modifiers. */
    private static boolean sameRowType(List<ResultColumn> before, List<ResultColumn> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            ResultColumn old = before.get(i);
            ResultColumn now = after.get(i);
            if (!old.name().equals(now.name()) || old.typeOid() != now.typeOid()
                    || old.typeModifier() != now.typeModifier()) {
                return false;
            }
        }
        return true;
    }
}
