package org.woolly.utils.adt;

import java.util.List;
import java.util.Map;

/**
 * Parameter names and defaults of the built-in functions that have them in PostgreSQL 15's
 * {@code pg_proc} ({@code proargnames}, {@code proargdefaults}), so that calls such as
 * {@code make_interval(days => 10)} and {@code parse_ident('a.b')} resolve as there.
 *
 * @param names    every parameter's name, in order (the longest signature's, where several share the name)
 * @param defaults the default expressions (SQL text) of the last {@code defaults.size()} parameters
 */
public record BuiltinParameters(List<String> names, List<String> defaults) {
    private static final Map<String, BuiltinParameters> BY_FUNCTION = Map.of(
            "make_interval", new BuiltinParameters(List.of("years", "months", "weeks", "days", "hours", "mins", "secs"),
                    List.of("0", "0", "0", "0", "0", "0", "0.0")),
            "parse_ident", new BuiltinParameters(List.of("str", "strict"), List.of("true")),
            "json_populate_record", new BuiltinParameters(List.of("base", "from_json", "use_json_as_text"),
                    List.of("false")),
            "json_populate_recordset", new BuiltinParameters(List.of("base", "from_json", "use_json_as_text"),
                    List.of("false")),
            "make_date", new BuiltinParameters(List.of("year", "month", "day"), List.of()),
            "make_time", new BuiltinParameters(List.of("hour", "min", "sec"), List.of()),
            "make_timestamp", new BuiltinParameters(List.of("year", "month", "mday", "hour", "min", "sec"), List.of()),
            "make_timestamptz", new BuiltinParameters(List.of("year", "month", "mday", "hour", "min", "sec",
                    "timezone"), List.of()));

    /** The SQL/JSON path functions: {@code (target, path, vars DEFAULT '{}', silent DEFAULT false)}. */
    private static final Map<String, BuiltinParameters> JSON_PATH = jsonPathFunctions();

    private static Map<String, BuiltinParameters> jsonPathFunctions() {
        BuiltinParameters parameters = new BuiltinParameters(List.of("target", "path", "vars", "silent"),
                List.of("'{}'::jsonb", "false"));
        Map<String, BuiltinParameters> functions = new java.util.HashMap<>();
        for (String name : List.of("exists", "match", "query", "query_array", "query_first")) {
            functions.put("jsonb_path_" + name, parameters);
            functions.put("jsonb_path_" + name + "_tz", parameters);
        }
        return Map.copyOf(functions);
    }

    /** The parameters of the built-in function {@code name}, or null when it has no names. */
    public static BuiltinParameters of(String name) {
        if (name.startsWith("jsonb_path_")) {
            return JSON_PATH.get(name);
        }
        return BY_FUNCTION.get(name);
    }
}
