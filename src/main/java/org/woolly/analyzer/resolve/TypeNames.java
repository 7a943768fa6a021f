package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeModifiers;
import org.woolly.utils.adt.TypeOids;

/** SQL names of types for messages and {@code format_type()} ({@code src/backend/utils/adt/format_type.c}). */
public final class TypeNames {
    private TypeNames() {}

    public static String format(int typeOid, int typmod) {
        return switch (typeOid) {
            case TypeOids.BOOL -> "boolean";
            case TypeOids.CHAR -> "\"char\"";
            case TypeOids.INT2 -> "smallint";
            case TypeOids.INT4 -> "integer";
            case TypeOids.INT8 -> "bigint";
            case TypeOids.FLOAT4 -> "real";
            case TypeOids.FLOAT8 -> "double precision";
            case TypeOids.BPCHAR -> typmod >= 0 ? "character(" + TypeModifiers.characterLength(typmod) + ")" : "bpchar";
            case TypeOids.VARCHAR -> typmod >= 0 ? "character varying(" + TypeModifiers.characterLength(typmod) + ")"
                    : "character varying";
            case TypeOids.NUMERIC -> typmod >= 0 ? "numeric(" + TypeModifiers.numericPrecision(typmod) + ","
                    + TypeModifiers.numericScale(typmod) + ")" : "numeric";
            case TypeOids.BIT -> typmod >= 0 ? "bit(" + typmod + ")" : "bit";
            case TypeOids.VARBIT -> typmod >= 0 ? "bit varying(" + typmod + ")" : "bit varying";
            case TypeOids.TIME -> "time" + precision(typmod) + " without time zone";
            case TypeOids.TIMESTAMP -> "timestamp" + precision(typmod) + " without time zone";
            case TypeOids.TIMESTAMPTZ -> "timestamp" + precision(typmod) + " with time zone";
            case TypeOids.INTERVAL -> "interval" + (typmod >= 0 ? intervalFields(typmod >>> 16 & 0x7FFF) : "")
                    + ((typmod & 0xFFFF) != 0xFFFF && typmod >= 0 ? "(" + (typmod & 0xFFFF) + ")" : "");
            case BuiltinTypes.ANY -> "\"any\"";
            default -> {
                PgType type = BuiltinTypes.byOid(typeOid);
                if (type == null) {
                    yield "???";
                }
                if (type.category() == 'A' && type.name().startsWith("_")) {
                    PgType element = BuiltinTypes.byName(type.name().substring(1));
                    yield element == null ? type.name() : format(element.oid(), -1) + "[]";
                }
                yield type.name();
            }
        };
    }

    /** {@code format_type} with no typmod. */
    public static String format(int typeOid) {
        return format(typeOid, -1);
    }

    /**
     * The fields of an interval typmod's range bits, as {@code intervaltypmodout} prints them
     * ({@code " day to second"}); empty for the full range. The bits are datetime.h's field
     * numbers: MONTH 1, YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12.
     */
    private static String intervalFields(int range) {
        int year = 1 << 2;
        int month = 1 << 1;
        int day = 1 << 3;
        int hour = 1 << 10;
        int minute = 1 << 11;
        int second = 1 << 12;
        if (range == year) {
            return " year";
        } else if (range == month) {
            return " month";
        } else if (range == day) {
            return " day";
        } else if (range == hour) {
            return " hour";
        } else if (range == minute) {
            return " minute";
        } else if (range == second) {
            return " second";
        } else if (range == (year | month)) {
            return " year to month";
        } else if (range == (day | hour)) {
            return " day to hour";
        } else if (range == (day | hour | minute)) {
            return " day to minute";
        } else if (range == (day | hour | minute | second)) {
            return " day to second";
        } else if (range == (hour | minute)) {
            return " hour to minute";
        } else if (range == (hour | minute | second)) {
            return " hour to second";
        } else if (range == (minute | second)) {
            return " minute to second";
        }
        return "";
    }

    private static String precision(int typmod) {
        return typmod >= 0 ? "(" + typmod + ")" : "";
    }
}
