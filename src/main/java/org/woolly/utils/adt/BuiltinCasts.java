package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The casts of {@code pg_cast.dat} between the built-in types, and the I/O conversion casts
 * PostgreSQL allows without a pg_cast entry ({@code find_coercion_pathway} in
 * {@code src/backend/parser/parse_coerce.c}): any type to a string type in assignment context,
 * a string type to any type explicitly, and an unknown literal to any type implicitly.
 */
final class BuiltinCasts {
    private static final char I = CastDescriptor.IMPLICIT;
    private static final char A = CastDescriptor.ASSIGNMENT;
    private static final char E = CastDescriptor.EXPLICIT;

    private BuiltinCasts() {}

    static void register(BuiltinFunctions.Registry r) {
        int int2 = TypeOids.INT2;
        int int4 = TypeOids.INT4;
        int int8 = TypeOids.INT8;
        int float4 = TypeOids.FLOAT4;
        int float8 = TypeOids.FLOAT8;
        int numeric = TypeOids.NUMERIC;
        int[] integers = {int2, int4, int8};
        for (int source : integers) {
            for (int target : integers) {
                if (source != target) {
                    char context = width(target) > width(source) ? I : A;
                    r.cast(source, target, context, (v, t, c) -> IntegerOperators.narrow(target,
                            IntegerOperators.checkRange(((Number) v).longValue(), target)));
                }
            }
            r.cast(source, float4, I, (v, t, c) -> ((Number) v).floatValue());
            r.cast(source, float8, I, (v, t, c) -> ((Number) v).doubleValue());
            r.cast(source, numeric, I, (v, t, c) -> BigDecimal.valueOf(((Number) v).longValue()));
            r.cast(source, TypeOids.OID, I, (v, t, c) -> ((Number) v).intValue());
            r.cast(float4, source, A, (v, t, c) -> floatToInteger((Float) v, source));
            r.cast(float8, source, A, (v, t, c) -> floatToInteger((Double) v, source));
            r.cast(numeric, source, A, (v, t, c) -> numericToInteger(v, source));
        }
        r.cast(TypeOids.OID, int4, A, null);
        r.cast(TypeOids.OID, int8, A, (v, t, c) -> Integer.toUnsignedLong((Integer) v));
        // the OID alias types hold an OID: casts to and from oid and int4 keep the bits
        for (int alias : new int[] {TypeOids.REGPROC, TypeOids.REGPROCEDURE, TypeOids.REGCLASS, TypeOids.REGTYPE,
                TypeOids.REGNAMESPACE, TypeOids.REGROLE}) {
            r.cast(TypeOids.OID, alias, I, null);
            r.cast(alias, TypeOids.OID, I, null);
            r.cast(int4, alias, I, null);
            r.cast(alias, int8, A, (v, t, c) -> Integer.toUnsignedLong((Integer) v));
            r.cast(alias, int4, A, null);
        }
        r.cast(TypeOids.REGPROC, TypeOids.REGPROCEDURE, I, null);
        r.cast(TypeOids.REGPROCEDURE, TypeOids.REGPROC, I, null);
        r.cast(float4, float8, I, (v, t, c) -> (double) (Float) v);
        r.cast(float8, float4, A, (v, t, c) -> FloatOperators.box(float4, (Double) v));
        r.cast(float4, numeric, A, (v, t, c) -> floatToNumeric((Float) v, 6));
        r.cast(float8, numeric, A, (v, t, c) -> floatToNumeric((Double) v, 15));
        r.cast(numeric, float4, I, (v, t, c) -> FloatOperators.box(float4, NumericOperators.toDouble(v)));
        r.cast(numeric, float8, I, (v, t, c) -> {
            double value = NumericOperators.toDouble(v);
            if (Double.isInfinite(value) && v instanceof BigDecimal) {
                throw FloatOperators.overflow();
            }
            return value;
        });
        r.cast(int4, TypeOids.BOOL, E, (v, t, c) -> (Integer) v != 0);
        r.cast(TypeOids.BOOL, int4, E, (v, t, c) -> (Boolean) v ? 1 : 0);
        // booltext: a cast to a string type spells the value out, unlike boolout's t/f
        for (int target : new int[] {TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR}) {
            r.cast(TypeOids.BOOL, target, A, (v, t, c) -> (Boolean) v ? "true" : "false");
        }
        r.cast(int4, TypeOids.CHAR, E, (v, t, c) -> {
            int code = (Integer) v;
            if (code < -128 || code > 127) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"char\" out of range");
            }
            return code == 0 ? "" : String.valueOf((char) (code & 0xFF));
        });
        r.cast(TypeOids.CHAR, int4, E, (v, t, c) -> ((String) v).isEmpty() ? 0 : (int) (byte) ((String) v).charAt(0));

        int text = TypeOids.TEXT;
        int varchar = TypeOids.VARCHAR;
        int bpchar = TypeOids.BPCHAR;
        int name = TypeOids.NAME;
        int character = TypeOids.CHAR;
        r.cast(text, bpchar, I, null);
        r.cast(text, varchar, I, null);
        r.cast(varchar, text, I, null);
        r.cast(varchar, bpchar, I, null);
        r.cast(bpchar, text, I, (v, t, c) -> ValueOrdering.stripTrailingBlanks((String) v));
        r.cast(bpchar, varchar, I, (v, t, c) -> ValueOrdering.stripTrailingBlanks((String) v));
        r.cast(text, name, I, (v, t, c) -> StringIO.truncateName((String) v));
        r.cast(varchar, name, I, (v, t, c) -> StringIO.truncateName((String) v));
        r.cast(bpchar, name, I, (v, t, c) -> StringIO.truncateName(ValueOrdering.stripTrailingBlanks((String) v)));
        r.cast(name, text, I, null);
        r.cast(name, varchar, A, null);
        r.cast(name, bpchar, A, null);
        r.cast(character, text, I, null);
        r.cast(character, varchar, A, null);
        r.cast(character, bpchar, A, null);
        r.cast(text, character, A, (v, t, c) -> firstCharacter((String) v));
        r.cast(varchar, character, A, (v, t, c) -> firstCharacter((String) v));
        r.cast(bpchar, character, A, (v, t, c) -> firstCharacter((String) v));

        int date = TypeOids.DATE;
        int timestamp = TypeOids.TIMESTAMP;
        int timestamptz = TypeOids.TIMESTAMPTZ;
        int time = TypeOids.TIME;
        int interval = TypeOids.INTERVAL;
        r.cast(date, timestamp, I, (v, t, c) -> DateTimeFunctions.dateToTimestamp((Integer) v));
        r.cast(date, timestamptz, I, (v, t, c) -> DateTimeFunctions.dateToTimestamptz((Integer) v, c));
        r.cast(timestamp, date, A, (v, t, c) -> DateTimeFunctions.timestampToDate((Long) v));
        r.cast(timestamptz, date, A, (v, t, c) -> DateTimeFunctions.timestampToDate(
                DateTimeFunctions.timestamptzToTimestamp((Long) v, c)));
        r.cast(timestamp, timestamptz, I, (v, t, c) -> DateTimeFunctions.timestampToTimestamptz((Long) v, c));
        r.cast(timestamptz, timestamp, A, (v, t, c) -> DateTimeFunctions.timestamptzToTimestamp((Long) v, c));
        r.cast(timestamp, time, A, (v, t, c) -> timeOf((Long) v));
        r.cast(timestamptz, time, A, (v, t, c) -> timeOf(DateTimeFunctions.timestamptzToTimestamp((Long) v, c)));
        r.cast(time, interval, I, (v, t, c) -> new Interval(0, 0, (Long) v));
        r.cast(interval, time, A, (v, t, c) -> Math.floorMod(((Interval) v).microseconds(),
                DateTimeArithmetic.USECS_PER_DAY));
    }

    private static int width(int integerType) {
        return integerType == TypeOids.INT2 ? 2 : integerType == TypeOids.INT4 ? 4 : 8;
    }

    static boolean isStringType(int type) {
        return type == TypeOids.TEXT || type == TypeOids.VARCHAR || type == TypeOids.BPCHAR || type == TypeOids.NAME;
    }

    /**
     * Between array types, the element types' cast applied to each element, in that cast's
     * context ({@code ArrayCoerceExpr}, {@code find_coercion_pathway}'s array case).
     */
    private static CastDescriptor arrayCoercion(int source, int target) {
        int targetElement = BuiltinTypes.elementType(target);
        CastDescriptor element = BuiltinFunctions.cast(BuiltinTypes.elementType(source), targetElement);
        if (element == null) {
            return null;
        }
        return new CastDescriptor(source, target, element.context(), element.method(), (value, typmod, context) -> {
            ArrayValue array = (ArrayValue) value;
            Object[] converted = new Object[array.size()];
            for (int i = 0; i < converted.length; i++) {
                Object item = array.element(i);
                converted[i] = item == null ? null : element.apply(item, typmod, context);
            }
            return array.withElements(targetElement, converted);
        });
    }

    /** The I/O conversion cast between two types without a pg_cast entry (or an array coercion), or null. */
    static CastDescriptor ioConversion(int source, int target) {
        PgType sourceType = BuiltinTypes.byOid(source);
        PgType targetType = BuiltinTypes.byOid(target);
        // cstring, a pseudo-type, has values: the string types reach it and it them through I/O
        if (sourceType == null || targetType == null || sourceType.category() == 'P' && source != TypeOids.CSTRING
                || targetType.category() == 'P' && target != TypeOids.CSTRING || target == TypeOids.UNKNOWN) {
            return null;
        }
        if (source == TypeOids.UNKNOWN) {
            return new CastDescriptor(source, target, I, 'i',
                    (v, t, c) -> targetType.io().input((String) v, -1, c.formatSettings()));
        }
        if (source == target) {
            return null;
        }
        if (BuiltinTypes.elementType(source) != 0 && BuiltinTypes.elementType(target) != 0) {
            return arrayCoercion(source, target);
        }
        if (isStringType(target)) {
            return new CastDescriptor(source, target, A, 'i',
                    (v, t, c) -> targetType.io().input(sourceType.io().output(v, c.formatSettings()), -1,
                            c.formatSettings()));
        }
        if (isStringType(source)) {
            return new CastDescriptor(source, target, E, 'i',
                    (v, t, c) -> targetType.io().input(source == TypeOids.BPCHAR
                            ? ValueOrdering.stripTrailingBlanks((String) v) : (String) v, -1, c.formatSettings()));
        }
        return null;
    }

    private static String firstCharacter(String value) {
        return value.isEmpty() ? "" : value.substring(0, Character.charCount(value.codePointAt(0)));
    }

    private static long timeOf(long timestamp) {
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return Math.floorMod(timestamp, DateTimeArithmetic.USECS_PER_DAY);
    }

    /** {@code dtoi4} and friends: round to nearest even, then range-check. */
    private static Object floatToInteger(double value, int target) {
        double rounded = Math.rint(value);
        boolean fits = switch (target) {
            case TypeOids.INT2 -> rounded >= Short.MIN_VALUE && rounded <= Short.MAX_VALUE;
            case TypeOids.INT4 -> rounded >= Integer.MIN_VALUE && rounded <= Integer.MAX_VALUE;
            default -> rounded >= -0x1p63 && rounded < 0x1p63;
        };
        if (!fits || Double.isNaN(rounded)) {
            IntegerOperators.checkRange(target == TypeOids.INT8 ? 0 : Long.MAX_VALUE, target);
            throw TypeErrors.bigintOutOfRange();
        }
        return IntegerOperators.narrow(target, (long) rounded);
    }

    /** {@code numeric_int4} and friends: round half away from zero, then range-check. */
    private static Object numericToInteger(Object value, int target) {
        if (value instanceof NumericSpecial special) {
            String what = special == NumericSpecial.NAN ? "NaN" : "infinity";
            String typeName = target == TypeOids.INT2 ? "smallint" : target == TypeOids.INT4 ? "integer" : "bigint";
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + what + " to " + typeName);
        }
        BigDecimal rounded = ((BigDecimal) value).setScale(0, RoundingMode.HALF_UP);
        if (rounded.toBigInteger().bitLength() > 63) {
            IntegerOperators.checkRange(target == TypeOids.INT8 ? 0 : Long.MAX_VALUE, target);
            throw TypeErrors.bigintOutOfRange();
        }
        return IntegerOperators.narrow(target, IntegerOperators.checkRange(rounded.longValueExact(), target));
    }

    /** {@code float8_numeric}: the value printed with DBL_DIG (FLT_DIG) significant digits. */
    private static Object floatToNumeric(double value, int digits) {
        if (Double.isNaN(value)) {
            return NumericSpecial.NAN;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
