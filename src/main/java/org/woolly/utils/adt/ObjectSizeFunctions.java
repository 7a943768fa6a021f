package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The disk-space functions of {@code src/backend/utils/adt/dbsize.c}: {@code pg_relation_size},
 * {@code pg_table_size}, {@code pg_indexes_size}, {@code pg_total_relation_size},
 * {@code pg_database_size}, and the unit conversions {@code pg_size_pretty} and
 * {@code pg_size_bytes}. Sizes are those of the files on disk, as PostgreSQL's are.
 */
final class ObjectSizeFunctions {
    /**
     * {@code size_pretty_units}: a unit is used below its limit; each after "bytes" keeps one
     * extra bit of the division for half rounding.
     */
    private record Unit(String name, long limit, boolean rounds, int bits) {}

    private static final List<Unit> UNITS = List.of(new Unit("bytes", 10 * 1024, false, 0),
            new Unit("kB", 20 * 1024 - 1, true, 10), new Unit("MB", 20 * 1024 - 1, true, 20),
            new Unit("GB", 20 * 1024 - 1, true, 30), new Unit("TB", 20 * 1024 - 1, true, 40),
            new Unit("PB", 20 * 1024 - 1, true, 50));

    private ObjectSizeFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int int8 = TypeOids.INT8;
        int regclass = TypeOids.REGCLASS;
        char volatile_ = PgProcData.VOLATILE;
        boolean strict = PgProcData.STRICT;
        r.function("pg_relation_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().relationSize((Integer) a[0], "main"), regclass);
        r.function("pg_relation_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().relationSize((Integer) a[0], (String) a[1]), regclass, TypeOids.TEXT);
        r.function("pg_table_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().tableSize((Integer) a[0]), regclass);
        r.function("pg_indexes_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().indexesSize((Integer) a[0]), regclass);
        r.function("pg_total_relation_size", int8, volatile_, strict, (a, c) -> {
            Long table = c.catalogInquiries().tableSize((Integer) a[0]);
            return table == null ? null : table + c.catalogInquiries().indexesSize((Integer) a[0]);
        }, regclass);
        r.function("pg_database_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().databaseSize((Integer) a[0]), TypeOids.OID);
        r.function("pg_database_size", int8, volatile_, strict,
                (a, c) -> c.catalogInquiries().databaseSize((String) a[0]), TypeOids.NAME);
        r.function("pg_size_pretty", TypeOids.TEXT, PgProcData.IMMUTABLE, strict,
                (a, c) -> pretty(BigDecimal.valueOf((Long) a[0])), int8);
        r.function("pg_size_pretty", TypeOids.TEXT, PgProcData.IMMUTABLE, strict,
                (a, c) -> pretty((BigDecimal) a[0]), TypeOids.NUMERIC);
        r.function("pg_size_bytes", int8, PgProcData.IMMUTABLE, strict, (a, c) -> bytes((String) a[0]),
                TypeOids.TEXT);
    }

    /** {@code pg_size_pretty}: the largest unit keeping the number under its unit's limit, half rounded. */
    static String pretty(BigDecimal size) {
        BigDecimal value = size;
        for (int i = 0; ; i++) {
            Unit unit = UNITS.get(i);
            boolean last = i == UNITS.size() - 1;
            if (last || value.abs().compareTo(BigDecimal.valueOf(unit.limit())) < 0) {
                if (unit.rounds()) {
                    value = halfRounded(value);
                }
                return value.toPlainString() + " " + unit.name();
            }
            Unit next = UNITS.get(i + 1);
            int bits = next.bits() - unit.bits() - (next.rounds() ? 1 : 0) + (unit.rounds() ? 1 : 0);
            // truncating division, so negative sizes round as positive ones do
            value = new BigDecimal(value.toBigInteger().divide(BigInteger.ONE.shiftLeft(bits)));
        }
    }

    private static BigDecimal halfRounded(BigDecimal value) {
        BigInteger whole = value.toBigInteger();
        BigInteger adjusted = whole.add(whole.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ONE);
        return new BigDecimal(adjusted.divide(BigInteger.TWO));
    }

    /** {@code pg_size_bytes}: a number with an optional unit ("bytes", kB ... PB, any case) in bytes. */
    static long bytes(String text) {
        String trimmed = text.strip();
        int end = numberEnd(trimmed);
        if (end == 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid size: \"%s\"", text);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(trimmed.substring(0, end));
        } catch (NumberFormatException e) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid size: \"%s\"", text);
        }
        String unit = trimmed.substring(end).strip();
        if (!unit.isEmpty()) {
            int bits = unitBits(unit.toLowerCase(Locale.ROOT));
            if (bits < 0) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid size: \"%s\"", text)
                        .withDetail("Invalid size unit: \"" + unit + "\".")
                        .withHint("Valid units are \"bytes\", \"kB\", \"MB\", \"GB\", \"TB\", and \"PB\".");
            }
            number = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(bits)));
        }
        BigInteger rounded = number.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (rounded.bitLength() > 63) {
            throw SqlException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
        return rounded.longValueExact();
    }

    private static int unitBits(String unit) {
        if (unit.equals("bytes")) {
            return 0;
        }
        for (Unit known : UNITS) {
            if (known.name().toLowerCase(Locale.ROOT).equals(unit)) {
                return known.bits();
            }
        }
        return -1;
    }

    /** Where the leading number ends: sign, digits, fraction, exponent; 0 when there are no digits. */
    private static int numberEnd(String text) {
        int i = 0;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            int exponentDigits = exponent;
            while (exponentDigits < text.length() && Character.isDigit(text.charAt(exponentDigits))) {
                exponentDigits++;
            }
            if (exponentDigits > exponent) {
                i = exponentDigits;
            }
        }
        return i;
    }
}
