package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.woolly.utils.adt.JsonPathExecutor.Bool;
import org.woolly.utils.adt.JsonPathItem.Kind;

/**
 * The comparison predicates of the SQL/JSON path language ({@code compareItems} in
 * {@code jsonpath_exec.c}): items of the same scalar kind compare (strings by their UTF-8 bytes,
 * as PostgreSQL does in a UTF-8 database; datetimes through {@link JsonPathDatetime#compare}); a
 * null against a non-null is false, or true for {@code !=}; any other mix of kinds, and arrays and
 * objects, are not comparable: unknown.
 */
final class JsonPathComparison {
    private JsonPathComparison() {}

    private static int kindOf(Object value) {
        if (value == Jsonb.NULL) {
            return 0;
        }
        return switch (value) {
            case Boolean b -> 1;
            case BigDecimal d -> 2;
            case String s -> 3;
            case JsonPathDatetime.Value v -> 4;
            default -> 5;
        };
    }

    static Bool compare(Kind operator, Object left, Object right, boolean useTz, FormatSettings settings) {
        int leftKind = kindOf(left);
        int rightKind = kindOf(right);
        if (leftKind != rightKind) {
            if (leftKind == 0 || rightKind == 0) {
                return operator == Kind.NOT_EQUAL ? Bool.TRUE : Bool.FALSE;
            }
            return Bool.UNKNOWN;
        }
        int compared;
        switch (leftKind) {
            case 0 -> compared = 0;
            case 1 -> compared = Boolean.compare((Boolean) left, (Boolean) right);
            case 2 -> compared = ((BigDecimal) left).compareTo((BigDecimal) right);
            case 3 -> {
                if (operator == Kind.EQUAL) {
                    return left.equals(right) ? Bool.TRUE : Bool.FALSE;
                }
                compared = compareStrings((String) left, (String) right);
            }
            case 4 -> {
                Integer result = JsonPathDatetime.compare((JsonPathDatetime.Value) left,
                        (JsonPathDatetime.Value) right, useTz, settings);
                if (result == null) {
                    return Bool.UNKNOWN;
                }
                compared = result;
            }
            default -> {
                return Bool.UNKNOWN;
            }
        }
        boolean result = switch (operator) {
            case EQUAL -> compared == 0;
            case NOT_EQUAL -> compared != 0;
            case LESS -> compared < 0;
            case GREATER -> compared > 0;
            case LESS_OR_EQUAL -> compared <= 0;
            default -> compared >= 0;
        };
        return result ? Bool.TRUE : Bool.FALSE;
    }

    /** {@code binaryCompareStrings}: UTF-8 byte order, which is code point order. */
    private static int compareStrings(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }
}
