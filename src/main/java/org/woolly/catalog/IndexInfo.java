package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.nbtree.IndexShape;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * An index of a table as the executor and planner need it ({@code pg_index} with the index's
 * {@code pg_class} row, what PostgreSQL's relcache keeps in {@code rd_index}): its OID, name and
 * file, the table columns it stores (1-based attribute numbers: key columns first, then INCLUDE
 * columns), their types, the ordering options and operator classes of the key columns, and
 * whether it is unique, the primary key, NULLS NOT DISTINCT and valid. Expression and partial
 * indexes are not built yet, so {@code expressions} and {@code predicate} are always null.
 *
 * @param columns        table attribute numbers of the stored columns ({@code indkey})
 * @param keyColumnCount how many leading columns are keys ({@code indnkeyatts}); the rest are INCLUDE columns
 * @param columnTypeOids the type of each stored column
 * @param operatorClasses the btree operator class of each key column ({@code indclass})
 * @param descending     per key column ({@code indoption} bit 1)
 * @param nullsFirst     per key column ({@code indoption} bit 2)
 */
public record IndexInfo(int oid, String name, int relationOid, int namespaceOid, RelFileLocator locator,
                        List<Short> columns, int keyColumnCount, List<Integer> columnTypeOids,
                        List<Integer> operatorClasses, List<Boolean> descending, List<Boolean> nullsFirst,
                        boolean unique, boolean primary, boolean nullsNotDistinct, boolean valid,
                        String expressions, String predicate) {

    /** {@code INDOPTION_DESC} of {@code pg_index.h}. */
    public static final int OPTION_DESC = 1;
    /** {@code INDOPTION_NULLS_FIRST} of {@code pg_index.h}. */
    public static final int OPTION_NULLS_FIRST = 2;

    /** The number of INCLUDE columns. */
    public int includeColumnCount() {
        return columns.size() - keyColumnCount;
    }

    /** What the B-tree needs of this index. */
    public IndexShape shape() {
        return new IndexShape(locator, name, columnTypeOids, keyColumnCount, descending, nullsFirst, unique,
                nullsNotDistinct);
    }

    /** The stored column values of a row of {@code table} (one value per live column). */
    public Object[] values(RelationInfo table, Object[] tableRow) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tableRow[table.position(columns.get(i))];
        }
        return values;
    }

    /** The names of the key columns in {@code table}, for messages ({@code Key (a, b)=...}). */
    public List<String> keyColumnNames(RelationInfo table) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keyColumnCount; i++) {
            names.add(table.attributeByNumber(columns.get(i)).name());
        }
        return names;
    }
}
