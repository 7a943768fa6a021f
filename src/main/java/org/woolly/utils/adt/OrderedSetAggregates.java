package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The ordered-set aggregates of {@code orderedsetaggs.c}: {@code percentile_cont(fraction)},
 * {@code percentile_disc(fraction)} and {@code mode()}, each {@code WITHIN GROUP (ORDER BY
 * value)}. The executor feeds the rows in the WITHIN GROUP order; the transition keeps the
 * non-null sorted values and the direct argument (the same for every row of a group, so the
 * first one is kept), and the final function reads positions in that order, as PostgreSQL's
 * do over their tuplesort.
 */
final class OrderedSetAggregates {
    private OrderedSetAggregates() {}

    /** The sorted values of a group and its direct argument. */
    private static final class Rows {
        final List<Object> values = new ArrayList<>();
        Object direct;
        boolean seen;
    }

    static void register(BuiltinFunctions.Registry r) {
        int anyElement = TypeOids.ANYELEMENT;
        r.aggregate(new AggregateDescriptor("percentile_cont", new int[] {TypeOids.FLOAT8, TypeOids.FLOAT8},
                PgAggregateData.INTERNAL, TypeOids.FLOAT8, Rows::new, OrderedSetAggregates::withDirect,
                OrderedSetAggregates::continuous, false));
        r.aggregate(new AggregateDescriptor("percentile_disc", new int[] {TypeOids.FLOAT8, anyElement},
                PgAggregateData.INTERNAL, anyElement, Rows::new, OrderedSetAggregates::withDirect,
                OrderedSetAggregates::discrete, false));
        r.aggregate(new AggregateDescriptor("mode", new int[] {anyElement}, PgAggregateData.INTERNAL, anyElement,
                Rows::new, (state, args) -> {
                    if (args[0] != null) {
                        ((Rows) state).values.add(args[0]);
                    }
                    return state;
                }, OrderedSetAggregates::mode, false));
    }

    private static Object withDirect(Object state, Object[] args) {
        Rows rows = (Rows) state;
        if (!rows.seen) {
            rows.direct = args[0];
            rows.seen = true;
        }
        if (args[1] != null) {
            rows.values.add(args[1]);
        }
        return rows;
    }

    private static Double fraction(Rows rows) {
        if (rows.direct == null) {
            return null;
        }
        double fraction = (Double) rows.direct;
        if (fraction < 0 || fraction > 1 || Double.isNaN(fraction)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "percentile value " + sixDigits(fraction) + " is not between 0 and 1");
        }
        return fraction;
    }

    /** A number as C's {@code %g} prints it: six significant digits, no trailing zeros. */
    private static String sixDigits(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        return new BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Interpolates between the two rows around {@code fraction * (n - 1)}. */
    private static Object continuous(Object state) {
        Rows rows = (Rows) state;
        Double fraction = fraction(rows);
        if (fraction == null || rows.values.isEmpty()) {
            return null;
        }
        double position = fraction * (rows.values.size() - 1);
        int first = (int) Math.floor(position);
        int second = (int) Math.ceil(position);
        double low = (Double) rows.values.get(first);
        if (first == second) {
            return low;
        }
        double high = (Double) rows.values.get(second);
        return low + (position - first) * (high - low);
    }

    /** The first row whose position reaches {@code fraction} of the rows. */
    private static Object discrete(Object state) {
        Rows rows = (Rows) state;
        Double fraction = fraction(rows);
        if (fraction == null || rows.values.isEmpty()) {
            return null;
        }
        long row = (long) Math.ceil(fraction * rows.values.size());
        return rows.values.get((int) Math.max(row, 1) - 1);
    }

    /** The most frequent value; of equally frequent ones, the first in the sort order. */
    private static Object mode(Object state) {
        List<Object> values = ((Rows) state).values;
        Object best = null;
        int bestCount = 0;
        int i = 0;
        while (i < values.size()) {
            int j = i + 1;
            while (j < values.size() && same(values.get(i), values.get(j))) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = values.get(i);
            }
            i = j;
        }
        return best;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }
}
