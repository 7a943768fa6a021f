package org.woolly.catalog;

import java.util.List;

/**
 * A user-defined function or procedure: its {@code pg_proc} row as the analyzer, the commands
 * and the catalog functions read it ({@code Form_pg_proc} in {@code pg_proc.h}).
 *
 * @param argumentTypes    {@code proargtypes}: the input parameters (IN, INOUT, VARIADIC)
 * @param allArgumentTypes {@code proallargtypes}: every parameter, OUT ones included (same as the
 *                         input ones when all are IN)
 * @param argumentModes    {@code proargmodes} as i/o/b/v/t, one per parameter of {@code allArgumentTypes}
 * @param argumentNames    {@code proargnames}, "" for an unnamed parameter, one per parameter
 * @param defaults         the SQL texts of the DEFAULT expressions of the last input parameters
 * @param kind             {@code prokind}: 'f' function, 'p' procedure
 * @param source           {@code prosrc}: the body of {@code AS '...'}, "" with an SQL-standard body
 * @param sqlBody          the SQL-standard body ({@code RETURN ...} or {@code BEGIN ATOMIC ... END}) as written, or null
 * @param language         {@code prolang}: {@link #SQL_LANGUAGE} or {@link #PLPGSQL_LANGUAGE}
 */
public record FunctionInfo(int oid, String name, int namespaceOid, int ownerOid, char kind, int[] argumentTypes,
                           int[] allArgumentTypes, char[] argumentModes, String[] argumentNames, List<String> defaults,
                           int returnType, boolean returnsSet, char volatility, boolean strict,
                           boolean securityDefiner, int variadicType, String source, String sqlBody, int language) {

    /** pg_language's OID of sql. */
    public static final int SQL_LANGUAGE = 14;
    /** pg_language's OID of plpgsql (the OID PostgreSQL 15's initdb gives it). */
    public static final int PLPGSQL_LANGUAGE = 13563;

    /** A LANGUAGE sql routine. */
    public FunctionInfo(int oid, String name, int namespaceOid, int ownerOid, char kind, int[] argumentTypes,
                        int[] allArgumentTypes, char[] argumentModes, String[] argumentNames, List<String> defaults,
                        int returnType, boolean returnsSet, char volatility, boolean strict,
                        boolean securityDefiner, int variadicType, String source, String sqlBody) {
        this(oid, name, namespaceOid, ownerOid, kind, argumentTypes, allArgumentTypes, argumentModes, argumentNames,
                defaults, returnType, returnsSet, volatility, strict, securityDefiner, variadicType, source, sqlBody,
                SQL_LANGUAGE);
    }

    public boolean isPlpgsql() {
        return language == PLPGSQL_LANGUAGE;
    }

    public boolean isProcedure() {
        return kind == 'p';
    }

    /** The positions in {@link #allArgumentTypes} of the output parameters (OUT, INOUT, TABLE). */
    public int[] outputPositions() {
        if (argumentModes == null) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, argumentModes.length)
                .filter(i -> argumentModes[i] == 'o' || argumentModes[i] == 'b' || argumentModes[i] == 't').toArray();
    }

    /** The name of parameter {@code position} of {@link #allArgumentTypes}, "" when unnamed. */
    public String argumentName(int position) {
        return argumentNames == null || position >= argumentNames.length ? "" : argumentNames[position];
    }
}
