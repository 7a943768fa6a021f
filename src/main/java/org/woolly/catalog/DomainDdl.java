package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

import java.util.List;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of domains: the pg_type row of a domain (a copy of its base type's layout
 * with typtype 'd', typbasetype, typtypmod, typnotnull, typdefault) and of its array type, and
 * the pg_constraint rows of its CHECK constraints ({@code contypid}). Counterpart of
 * {@code DefineDomain} and {@code AlterDomain*} in {@code typecmds.c} as far as they write the
 * catalogs.
 */
final class DomainDdl {
    private static final int DOMAIN_IN = 2597;
    private static final int DOMAIN_RECV = 2598;
    private final SystemCatalog system;
    private final int databaseOid;

    DomainDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Creates the domain and its array type; returns the domain's OID. */
    int create(Transaction tx, CatalogImage image, int namespaceOid, String name, int baseTypeOid, int baseTypmod,
               boolean notNull, String defaultExpression, int ownerOid) {
        TypeDdl.refuseExistingType(image, namespaceOid, name);
        int typeOid = system.storage().allocateOid();
        int arrayOid = system.storage().allocateOid();
        system.noteCatalogChange(tx, typeOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        CatalogRow base = heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getOid("oid") == baseTypeOid)
                .getFirst();
        Object[] values = base.values().clone();
        values[PG_TYPE.column("oid")] = typeOid;
        values[PG_TYPE.column("typname")] = name;
        values[PG_TYPE.column("typnamespace")] = namespaceOid;
        values[PG_TYPE.column("typowner")] = ownerOid;
        values[PG_TYPE.column("typtype")] = "d";
        values[PG_TYPE.column("typispreferred")] = false;
        values[PG_TYPE.column("typrelid")] = 0;
        values[PG_TYPE.column("typarray")] = arrayOid;
        // a domain over an array is no array type itself: subscripting looks through to the base type
        values[PG_TYPE.column("typelem")] = 0;
        values[PG_TYPE.column("typsubscript")] = "-";
        // domain_in and domain_recv (PostgreSQL's OIDs; Woolly has no pg_proc rows for them: a
        // domain's values are read by its base type's I/O and checked by the cast)
        values[PG_TYPE.column("typinput")] = DOMAIN_IN;
        values[PG_TYPE.column("typreceive")] = DOMAIN_RECV;
        values[PG_TYPE.column("typanalyze")] = "-";
        values[PG_TYPE.column("typbasetype")] = baseTypeOid;
        values[PG_TYPE.column("typtypmod")] = baseTypmod;
        values[PG_TYPE.column("typnotnull")] = notNull;
        values[PG_TYPE.column("typndims")] = 0;
        values[PG_TYPE.column("typdefault")] = defaultExpression;
        values[PG_TYPE.column("typdefaultbin")] = defaultExpression;
        values[PG_TYPE.column("typacl")] = null;
        heap.insert(PG_TYPE, databaseOid, values, tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.arrayType(arrayOid, TypeDdl.arrayName(image, namespaceOid, name,
                arrayOid), namespaceOid, typeOid, ownerOid), tx);
        tx.incrementCommandId();
        return typeOid;
    }

    /** Changes one column of the domain's pg_type row (typdefault with typdefaultbin, or typnotnull). */
    void update(Transaction tx, int domainOid, String column, Object value) {
        system.noteCatalogChange(tx, domainOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getOid("oid") == domainOid)) {
            Object[] values = row.values().clone();
            values[PG_TYPE.column(column)] = value;
            if (column.equals("typdefault")) {
                values[PG_TYPE.column("typdefaultbin")] = value;
            }
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Adds a CHECK constraint (its SQL text over VALUE) to the domain. */
    void addCheck(Transaction tx, int domainOid, int namespaceOid, String name, String expression,
                  boolean validated) {
        system.noteCatalogChange(tx, domainOid);
        ConstraintInfo constraint = new ConstraintInfo(system.storage().allocateOid(), name, namespaceOid,
                ConstraintInfo.CHECK, List.of(), 0, expression, false, false, validated);
        Object[] values = CatalogRows.constraint(constraint, 0);
        values[PG_CONSTRAINT.column("contypid")] = domainOid;
        values[PG_CONSTRAINT.column("connoinherit")] = false;
        system.heap().insert(PG_CONSTRAINT, databaseOid, values, tx);
        tx.incrementCommandId();
    }

    /** Marks a domain constraint validated ({@code convalidated}). */
    void markValidated(Transaction tx, int domainOid, int constraintOid) {
        system.noteCatalogChange(tx, domainOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_CONSTRAINT, databaseOid, snapshot,
                row -> row.getOid("oid") == constraintOid)) {
            Object[] values = row.values().clone();
            values[PG_CONSTRAINT.column("convalidated")] = true;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Removes one domain constraint, or all of a domain's when {@code constraintOid} is 0. */
    void dropChecks(Transaction tx, int domainOid, int constraintOid) {
        system.noteCatalogChange(tx, domainOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        heap.scan(PG_CONSTRAINT, databaseOid, snapshot, row -> row.getOid("contypid") == domainOid
                        && (constraintOid == 0 || row.getOid("oid") == constraintOid))
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        tx.incrementCommandId();
    }
}
