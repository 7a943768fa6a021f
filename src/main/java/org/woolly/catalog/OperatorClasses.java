package org.woolly.catalog;

import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The default btree operator class of each type ({@code pg_opclass} rows with
 * {@code opcdefault}, PostgreSQL 15's OIDs; {@code GetDefaultOpClass}). varchar has none of its
 * own and uses text_ops, as in PostgreSQL (binary-coercible input type).
 */
public final class OperatorClasses {
    private static final Map<Integer, Integer> BTREE_DEFAULTS = Map.ofEntries(
            Map.entry(16, 10003), Map.entry(17, 10006), Map.entry(18, 10007), Map.entry(19, 10028),
            Map.entry(20, 3124), Map.entry(21, 1979), Map.entry(23, 1978), Map.entry(25, 3126),
            Map.entry(26, 1981), Map.entry(27, 10050), Map.entry(700, 10012), Map.entry(701, 3123),
            Map.entry(790, 10047), Map.entry(1042, 10004), Map.entry(1043, 3126), Map.entry(1082, 3122),
            Map.entry(1083, 10038), Map.entry(1114, 3128), Map.entry(1184, 3127), Map.entry(1186, 10022),
            Map.entry(1266, 10041), Map.entry(1560, 10002), Map.entry(1562, 10043), Map.entry(1700, 3125),
            Map.entry(2950, 10065), Map.entry(3220, 10067), Map.entry(3802, 10088), Map.entry(5069, 10053));

    /** {@code array_ops}: the anyarray class every array type uses. */
    private static final int ARRAY_OPS = 10000;
    /** {@code range_ops} and {@code multirange_ops}: the anyrange and anymultirange classes. */
    private static final int RANGE_OPS = 10076;
    private static final int MULTIRANGE_OPS = 10080;

    private OperatorClasses() {}

    /** The default btree operator class of the type; 42704 when it has none. */
    public static int defaultBtree(int typeOid, String typeName) {
        Integer opclass = org.woolly.utils.adt.BuiltinTypes.elementType(typeOid) != 0 ? Integer.valueOf(ARRAY_OPS)
                : org.woolly.utils.adt.RangeTypes.isRange(typeOid) ? Integer.valueOf(RANGE_OPS)
                : org.woolly.utils.adt.RangeTypes.isMultirange(typeOid) ? Integer.valueOf(MULTIRANGE_OPS)
                : BTREE_DEFAULTS.get(typeOid);
        if (opclass == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                    "data type %s has no default operator class for access method \"btree\"", typeName)
                    .withHint("You must specify an operator class for the index or define a default operator class "
                            + "for the data type.");
        }
        return opclass;
    }
}
