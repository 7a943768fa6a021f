package org.woolly.utils.adt;

import java.util.List;

/**
 * The functions psql's describe commands and JDBC's DatabaseMetaData call to read the catalog:
 * {@code pg_get_expr}, {@code pg_get_indexdef} and {@code pg_get_constraintdef} of
 * {@code ruleutils.c}, the visibility tests of {@code namespace.c}, {@code pg_encoding_to_char}
 * of {@code mbutils.c}, {@code pg_partition_ancestors} of {@code partitionfuncs.c} and
 * {@code pg_relation_size} of {@code dbsize.c}.
 */
final class CatalogFunctions {
    /** {@code pg_enc2name_tbl}: server encodings by number ({@code pg_wchar.h}'s {@code pg_enc}). */
    private static final List<String> ENCODINGS = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251",
            "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254",
            "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** {@code NAMEDATALEN}: the bytes of a name, the bounds of its subscripts. */
    private static final int NAME_BYTES = 64;

    private CatalogFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        int oid = TypeOids.OID;
        int bool = TypeOids.BOOL;
        char stable = PgProcData.STABLE;
        boolean strict = PgProcData.STRICT;
        // Woolly stores pg_attrdef.adbin and pg_constraint.conbin as the deparsed SQL text that
        // pg_get_expr would produce from PostgreSQL's node trees, so the text is the answer
        r.function("pg_get_expr", text, stable, strict, (a, c) -> relationConstants((String) a[0], c), text, oid);
        r.function("pg_get_expr", text, stable, strict, (a, c) -> relationConstants((String) a[0], c), text, oid,
                bool);
        r.function("pg_get_indexdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().indexDefinition((Integer) a[0], 0, false), oid);
        r.function("pg_get_indexdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().indexDefinition((Integer) a[0], (Integer) a[1], (Boolean) a[2]),
                oid, TypeOids.INT4, bool);
        r.function("pg_get_constraintdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().constraintDefinition((Integer) a[0], false), oid);
        r.function("pg_get_constraintdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().constraintDefinition((Integer) a[0], (Boolean) a[1]), oid, bool);
        r.function("pg_get_viewdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().viewDefinition((Integer) a[0], false), oid);
        r.function("pg_get_partkeydef", text, stable, strict,
                (a, c) -> c.catalogInquiries().partitionKeyDefinition((Integer) a[0]), oid);
        r.function("pg_get_partition_constraintdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().partitionConstraintDefinition((Integer) a[0]), oid);
        r.function("pg_get_viewdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().viewDefinition((Integer) a[0], (Boolean) a[1]), oid, bool);
        r.function("pg_get_viewdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().viewDefinition((Integer) a[0], true), oid, TypeOids.INT4);
        r.function("pg_get_viewdef", text, stable, strict, (a, c) -> c.catalogInquiries().viewDefinition(
                c.catalogInquiries().relationOid((String) a[0]), false), text);
        r.function("pg_get_viewdef", text, stable, strict, (a, c) -> c.catalogInquiries().viewDefinition(
                c.catalogInquiries().relationOid((String) a[0]), (Boolean) a[1]), text, bool);
        // a view's _RETURN rule is not printed as CREATE RULE yet
        r.function("pg_get_ruledef", text, stable, strict,
                (a, c) -> c.catalogInquiries().ruleDefinition((Integer) a[0], false), oid);
        r.function("pg_get_ruledef", text, stable, strict,
                (a, c) -> c.catalogInquiries().ruleDefinition((Integer) a[0], (Boolean) a[1]), oid, bool);
        // built-in functions and types live in pg_catalog, which search_path always includes
        r.function("pg_function_is_visible", bool, stable, strict,
                (a, c) -> functionExists((Integer) a[0]) ? Boolean.TRUE
                        : c.catalogInquiries().routineIsVisible((Integer) a[0]), oid);
        r.function("pg_operator_is_visible", bool, stable, strict,
                (a, c) -> PgOperatorData.byOid((Integer) a[0]) != null ? Boolean.TRUE
                        : c.catalogInquiries().operatorIsVisible((Integer) a[0]), oid);
        r.function("pg_type_is_visible", bool, stable, strict,
                (a, c) -> PgTypeData.byOid((Integer) a[0]) != null ? Boolean.TRUE
                        : c.catalogInquiries().typeIsVisible((Integer) a[0]), oid);
        r.function("pg_encoding_to_char", TypeOids.NAME, stable, strict, (a, c) -> {
            int encoding = (Integer) a[0];
            return encoding >= 0 && encoding < ENCODINGS.size() ? ENCODINGS.get(encoding) : "";
        }, TypeOids.INT4);
        registerDescriptions(r);
        registerPrivilegeChecks(r);
        r.function("acldefault", text, PgProcData.IMMUTABLE, strict,
                (a, c) -> c.catalogInquiries().defaultAcl(((String) a[0]).charAt(0), (Integer) a[1]), TypeOids.CHAR,
                oid);
        r.function("pg_get_triggerdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().triggerDefinition((Integer) a[0], false), oid);
        r.function("pg_get_triggerdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().triggerDefinition((Integer) a[0], (Boolean) a[1]), oid, bool);
        // Woolly has no extended statistics objects (pg_statistic_ext is empty)
        r.function("pg_get_statisticsobjdef_columns", text, stable, strict, (a, c) -> null, oid);
        r.function("pg_typeof", TypeOids.REGTYPE, stable, PgProcData.CALLED,
                (PolymorphicImplementation) argumentType -> (a, c) -> argumentType, TypeOids.ANY);
        r.function("pg_relation_is_publishable", bool, stable, strict,
                (a, c) -> c.catalogInquiries().relationIsPublishable((Integer) a[0]), TypeOids.REGCLASS);
        // Woolly has only the two built-in tablespaces, whose location is the data directory's
        r.function("pg_tablespace_location", text, stable, strict, (a, c) -> "", oid);
        r.function("pg_get_function_arguments", text, stable, strict,
                (a, c) -> routineOr((Integer) a[0], c, CatalogInquiries.RoutineText.ARGUMENTS,
                        () -> namedSignature((Integer) a[0], c, true)), oid);
        r.function("pg_get_function_identity_arguments", text, stable, strict,
                (a, c) -> routineOr((Integer) a[0], c, CatalogInquiries.RoutineText.IDENTITY_ARGUMENTS,
                        () -> namedSignature((Integer) a[0], c, false)), oid);
        r.function("pg_get_function_result", text, stable, strict,
                (a, c) -> routineOr((Integer) a[0], c, CatalogInquiries.RoutineText.RESULT,
                        () -> functionSignature((Integer) a[0], c, true)), oid);
        r.function("pg_get_functiondef", text, stable, strict,
                (a, c) -> routineOr((Integer) a[0], c, CatalogInquiries.RoutineText.DEFINITION, () -> {
                    if (functionExists((Integer) a[0])) {
                        throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                                "pg_get_functiondef of built-in functions is not supported yet");
                    }
                    return null;
                }), oid);
        // the SQL-standard body (RETURN ... or BEGIN ATOMIC ... END) as written; null for others
        r.function("pg_get_function_sqlbody", text, stable, strict,
                (a, c) -> routineOr((Integer) a[0], c, CatalogInquiries.RoutineText.SQL_BODY, () -> null), oid);
        r.function("array_to_string", text, stable, strict, (a, c) -> {
            StringBuilder joined = new StringBuilder();
            for (String element : arrayElements((String) a[0])) {
                if (element != null) {
                    joined.append(joined.isEmpty() ? "" : (String) a[1]).append(element);
                }
            }
            return joined.toString();
        }, text, text);
        r.function("woolly_name_subscript", TypeOids.CHAR, PgProcData.IMMUTABLE, strict, (a, c) -> {
            byte[] bytes = ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int index = (Integer) a[1];
            if (index < 0 || index >= NAME_BYTES) {
                return null;
            }
            return index < bytes.length ? String.valueOf((char) (bytes[index] & 0xFF)) : "";
        }, TypeOids.NAME, TypeOids.INT4);
        r.function("unnest", text, PgProcData.IMMUTABLE, strict,
                (a, c) -> List.<Object>copyOf(arrayElements((String) a[0])).iterator(), text);
        r.function("pg_partition_ancestors", TypeOids.REGCLASS, PgProcData.VOLATILE, strict,
                (a, c) -> c.catalogInquiries().tableIsVisible((Integer) a[0]) == null ? List.of().iterator()
                        : List.<Object>copyOf(c.catalogInquiries().partitionAncestors((Integer) a[0])).iterator(),
                TypeOids.REGCLASS);
        r.variadic("satisfies_hash_partition", bool, PgProcData.IMMUTABLE, PgProcData.CALLED,
                (ArgumentTypesImplementation) types -> (a, c) -> HashPartitionCheck.satisfies(a, types, c), oid, TypeOids.INT4, TypeOids.INT4, BuiltinTypes.ANY);
    }

    /** A regclass constant in stored expression text: {@code 'name'::regclass}. */
    private static final java.util.regex.Pattern REGCLASS_CONSTANT =
            java.util.regex.Pattern.compile("'((?:[^']|'')*)'::regclass");

    /**
     * The stored text of an expression with each {@code 'name'::regclass} constant written as
     * regclassout writes the relation now: schema-qualified unless search_path finds it (Woolly
     * stores the names of serial columns' sequences qualified, where PostgreSQL keeps the OID).
     * A name that names no relation stays as it is.
     */
    private static String relationConstants(String expression, FunctionContext c) {
        java.util.regex.Matcher matcher = REGCLASS_CONSTANT.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).replace("''", "'");
            String written = matcher.group();
            try {
                String current = c.catalogInquiries().relationName(c.catalogInquiries().relationOid(name));
                if (current != null) {
                    written = "'" + current.replace("'", "''") + "'::regclass";
                }
            } catch (org.woolly.utils.error.SqlException noSuchRelation) {
                // as stored
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(written));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** obj_description, col_description, shobj_description: pg_description and pg_shdescription. */
    private static void registerDescriptions(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        int oid = TypeOids.OID;
        char stable = PgProcData.STABLE;
        boolean strict = PgProcData.STRICT;
        r.function("obj_description", text, stable, strict,
                (a, c) -> c.catalogInquiries().description((Integer) a[0], (String) a[1], 0), oid, TypeOids.NAME);
        r.function("obj_description", text, stable, strict,
                (a, c) -> c.catalogInquiries().description((Integer) a[0], null, 0), oid);
        r.function("col_description", text, stable, strict,
                (a, c) -> c.catalogInquiries().description((Integer) a[0], "pg_class", (Integer) a[1]), oid,
                TypeOids.INT4);
        r.function("shobj_description", text, stable, strict,
                (a, c) -> c.catalogInquiries().sharedDescription((Integer) a[0], (String) a[1]), oid, TypeOids.NAME);
    }

    /** has_table_privilege, has_sequence_privilege, has_schema_privilege, has_database_privilege for the current user ({@code acl.c}). */
    private static void registerPrivilegeChecks(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        int oid = TypeOids.OID;
        int bool = TypeOids.BOOL;
        char stable = PgProcData.STABLE;
        boolean strict = PgProcData.STRICT;
        r.function("pg_has_role", bool, stable, strict,
                (a, c) -> c.catalogInquiries().hasRole((String) a[0], (String) a[1], (String) a[2]),
                TypeOids.NAME, TypeOids.NAME, text);
        r.function("pg_has_role", bool, stable, strict,
                (a, c) -> c.catalogInquiries().hasRole(c.currentUser(), (String) a[0], (String) a[1]), TypeOids.NAME, text);
        for (String object : List.of("table", "sequence", "schema", "database")) {
            char kind = switch (object) {
                case "table" -> 'r';
                case "sequence" -> 'S';
                case "schema" -> 'n';
                default -> 'd';
            };
            String name = "has_" + object + "_privilege";
            java.util.function.BiFunction<CatalogInquiries, String, Integer> objectOid = (catalog, objectName) ->
                    switch (kind) {
                        case 'r', 'S' -> catalog.relationOid(objectName);
                        case 'n' -> catalog.namespaceOid(objectName);
                        default -> catalog.databaseOid(objectName);
                    };
            r.function(name, bool, stable, strict, (a, c) -> c.catalogInquiries().hasPrivilege(c.currentUser(), kind,
                    objectOid.apply(c.catalogInquiries(), (String) a[0]), (String) a[1]), text, text);
            r.function(name, bool, stable, strict,
                    (a, c) -> c.catalogInquiries().hasPrivilege(c.currentUser(), kind, (Integer) a[0], (String) a[1]),
                    oid, text);
            // the forms naming the role first, by name or by OID
            r.function(name, bool, stable, strict, (a, c) -> c.catalogInquiries().hasPrivilege((String) a[0], kind,
                    objectOid.apply(c.catalogInquiries(), (String) a[1]), (String) a[2]), TypeOids.NAME, text, text);
            r.function(name, bool, stable, strict, (a, c) -> c.catalogInquiries().hasPrivilege((String) a[0], kind,
                    (Integer) a[1], (String) a[2]), TypeOids.NAME, oid, text);
            r.function(name, bool, stable, strict, (a, c) -> hasPrivilegeOfRoleOid(c, (Integer) a[0], kind,
                    objectOid.apply(c.catalogInquiries(), (String) a[1]), (String) a[2]), oid, text, text);
            r.function(name, bool, stable, strict, (a, c) -> hasPrivilegeOfRoleOid(c, (Integer) a[0], kind,
                    (Integer) a[1], (String) a[2]), oid, oid, text);
        }
    }

    /** has_*_privilege naming the role by OID: a role that does not exist holds nothing. */
    private static Boolean hasPrivilegeOfRoleOid(FunctionContext context, int roleOid, char kind, int objectOid,
                                                 String privileges) {
        String role = context.catalogInquiries().roleName(roleOid);
        return role == null ? Boolean.FALSE : context.catalogInquiries().hasPrivilege(role, kind, objectOid,
                privileges);
    }

    /** The elements of an array column's stored text; 22P02 when it is not an array literal. */
    private static List<String> arrayElements(String literal) {
        try {
            return ArrayLiteral.parse(literal);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.INVALID_TEXT_REPRESENTATION,
                    "malformed array literal: \"%s\"", literal);
        }
    }

    /** A user routine's text when {@code oid} is one (its result may be null: a procedure's result), else {@code builtin}'s. */
    private static String routineOr(int oid, FunctionContext context, CatalogInquiries.RoutineText what,
                                    java.util.function.Supplier<String> builtin) {
        if (Integer.compareUnsigned(oid, 16384) >= 0 && context.catalogInquiries().routineArgumentTypes(oid) != null) {
            return context.catalogInquiries().routineText(oid, what);
        }
        return builtin.get();
    }

    /**
     * The argument list of a built-in function whose pg_proc row names its parameters
     * ({@code print_function_arguments}): {@code from_json json, OUT key text, OUT value json},
     * with the defaults when {@code defaults}; else as {@link #functionSignature}.
     */
    private static String namedSignature(int oid, FunctionContext context, boolean defaults) {
        BuiltinOutParameters parameters = BuiltinOutParameters.of(oid);
        PgProcData.Proc proc = parameters == null ? null
                : PgProcData.all().stream().filter(row -> row.oid() == oid).findFirst().orElse(null);
        if (proc == null) {
            return functionSignature(oid, context, false);
        }
        int[] types = parameters.allTypes() != null ? parameters.allTypes() : proc.argumentTypes();
        BuiltinParameters named = BuiltinParameters.of(proc.name());
        List<String> defaultValues = defaults && named != null ? named.defaults() : List.of();
        StringBuilder arguments = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            boolean out = parameters.modes() != null && parameters.modes()[i] == 'o';
            arguments.append(i == 0 ? "" : ", ").append(out ? "OUT " : "").append(parameters.names().get(i))
                    .append(' ').append(context.catalogInquiries().formatType(types[i], -1));
            int defaultIndex = i - (types.length - defaultValues.size());
            if (defaultIndex >= 0) {
                arguments.append(" DEFAULT ").append(defaultValues.get(defaultIndex));
            }
        }
        return arguments.toString();
    }

    /** pg_get_function_result / pg_get_function_arguments of a built-in function; null for an unknown OID. */
    private static String functionSignature(int oid, FunctionContext context, boolean result) {
        for (PgProcData.Proc proc : PgProcData.all()) {
            if (proc.oid() == oid) {
                CatalogInquiries catalog = context.catalogInquiries();
                if (result) {
                    String type = catalog.formatType(proc.returnType(), -1);
                    return SetReturningFunctions.returnsSet(oid) ? "SETOF " + type : type;
                }
                StringBuilder arguments = new StringBuilder();
                int[] types = proc.argumentTypes();
                for (int i = 0; i < types.length; i++) {
                    arguments.append(i == 0 ? "" : ", ")
                            .append(proc.variadic() && i == types.length - 1 ? "VARIADIC " : "")
                            .append(catalog.formatType(types[i], -1));
                }
                return arguments.toString();
            }
        }
        return null;
    }

    private static boolean functionExists(int oid) {
        return PgProcData.all().stream().anyMatch(proc -> proc.oid() == oid)
                || PgAggregateData.all().stream().anyMatch(aggregate -> aggregate.oid() == oid)
                || PgWindowData.all().stream().anyMatch(window -> window.oid() == oid);
    }
}
