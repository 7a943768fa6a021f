package org.woolly.catalog;

/**
 * An operator family ({@code pg_opfamily}) or an operator class ({@code pg_opclass}) of an index
 * access method. For a family {@code family} is its own OID and {@code inputType} 0; a class
 * names its family, the type it indexes and whether it is that type's default for the method.
 */
public record OperatorFamilyInfo(int oid, int method, String name, int namespaceOid, int ownerOid, int family,
                                 int inputType, boolean isDefault, int keyType) {

    static OperatorFamilyInfo family(CatalogRow row) {
        return new OperatorFamilyInfo(row.getOid("oid"), row.getOid("opfmethod"), row.getString("opfname"),
                row.getOid("opfnamespace"), row.getOid("opfowner"), row.getOid("oid"), 0, false, 0);
    }

    static OperatorFamilyInfo operatorClass(CatalogRow row) {
        return new OperatorFamilyInfo(row.getOid("oid"), row.getOid("opcmethod"), row.getString("opcname"),
                row.getOid("opcnamespace"), row.getOid("opcowner"), row.getOid("opcfamily"), row.getOid("opcintype"),
                row.getBool("opcdefault"), row.getOid("opckeytype"));
    }

    /** One {@code pg_amop} row (a search operator) or {@code pg_amproc} row (a support function). */
    public record Member(int oid, int family, int left, int right, int number, int operator, String function) {

        public boolean isOperator() {
            return function == null;
        }
    }
}
