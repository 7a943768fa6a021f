package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/**
 * Byte offsets of containers inside PostgreSQL's binary jsonb ({@code convertToJsonb} in
 * {@code jsonb_util.c}), which jsonpath's {@code .keyvalue()} exposes as part of its {@code id}.
 * Woolly keeps jsonb as a tree, so the layout is recomputed: a container is a 4-byte header,
 * one 4-byte JEntry per element (objects: per key and per value), then the children's data
 * (objects: all keys, then all values); strings are their UTF-8 bytes, numerics a 4-byte varlena
 * header plus the numeric's own header and base-10000 digits, padded to 4 bytes first, and
 * nested containers are padded to 4 bytes too; booleans and nulls take no data.
 */
final class JsonbLayout {
    private static final int HEADER = 4;
    private static final int JENTRY = 4;
    /** {@code NUMERIC_SHORT}: a 2-byte header when dscale and weight fit, else 4 bytes. */
    private static final int SHORT_DSCALE_MAX = 63;
    private static final int SHORT_WEIGHT_MIN = -64;
    private static final int SHORT_WEIGHT_MAX = 63;

    private JsonbLayout() {}

    /** The offset of {@code target} from the start of {@code base}'s root container, or 0 when it is not inside. */
    static long offsetOf(Object base, Object target) {
        long[] result = {0};
        find(base, target, 0, result);
        return result[0];
    }

    /** Lays out {@code node} at {@code start}; returns its end, or -1 once {@code target} is placed. */
    private static long find(Object node, Object target, long start, long[] result) {
        if (node == target) {
            result[0] = start;
            return -1;
        }
        List<Object> array = Jsonb.asArray(node);
        TreeMap<String, Object> object = Jsonb.asObject(node);
        if (array == null && object == null) {
            return start + scalarSize(node, start);
        }
        int count = array != null ? array.size() : object.size() * 2;
        long position = start + HEADER + (long) JENTRY * count;
        Iterable<Object> values = array != null ? array : object.values();
        if (object != null) {
            for (String key : object.keySet()) {
                position += key.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        for (Object value : values) {
            if (Jsonb.asArray(value) != null || Jsonb.asObject(value) != null) {
                position = align(position);
                position = find(value, target, position, result);
                if (position < 0) {
                    return -1;
                }
            } else {
                position += scalarSize(value, position);
            }
        }
        return position;
    }

    private static long align(long position) {
        return (position + 3) & ~3L;
    }

    /** The bytes a scalar adds at {@code position}, its alignment padding included. */
    private static long scalarSize(Object node, long position) {
        if (node instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
        if (node instanceof BigDecimal number) {
            return align(position) - position + numericSize(number);
        }
        return 0;
    }

    /** VARSIZE of the numeric as numeric_in makes it: varlena header, numeric header, base-10000 digits. */
    static int numericSize(BigDecimal value) {
        int dscale = Math.max(0, value.scale());
        BigDecimal stripped = value.abs().stripTrailingZeros();
        int digits = 0;
        int weight = 0;
        if (stripped.signum() != 0) {
            int highest = stripped.precision() - stripped.scale() - 1;
            int lowest = -stripped.scale();
            weight = Math.floorDiv(highest, 4);
            digits = weight - Math.floorDiv(lowest, 4) + 1;
        }
        boolean shortHeader = dscale <= SHORT_DSCALE_MAX && weight >= SHORT_WEIGHT_MIN && weight <= SHORT_WEIGHT_MAX;
        return 4 + (shortHeader ? 2 : 4) + 2 * digits;
    }
}
