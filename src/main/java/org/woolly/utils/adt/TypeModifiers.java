package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Type modifiers ({@code atttypmod}): how they are encoded, and length coercion — the
 * counterpart of {@code varchar()}, {@code bpchar()}, {@code numeric()} and the typmodin
 * functions in {@code src/backend/utils/adt/varchar.c} and {@code numeric.c}.
 * varchar(n) and char(n) store n + 4; numeric(p,s) stores ((p &lt;&lt; 16) | s) + 4;
 * time/timestamp/interval(p) store p.
 */
public final class TypeModifiers {
    /** Room PostgreSQL reserves in a typmod for the varlena header. */
    public static final int VARHDRSZ = 4;
    public static final int NUMERIC_MAX_PRECISION = 1000;
    public static final int MAX_CHARACTER_LENGTH = 10485760;

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

    public static int numeric(int precision, int scale) {
        if (precision < 1 || precision > NUMERIC_MAX_PRECISION) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC precision " + precision + " must be between 1 and " + NUMERIC_MAX_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC scale " + scale + " must be between 0 and precision " + precision);
        }
        return ((precision << 16) | scale) + VARHDRSZ;
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

    public static int numericScale(int typmod) {
        return typmod < VARHDRSZ ? -1 : (typmod - VARHDRSZ) & 0xFFFF;
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
            default -> value;
        };
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
        return rounded;
    }
}
