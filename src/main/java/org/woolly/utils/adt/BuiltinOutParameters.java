package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameter lists of the built-in functions whose pg_proc row names its parameters with
 * modes ({@code proallargtypes}, {@code proargmodes}, {@code proargnames} of PostgreSQL 15's
 * {@code pg_proc.dat}): the record-returning {@code json(b)_each(_text)} with their OUT
 * parameters {@code key} and {@code value}, the {@code json(b)_array_elements(_text)} family,
 * and the named parameters of {@code json_populate_record(set)}. initdb writes these columns,
 * and the analyzer reads a record-returning function's columns from the OUT parameters
 * ({@code build_function_result_tupdesc_d}).
 *
 * @param allTypes every parameter's type, OUT ones included; null when all are IN
 * @param modes    one mode per parameter of {@code allTypes} ('i' or 'o'); null when all are IN
 * @param names    every parameter's name
 */
public record BuiltinOutParameters(int[] allTypes, char[] modes, List<String> names) {
    private static final List<String> EACH = List.of("from_json", "key", "value");
    private static final List<String> ELEMENTS = List.of("from_json", "value");
    private static final char[] IN_OUT_OUT = {'i', 'o', 'o'};
    private static final char[] IN_OUT = {'i', 'o'};
    private static final int JSON = TypeOids.JSON;
    private static final int JSONB = TypeOids.JSONB;
    private static final int TEXT = TypeOids.TEXT;

    private static final Map<Integer, BuiltinOutParameters> BY_OID = withPreparedXact(Map.of(
            3958, new BuiltinOutParameters(new int[] {JSON, TEXT, JSON}, IN_OUT_OUT, EACH),
            3959, new BuiltinOutParameters(new int[] {JSON, TEXT, TEXT}, IN_OUT_OUT, EACH),
            3208, new BuiltinOutParameters(new int[] {JSONB, TEXT, JSONB}, IN_OUT_OUT, EACH),
            3932, new BuiltinOutParameters(new int[] {JSONB, TEXT, TEXT}, IN_OUT_OUT, EACH),
            3955, new BuiltinOutParameters(new int[] {JSON, JSON}, IN_OUT, ELEMENTS),
            3969, new BuiltinOutParameters(new int[] {JSON, TEXT}, IN_OUT, ELEMENTS),
            3219, new BuiltinOutParameters(new int[] {JSONB, JSONB}, IN_OUT, ELEMENTS),
            3465, new BuiltinOutParameters(new int[] {JSONB, TEXT}, IN_OUT, ELEMENTS),
            3960, new BuiltinOutParameters(null, null, List.of("base", "from_json", "use_json_as_text")),
            3961, new BuiltinOutParameters(null, null, List.of("base", "from_json", "use_json_as_text"))));

    /** {@code pg_prepared_xact()}'s OUT parameters (transaction xid, gid, prepared, ownerid, dbid), besides the JSON ones. */
    private static Map<Integer, BuiltinOutParameters> withPreparedXact(Map<Integer, BuiltinOutParameters> json) {
        Map<Integer, BuiltinOutParameters> all = new java.util.HashMap<>(json);
        all.put(1065, new BuiltinOutParameters(new int[] {TypeOids.XID, TEXT, TypeOids.TIMESTAMPTZ, TypeOids.OID,
            TypeOids.OID}, new char[] {'o', 'o', 'o', 'o', 'o'},
                List.of("transaction", "gid", "prepared", "ownerid", "dbid")));
        all.put(3819, new BuiltinOutParameters(new int[] {TypeOids.XID, TypeOids.XID, TEXT}, IN_OUT_OUT,
                List.of("multixid", "xid", "mode")));
        return Map.copyOf(all);
    }

    /** The SQL/JSON path functions and their {@code _tz} variants: {@code (target, path, vars, silent)}. */
    private static final Map<Integer, BuiltinOutParameters> JSON_PATH = jsonPathFunctions();

    private static Map<Integer, BuiltinOutParameters> jsonPathFunctions() {
        BuiltinOutParameters parameters = new BuiltinOutParameters(null, null,
                List.of("target", "path", "vars", "silent"));
        Map<Integer, BuiltinOutParameters> functions = new java.util.HashMap<>();
        for (int oid : new int[] {4005, 4006, 4007, 4008, 4009, 1177, 1179, 1180, 2023, 2030}) {
            functions.put(oid, parameters);
        }
        return Map.copyOf(functions);
    }

    /** The parameters of the built-in function with pg_proc OID {@code oid}, or null when its row names none. */
    public static BuiltinOutParameters of(int oid) {
        BuiltinOutParameters listed = BY_OID.get(oid);
        return listed != null ? listed : JSON_PATH.get(oid);
    }

    /**
     * The row of a function with more than one OUT parameter (an anonymous record of the OUT
     * parameters' names and types), or null.
     */
    public static RowShape outputShape(int oid) {
        BuiltinOutParameters parameters = BY_OID.get(oid);
        if (parameters == null || parameters.modes == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < parameters.modes.length; i++) {
            if (parameters.modes[i] == 'o') {
                names.add(parameters.names.get(i));
                types.add(parameters.allTypes[i]);
            }
        }
        if (names.size() < 2) {
            return null;
        }
        int[] typmods = new int[names.size()];
        java.util.Arrays.fill(typmods, -1);
        return new RowShape(TypeOids.RECORD, List.copyOf(names), types.stream().mapToInt(Integer::intValue).toArray(),
                typmods, new RowShape[names.size()]);
    }
}
