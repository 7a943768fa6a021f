package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Type modifiers ({@code atttypmod}): the one place that checks and encodes the modifiers
 * written after a type name ({@link #typmodIn}, the typmodin functions of
 * {@code src/backend/utils/adt/varchar.c}, {@code numeric.c}, {@code timestamp.c},
 * {@code date.c}), and length coercion ({@code varchar()}, {@code bpchar()}, {@code numeric()}).
 * varchar(n) and char(n) store n + 4; numeric(p,s) stores ((p &lt;&lt; 16) | (s &amp; 0x7ff)) + 4,
 * the scale as 11-bit two's complement (PostgreSQL 15 allows -1000..1000); time/timestamp(p)
 * store p; interval stores (range &lt;&lt; 16) | precision, 0xFFFF for no precision.
 */
public final class TypeModifiers {
    /** Room PostgreSQL reserves in a typmod for the varlena header. */
    public static final int VARHDRSZ = 4;
    public static final int NUMERIC_MAX_PRECISION = 1000;
    public static final int MAX_CHARACTER_LENGTH = 10485760;
    public static final int NUMERIC_MIN_SCALE = -1000;
    public static final int NUMERIC_MAX_SCALE = 1000;
    /** MAX_TIMESTAMP_PRECISION, MAX_TIME_PRECISION and MAX_INTERVAL_PRECISION. */
    public static final int MAX_FRACTIONAL_PRECISION = 6;
    /** An interval typmod's precision part when none was written. */
    private static final int INTERVAL_FULL_PRECISION = 0xFFFF;

    private TypeModifiers() {}

    public static int varchar(int length) {
        if (length < 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "length for type varchar must be at least 1");
        }
        if (length > MAX_CHARACTER_LENGTH) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type varchar cannot exceed " + MAX_CHARACTER_LENGTH);
        }
        return length + VARHDRSZ;
    }

    public static int bpchar(int length) {
        if (length < 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "length for type char must be at least 1");
        }
        if (length > MAX_CHARACTER_LENGTH) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type char cannot exceed " + MAX_CHARACTER_LENGTH);
        }
        return length + VARHDRSZ;
    }

    /**
     * numeric(p, s): PostgreSQL 15 allows a negative scale (rounding left of the decimal point)
     * and a scale larger than the precision (values below 1).
     */
    public static int numeric(int precision, int scale) {
        if (precision < 1 || precision > NUMERIC_MAX_PRECISION) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC precision " + precision + " must be between 1 and " + NUMERIC_MAX_PRECISION);
        }
        if (scale < NUMERIC_MIN_SCALE || scale > NUMERIC_MAX_SCALE) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC scale " + scale + " must be between "
                    + NUMERIC_MIN_SCALE + " and " + NUMERIC_MAX_SCALE);
        }
        return ((precision << 16) | (scale & 0x7FF)) + VARHDRSZ;
    }

    /**
     * The typmod for the modifiers written after a type name ({@code typenameTypeMod} calling the
     * type's typmodin), or -1 when none were written. The caller adds the error position.
     *
     * @param typeName the type's name as written, for "type modifier is not allowed for type"
     * @param warnings receives the WARNING (22023) of a time, timestamp or interval precision above
     *                 6, which is reduced to 6 as PostgreSQL does
     */
    public static int typmodIn(int typeOid, String typeName, List<Integer> modifiers, NoticeSink warnings) {
        if (modifiers == null || modifiers.isEmpty()) {
            return -1;
        }
        return switch (typeOid) {
            case TypeOids.VARCHAR -> varchar(single(modifiers));
            case TypeOids.BPCHAR -> bpchar(single(modifiers));
            case TypeOids.NUMERIC -> switch (modifiers.size()) {
                case 1 -> numeric(modifiers.getFirst());
                case 2 -> numeric(modifiers.get(0), modifiers.get(1));
                default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid NUMERIC type modifier");
            };
            case TypeOids.TIMESTAMP -> fractionalPrecision("TIMESTAMP", "", single(modifiers), warnings);
            case TypeOids.TIMESTAMPTZ -> fractionalPrecision("TIMESTAMP", " WITH TIME ZONE", single(modifiers), warnings);
            case TypeOids.TIME -> fractionalPrecision("TIME", "", single(modifiers), warnings);
            case TypeOids.INTERVAL -> interval(modifiers, warnings);
            case TypeOids.BIT -> bitLength("bit", single(modifiers));
            case TypeOids.VARBIT -> bitLength("varbit", single(modifiers));
            default -> throw new SqlException(SqlState.SYNTAX_ERROR,
                    "type modifier is not allowed for type \"" + typeName + "\"");
        };
    }

    /** {@code bittypmodin} / {@code varbittypmodin}: the length in bits is the typmod. */
    private static int bitLength(String type, int length) {
        if (length < 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "length for type " + type + " must be at least 1");
        }
        if (length > BitString.MAX_LENGTH) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type " + type + " cannot exceed " + BitString.MAX_LENGTH);
        }
        return length;
    }

    private static int single(List<Integer> modifiers) {
        if (modifiers.size() != 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid type modifier");
        }
        return modifiers.getFirst();
    }

    /**
     * {@code anytimestamp_typmod_check} / {@code anytime_typmod_check}: more than microseconds is
     * reduced to 6 with a warning.
     */
    private static int fractionalPrecision(String type, String suffix, int precision, NoticeSink warnings) {
        if (precision < 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    type + "(" + precision + ")" + suffix + " precision must not be negative");
        }
        return reduced(type + "(" + precision + ")" + suffix, precision, warnings);
    }

    private static int reduced(String written, int precision, NoticeSink warnings) {
        if (precision <= MAX_FRACTIONAL_PRECISION) {
            return precision;
        }
        warnings.notice(new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                written + " precision reduced to maximum allowed, " + MAX_FRACTIONAL_PRECISION)
                .withSeverity(Severity.WARNING));
        return MAX_FRACTIONAL_PRECISION;
    }

    /** {@code intervaltypmodin}: the parser hands (range mask) or (range mask, precision). */
    private static int interval(List<Integer> modifiers, NoticeSink warnings) {
        if (modifiers.size() > 2) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid INTERVAL type modifier");
        }
        int range = modifiers.getFirst();
        int precision = INTERVAL_FULL_PRECISION;
        if (modifiers.size() == 2) {
            precision = modifiers.get(1);
            if (precision < 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "INTERVAL(" + precision + ") precision must not be negative");
            }
            precision = reduced("INTERVAL(" + precision + ")", precision, warnings);
        }
        return ((range & 0x7FFF) << 16) | precision;
    }

    /** numeric(p) means scale 0. */
    public static int numeric(int precision) {
        return numeric(precision, 0);
    }

    /** The n of varchar(n)/char(n), or -1 when unconstrained. */
    public static int characterLength(int typmod) {
        return typmod < VARHDRSZ ? -1 : typmod - VARHDRSZ;
    }

    public static int numericPrecision(int typmod) {
        return typmod < VARHDRSZ ? -1 : ((typmod - VARHDRSZ) >> 16) & 0xFFFF;
    }

    /** The scale, sign-extended from its 11 bits; meaningless (-1) without a typmod. */
    public static int numericScale(int typmod) {
        return typmod < VARHDRSZ ? -1 : ((((typmod - VARHDRSZ) & 0x7FF) ^ 1024) - 1024);
    }

    /**
     * Length coercion of a non-null value already of type {@code typeOid} to {@code typmod}
     * (what a cast or an assignment to a column of that typmod does). {@code explicit} is true
     * for an explicit cast, where varchar(n)/char(n) silently truncate instead of failing.
     */
    public static Object apply(int typeOid, Object value, int typmod, boolean explicit) {
        if (typmod < 0 || value == null) {
            return value;
        }
        return switch (typeOid) {
            case TypeOids.VARCHAR -> applyVarchar((String) value, typmod, explicit);
            case TypeOids.BPCHAR -> applyBpchar((String) value, typmod, explicit);
            case TypeOids.NUMERIC -> applyNumeric(value, typmod);
            case TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ -> DateTimeArithmetic.roundTimestamp((Long) value, typmod);
            case TypeOids.TIME -> DateTimeArithmetic.roundTime((Long) value, typmod);
            case TypeOids.INTERVAL -> DateTimeArithmetic.roundInterval((Interval) value, typmod);
            case TypeOids.BIT -> BitStringIO.BIT.coerce((BitString) value, typmod, explicit);
            case TypeOids.VARBIT -> BitStringIO.VARBIT.coerce((BitString) value, typmod, explicit);
            default -> value instanceof ArrayValue array ? applyToElements(array, typmod, explicit) : value;
        };
    }

    /** An array's typmod is its elements' ({@code varchar(3)[]}). */
    private static ArrayValue applyToElements(ArrayValue array, int typmod, boolean explicit) {
        Object[] elements = new Object[array.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = apply(array.elementType(), array.element(i), typmod, explicit);
        }
        return array.withElements(array.elementType(), elements);
    }

    static String applyVarchar(String value, int typmod, boolean explicit) {
        int maxLength = characterLength(typmod);
        if (maxLength < 0 || value.length() <= maxLength) {
            return value;
        }
        int characters = value.codePointCount(0, value.length());
        if (characters <= maxLength) {
            return value;
        }
        int cut = value.offsetByCodePoints(0, maxLength);
        if (!explicit) {
            for (int i = cut; i < value.length(); i++) {
                if (value.charAt(i) != ' ') {
                    throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                            "value too long for type character varying(" + maxLength + ")");
                }
            }
        }
        return value.substring(0, cut);
    }

    static String applyBpchar(String value, int typmod, boolean explicit) {
        int maxLength = characterLength(typmod);
        if (maxLength < 0) {
            return value;
        }
        int characters = value.codePointCount(0, value.length());
        if (characters == maxLength) {
            return value;
        }
        if (characters < maxLength) {
            return value + " ".repeat(maxLength - characters);
        }
        int cut = value.offsetByCodePoints(0, maxLength);
        if (!explicit) {
            for (int i = cut; i < value.length(); i++) {
                if (value.charAt(i) != ' ') {
                    throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                            "value too long for type character(" + maxLength + ")");
                }
            }
        }
        return value.substring(0, cut);
    }

    static Object applyNumeric(Object value, int typmod) {
        if (typmod < VARHDRSZ) {
            return value;
        }
        int precision = numericPrecision(typmod);
        int scale = numericScale(typmod);
        if (value instanceof NumericSpecial special) {
            if (special == NumericSpecial.NAN) {
                return value;
            }
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").withDetail(
                    "A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.");
        }
        BigDecimal rounded = ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP);
        if (rounded.signum() != 0 && rounded.precision() - rounded.scale() > precision - scale) {
            throw NumericIO.fieldOverflow(precision, scale);
        }
        // a negative scale rounds to tens, hundreds, ...; the value itself keeps no negative scale
        return scale < 0 ? rounded.setScale(0) : rounded;
    }
}
