package org.woolly.catalog;

/**
 * A user-defined operator: its {@code pg_operator} row ({@code pg_operator.h}). {@code kind} is
 * 'b' (binary) or 'l' (prefix, {@code left} 0); {@code function} 0 marks a shell operator, made
 * by a CREATE OPERATOR that named it as commutator or negator before it was defined
 * ({@code OperatorShellMake}). {@code restrict} and {@code join} are estimator function OIDs, 0 for none.
 */
public record OperatorInfo(int oid, String name, int namespaceOid, int ownerOid, char kind, boolean canMerge,
                           boolean canHash, int left, int right, int result, int commutator, int negator,
                           int function, int restrict, int join) {

    public boolean isShell() {
        return function == 0;
    }

    static OperatorInfo of(CatalogRow row) {
        return new OperatorInfo(row.getOid("oid"), row.getString("oprname"), row.getOid("oprnamespace"),
                row.getOid("oprowner"), row.getChar("oprkind"), row.getBool("oprcanmerge"), row.getBool("oprcanhash"),
                row.getOid("oprleft"), row.getOid("oprright"), row.getOid("oprresult"), row.getOid("oprcom"),
                row.getOid("oprnegate"), row.getOid("oprcode"), row.getOid("oprrest"), row.getOid("oprjoin"));
    }

    Object[] row() {
        return new RowBuilder(CatalogDefinitions.PG_OPERATOR).set("oid", oid).set("oprname", name)
                .set("oprnamespace", namespaceOid).set("oprowner", ownerOid).setChar("oprkind", kind)
                .set("oprcanmerge", canMerge).set("oprcanhash", canHash).set("oprleft", left).set("oprright", right)
                .set("oprresult", result).set("oprcom", commutator).set("oprnegate", negator)
                .set("oprcode", function).set("oprrest", restrict).set("oprjoin", join).build();
    }

    public OperatorInfo withLinks(int newCommutator, int newNegator) {
        return new OperatorInfo(oid, name, namespaceOid, ownerOid, kind, canMerge, canHash, left, right, result,
                newCommutator, newNegator, function, restrict, join);
    }

    public OperatorInfo withOwnerAndNamespace(int newOwner, int newNamespace) {
        return new OperatorInfo(oid, name, newNamespace, newOwner, kind, canMerge, canHash, left, right, result,
                commutator, negator, function, restrict, join);
    }

    public OperatorInfo withEstimators(int newRestrict, int newJoin) {
        return new OperatorInfo(oid, name, namespaceOid, ownerOid, kind, canMerge, canHash, left, right, result,
                commutator, negator, function, newRestrict, newJoin);
    }
}
