package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of CREATE / ALTER / DROP RULE ({@code InsertRule} of {@code rewriteDefine.c},
 * {@code RemoveRewriteRuleById} of {@code rewriteRemove.c}): one pg_rewrite row per rule and its
 * automatic dependency on its table in pg_depend (so DROP TABLE drops it), recorded as a change
 * of the table so that plans and catalog images of the table are replaced, ending with a command
 * counter increment. As in PostgreSQL, relhasrules is set with the first rule and stays set.
 */
final class RuleDdl {
    private static final char AUTO = 'a';

    private final SystemCatalog system;
    private final int databaseOid;

    RuleDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Inserts a new rule (OID 0) or replaces the row of the rule with its OID. */
    RuleInfo store(Transaction tx, RuleInfo rule) {
        new RelationDdl(system, databaseOid).markHasRules(tx, rule.relationOid());
        int oid = rule.oid() != 0 ? rule.oid() : system.storage().allocateOid();
        RuleInfo stored = new RuleInfo(oid, rule.relationOid(), rule.name(), rule.event(), rule.enabled(),
                rule.instead(), rule.qual(), rule.actions());
        system.noteCatalogChange(tx, rule.relationOid());
        CatalogHeap heap = system.heap();
        if (rule.oid() == 0) {
            heap.insert(CatalogDefinitions.PG_REWRITE, databaseOid, stored.row(), tx);
            heap.insert(CatalogDefinitions.PG_DEPEND, databaseOid, new RowBuilder(CatalogDefinitions.PG_DEPEND)
                    .set("classid", CatalogDefinitions.PG_REWRITE.oid()).set("objid", oid).set("objsubid", 0)
                    .set("refclassid", CatalogDefinitions.PG_CLASS.oid()).set("refobjid", rule.relationOid())
                    .set("refobjsubid", 0).setChar("deptype", AUTO).build(), tx);
        } else {
            Snapshot snapshot = tx.takeSnapshot();
            for (CatalogRow row : heap.scan(CatalogDefinitions.PG_REWRITE, databaseOid, snapshot,
                    row -> row.getOid("oid") == oid)) {
                heap.update(row, databaseOid, stored.row(), tx, snapshot);
            }
        }
        tx.incrementCommandId();
        return stored;
    }

    /** Removes the rule's pg_rewrite row and its pg_depend rows. */
    void drop(Transaction tx, RuleInfo rule) {
        system.noteCatalogChange(tx, rule.relationOid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_REWRITE, databaseOid, snapshot,
                row -> row.getOid("oid") == rule.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_DEPEND, databaseOid, snapshot,
                row -> row.getOid("objid") == rule.oid()
                        && row.getOid("classid") == CatalogDefinitions.PG_REWRITE.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }
}
