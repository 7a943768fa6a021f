package org.woolly.catalog;

/**
 * One built-in type as initdb writes it into {@code pg_type}: the physical properties the tuple
 * format needs and the descriptive ones clients read. Values from PostgreSQL 15's
 * {@code src/include/catalog/pg_type.dat}.
 *
 * @param typtype     'b' base, 'p' pseudo, 'c' composite
 * @param storage     {@code typstorage}: 'p' plain, 'x' extended, 'm' main
 * @param elementOid  {@code typelem} (0 when none)
 * @param collation   {@code typcollation} (100 default, 950 "C", 0 none)
 */
public record BootstrapType(int oid, String name, short length, boolean byValue, char align, char category,
                            boolean preferred, char typtype, char storage, int elementOid, int arrayOid,
                            String input, String output, int collation) {

    public boolean isPseudoType() {
        return typtype == 'p';
    }
}
