package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.PgProcData.IMMUTABLE;
import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.TypeOids.BOOL;
import static org.woolly.utils.adt.TypeOids.JSONB;
import static org.woolly.utils.adt.TypeOids.JSONPATH;

/**
 * The SQL/JSON path functions and operators ({@code jsonb_path_exists}, {@code _match},
 * {@code _query} (set-returning), {@code _query_array}, {@code _query_first}, each also as a
 * {@code _tz} variant that may compare datetimes across time zones, and {@code jsonb @? jsonpath},
 * {@code jsonb @@ jsonpath}, which are exists and match with {@code silent} true), as
 * {@code jsonpath_exec.c} defines them over {@link JsonPathExecutor}.
 */
final class JsonPathFunctions {
    private JsonPathFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        for (boolean tz : new boolean[] {false, true}) {
            String suffix = tz ? "_tz" : "";
            char volatility = tz ? STABLE : IMMUTABLE;
            r.function("jsonb_path_exists" + suffix, BOOL, volatility, STRICT,
                    (a, c) -> exists(a, (Boolean) a[3], tz, c), JSONB, JSONPATH, JSONB, BOOL);
            r.function("jsonb_path_match" + suffix, BOOL, volatility, STRICT,
                    (a, c) -> match(a, (Boolean) a[3], tz, c), JSONB, JSONPATH, JSONB, BOOL);
            r.function("jsonb_path_query" + suffix, JSONB, volatility, STRICT,
                    (a, c) -> query(a, tz, c).iterator(), JSONB, JSONPATH, JSONB, BOOL);
            r.function("jsonb_path_query_array" + suffix, JSONB, volatility, STRICT,
                    (a, c) -> queryArray(a, tz, c), JSONB, JSONPATH, JSONB, BOOL);
            r.function("jsonb_path_query_first" + suffix, JSONB, volatility, STRICT,
                    (a, c) -> queryFirst(a, tz, c), JSONB, JSONPATH, JSONB, BOOL);
        }
        r.operator("@?", JSONB, JSONPATH, BOOL, (a, c) -> exists(a, true, false, c));
        r.operator("@@", JSONB, JSONPATH, BOOL, (a, c) -> match(a, true, false, c));
    }

    private static Object vars(Object[] a) {
        return a.length > 2 ? ((Jsonb) a[2]).root() : null;
    }

    private static boolean silent(Object[] a) {
        return a.length > 3 && (Boolean) a[3];
    }

    private static JsonPathExecutor.Result run(Object[] a, boolean silent, boolean tz, FunctionContext context,
                                               List<Object> found) {
        return JsonPathExecutor.execute((JsonPath) a[1], ((Jsonb) a[0]).root(), vars(a), !silent, tz,
                context == null ? null : context.formatSettings(), found);
    }

    /** {@code jsonb_path_exists}: NULL when an error was suppressed. */
    private static Boolean exists(Object[] a, boolean silent, boolean tz, FunctionContext context) {
        JsonPathExecutor.Result result = run(a, silent, tz, context, null);
        return result == JsonPathExecutor.Result.ERROR ? null : result == JsonPathExecutor.Result.OK;
    }

    /** {@code jsonb_path_match}: the single boolean (or null) the path yields. */
    private static Boolean match(Object[] a, boolean silent, boolean tz, FunctionContext context) {
        List<Object> found = new ArrayList<>();
        run(a, silent, tz, context, found);
        if (found.size() == 1) {
            Object value = found.getFirst();
            if (value instanceof Boolean bool) {
                return bool;
            }
            if (value == Jsonb.NULL) {
                return null;
            }
        }
        if (!silent) {
            throw new SqlException(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED, "single boolean result is expected");
        }
        return null;
    }

    private static List<Object> query(Object[] a, boolean tz, FunctionContext context) {
        List<Object> found = new ArrayList<>();
        run(a, silent(a), tz, context, found);
        List<Object> values = new ArrayList<>(found.size());
        for (Object value : found) {
            values.add(new Jsonb(JsonPathDatetime.toJsonb(value)));
        }
        return values;
    }

    private static Jsonb queryArray(Object[] a, boolean tz, FunctionContext context) {
        List<Object> elements = new ArrayList<>();
        for (Object value : query(a, tz, context)) {
            elements.add(((Jsonb) value).root());
        }
        return new Jsonb(Collections.unmodifiableList(elements));
    }

    private static Jsonb queryFirst(Object[] a, boolean tz, FunctionContext context) {
        Iterator<Object> values = query(a, tz, context).iterator();
        return values.hasNext() ? (Jsonb) values.next() : null;
    }
}
