package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_AMOP;
import static org.woolly.catalog.CatalogDefinitions.PG_AMPROC;
import static org.woolly.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_OPCLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_OPERATOR;
import static org.woolly.catalog.CatalogDefinitions.PG_OPFAMILY;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of CREATE / ALTER / DROP OPERATOR ({@code OperatorCreate}, {@code OperatorUpd}
 * and {@code OperatorShellMake} of {@code pg_operator.c}, {@code RemoveOperatorById}) and of
 * operator classes and families ({@code opclasscmds.c}: {@code CreateOpFamily},
 * {@code DefineOpClass}, {@code storeOperators}, {@code storeProcedures}, {@code dropOperators}).
 * Every change is recorded as a catalog change keyed by the row's OID, so every session's
 * catalog image (which holds the user-defined operators) sees it once the transaction commits.
 */
final class OperatorCatalog {
    private final SystemCatalog system;
    private final int databaseOid;

    OperatorCatalog(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Inserts the operator (OID 0: a new one, which gets an OID) or replaces the row with its OID. */
    OperatorInfo store(Transaction tx, OperatorInfo operator) {
        boolean insert = operator.oid() == 0;
        OperatorInfo stored = insert ? new OperatorInfo(system.storage().allocateOid(), operator.name(),
                operator.namespaceOid(), operator.ownerOid(), operator.kind(), operator.canMerge(),
                operator.canHash(), operator.left(), operator.right(), operator.result(), operator.commutator(),
                operator.negator(), operator.function(), operator.restrict(), operator.join()) : operator;
        system.noteCatalogChange(tx, stored.oid());
        if (insert) {
            system.heap().insert(PG_OPERATOR, databaseOid, stored.row(), tx);
        } else {
            replace(tx, PG_OPERATOR, row -> row.getOid("oid") == stored.oid(), stored.row());
        }
        tx.incrementCommandId();
        return stored;
    }

    void drop(Transaction tx, OperatorInfo operator) {
        system.noteCatalogChange(tx, operator.oid());
        delete(tx, PG_OPERATOR, row -> row.getOid("oid") == operator.oid());
        delete(tx, PG_DESCRIPTION, row -> row.getOid("objoid") == operator.oid()
                && row.getOid("classoid") == PG_OPERATOR.oid());
        tx.incrementCommandId();
    }

    List<OperatorFamilyInfo> families(Transaction tx) {
        List<OperatorFamilyInfo> families = new ArrayList<>();
        for (CatalogRow row : system.heap().scan(PG_OPFAMILY, databaseOid, tx.takeSnapshot())) {
            families.add(OperatorFamilyInfo.family(row));
        }
        return families;
    }

    List<OperatorFamilyInfo> classes(Transaction tx) {
        List<OperatorFamilyInfo> classes = new ArrayList<>();
        for (CatalogRow row : system.heap().scan(PG_OPCLASS, databaseOid, tx.takeSnapshot())) {
            classes.add(OperatorFamilyInfo.operatorClass(row));
        }
        return classes;
    }

    List<OperatorFamilyInfo.Member> members(Transaction tx, int familyOid) {
        Snapshot snapshot = tx.takeSnapshot();
        List<OperatorFamilyInfo.Member> members = new ArrayList<>();
        for (CatalogRow row : system.heap().scan(PG_AMOP, databaseOid, snapshot,
                row -> row.getOid("amopfamily") == familyOid)) {
            members.add(new OperatorFamilyInfo.Member(row.getOid("oid"), familyOid, row.getOid("amoplefttype"),
                    row.getOid("amoprighttype"), row.getShort("amopstrategy"), row.getOid("amopopr"), null));
        }
        for (CatalogRow row : system.heap().scan(PG_AMPROC, databaseOid, snapshot,
                row -> row.getOid("amprocfamily") == familyOid)) {
            members.add(new OperatorFamilyInfo.Member(row.getOid("oid"), familyOid, row.getOid("amproclefttype"),
                    row.getOid("amprocrighttype"), row.getShort("amprocnum"), 0, row.getString("amproc")));
        }
        return members;
    }

    /** A new family ({@code class} false) or class row; returns its OID. */
    int create(Transaction tx, OperatorFamilyInfo info, boolean isClass) {
        int oid = system.storage().allocateOid();
        system.noteCatalogChange(tx, oid);
        Object[] row = isClass
                ? new RowBuilder(PG_OPCLASS).set("oid", oid).set("opcmethod", info.method())
                        .set("opcname", info.name()).set("opcnamespace", info.namespaceOid())
                        .set("opcowner", info.ownerOid()).set("opcfamily", info.family())
                        .set("opcintype", info.inputType()).set("opcdefault", info.isDefault())
                        .set("opckeytype", info.keyType()).build()
                : new RowBuilder(PG_OPFAMILY).set("oid", oid).set("opfmethod", info.method())
                        .set("opfname", info.name()).set("opfnamespace", info.namespaceOid())
                        .set("opfowner", info.ownerOid()).build();
        system.heap().insert(isClass ? PG_OPCLASS : PG_OPFAMILY, databaseOid, row, tx);
        tx.incrementCommandId();
        return oid;
    }

    void addMember(Transaction tx, OperatorFamilyInfo.Member member, int method) {
        int oid = system.storage().allocateOid();
        system.noteCatalogChange(tx, member.family());
        if (member.isOperator()) {
            system.heap().insert(PG_AMOP, databaseOid, new RowBuilder(PG_AMOP).set("oid", oid)
                    .set("amopfamily", member.family()).set("amoplefttype", member.left())
                    .set("amoprighttype", member.right()).setShort("amopstrategy", member.number())
                    .setChar("amoppurpose", 's').set("amopopr", member.operator()).set("amopmethod", method)
                    .set("amopsortfamily", 0).build(), tx);
        } else {
            system.heap().insert(PG_AMPROC, databaseOid, new RowBuilder(PG_AMPROC).set("oid", oid)
                    .set("amprocfamily", member.family()).set("amproclefttype", member.left())
                    .set("amprocrighttype", member.right()).setShort("amprocnum", member.number())
                    .set("amproc", member.function()).build(), tx);
        }
        tx.incrementCommandId();
    }

    void dropMember(Transaction tx, OperatorFamilyInfo.Member member) {
        system.noteCatalogChange(tx, member.family());
        if (member.isOperator()) {
            delete(tx, PG_AMOP, row -> row.getOid("oid") == member.oid());
        } else {
            delete(tx, PG_AMPROC, row -> row.getOid("oid") == member.oid());
        }
        tx.incrementCommandId();
    }

    /** Removes a class (with the members of its family over its input type) or a family with its classes and members. */
    void dropClassOrFamily(Transaction tx, OperatorFamilyInfo info, boolean family) {
        system.noteCatalogChange(tx, info.oid());
        if (family) {
            delete(tx, PG_OPCLASS, row -> row.getOid("opcfamily") == info.oid());
            delete(tx, PG_OPFAMILY, row -> row.getOid("oid") == info.oid());
            delete(tx, PG_AMOP, row -> row.getOid("amopfamily") == info.oid());
            delete(tx, PG_AMPROC, row -> row.getOid("amprocfamily") == info.oid());
        } else {
            delete(tx, PG_OPCLASS, row -> row.getOid("oid") == info.oid());
            delete(tx, PG_AMOP, row -> row.getOid("amopfamily") == info.family()
                    && row.getOid("amoplefttype") == info.inputType() && row.getOid("amoprighttype") == info.inputType());
            delete(tx, PG_AMPROC, row -> row.getOid("amprocfamily") == info.family()
                    && row.getOid("amproclefttype") == info.inputType()
                    && row.getOid("amprocrighttype") == info.inputType());
        }
        tx.incrementCommandId();
    }

    private void delete(Transaction tx, CatalogDefinition catalog, Predicate<CatalogRow> filter) {
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(catalog, databaseOid, snapshot, filter)) {
            system.heap().delete(row, databaseOid, tx, snapshot);
        }
    }

    private void replace(Transaction tx, CatalogDefinition catalog, Predicate<CatalogRow> filter, Object[] values) {
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(catalog, databaseOid, snapshot, filter)) {
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
    }
}
