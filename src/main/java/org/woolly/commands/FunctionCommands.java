package org.woolly.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoutineCommand;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / ALTER / DROP FUNCTION and PROCEDURE ({@code CreateFunction}, {@code AlterFunction},
 * {@code RemoveObjects} in {@code functioncmds.c}, {@code ProcedureCreate}'s checks in
 * {@code pg_proc.c}). LANGUAGE sql and plpgsql routines exist; their bodies are checked at creation
 * when {@code check_function_bodies} is on.
 */
public final class FunctionCommands {

    /** The types SQL spells with keywords; the parser names them in pg_catalog ({@code SystemTypeName}). */
    private static final Set<String> KEYWORD_TYPES = Set.of("int2", "int4", "int8", "float4", "float8", "bool",
            "numeric", "bpchar", "varchar", "timestamp", "timestamptz", "time", "timetz", "interval", "bit", "varbit");

    private FunctionCommands() {}

    public static String create(CommandContext context, RoutineCommand.CreateFunction create) {
        String kindWord = create.procedure() ? "procedure" : "function";
        String language = create.language() != null ? create.language() : create.standardBody() ? "sql" : null;
        if (create.body() == null) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "no function body specified");
        }
        if (language == null) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "no language specified");
        }
        if (!language.equals("sql") && !language.equals("plpgsql")) {
            if (List.of("c", "internal").contains(language)) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "language \"%s\" is not supported yet", language);
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "language \"%s\" does not exist", language);
        }
        List<RoutineCommand.Parameter> parameters = new ArrayList<>(create.parameters());
        parameters.addAll(create.tableColumns());
        List<Integer> inputTypes = new ArrayList<>();
        List<Integer> outputTypes = new ArrayList<>();
        int[] allTypes = new int[parameters.size()];
        char[] modes = new char[parameters.size()];
        String[] names = new String[parameters.size()];
        List<String> defaults = new ArrayList<>();
        boolean anyNamed = false;
        boolean allInput = true;
        int variadicType = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parameters.size(); i++) {
            RoutineCommand.Parameter parameter = parameters.get(i);
            int type = typeOid(context, parameter.type());
            char mode = parameter.mode();
            allTypes[i] = type;
            modes[i] = mode;
            names[i] = parameter.name() == null ? "" : parameter.name();
            anyNamed |= parameter.name() != null;
            allInput &= mode == RoutineCommand.IN;
            boolean input = mode == RoutineCommand.IN || mode == RoutineCommand.INOUT || mode == RoutineCommand.VARIADIC;
            boolean output = mode == RoutineCommand.OUT || mode == RoutineCommand.INOUT || mode == RoutineCommand.TABLE;
            // an output parameter may share its name with an input one (interpret_function_parameter_list)
            boolean duplicate = input && !seen.add("in " + parameter.name());
            duplicate |= output && !seen.add("out " + parameter.name());
            if (parameter.name() != null && duplicate) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "parameter name \"%s\" used more than once",
                        parameter.name());
            }
            if (variadicType != 0 && input) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                        "VARIADIC parameter must be the last input parameter");
            }
            if (input) {
                inputTypes.add(type);
            }
            if (output) {
                outputTypes.add(type);
            }
            if (mode == RoutineCommand.VARIADIC) {
                variadicType = type == TypeOids.ANY ? TypeOids.ANY : BuiltinTypes.elementType(type);
                if (type == TypeOids.ANYARRAY) {
                    variadicType = TypeOids.ANYELEMENT;
                }
                if (variadicType == 0) {
                    throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "VARIADIC parameter must be an array");
                }
            }
            if (parameter.defaultText() != null) {
                if (!input) {
                    throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                            "only input parameters can have default values");
                }
                // a string literal default prints with its type, as PostgreSQL's deparsed default does
                defaults.add(parameter.defaultValue() instanceof org.woolly.nodes.parse.Expr.Constant constant
                        && constant.kind() == org.woolly.nodes.parse.Expr.Constant.Kind.STRING
                        ? parameter.defaultText() + "::" + typeName(context, type) : parameter.defaultText());
            } else if (input && !defaults.isEmpty()) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                        "input parameters after one with a default value must also have defaults");
            }
        }
        int returnType = returnType(context, create, outputTypes);
        int[] argumentTypes = inputTypes.stream().mapToInt(Integer::intValue).toArray();
        FunctionInfo routine = new FunctionInfo(0, create.name().name(), 0,
                context.user() == null ? CatalogOids.BOOTSTRAP_SUPERUSER : context.user().oid(),
                create.procedure() ? 'p' : 'f', argumentTypes, allInput ? argumentTypes : allTypes,
                allInput ? null : modes, anyNamed ? names : null, List.copyOf(defaults), returnType,
                create.returnsSet(), create.volatility() == 0 ? 'v' : create.volatility(),
                create.strict() != null && create.strict(), create.securityDefiner(), variadicType,
                create.standardBody() ? "" : create.body(), create.standardBody() ? create.body() : null,
                language.equals("plpgsql") ? FunctionInfo.PLPGSQL_LANGUAGE : FunctionInfo.SQL_LANGUAGE);
        FunctionInfo existing = null;
        for (FunctionInfo candidate : context.catalog().lookupFunctions(context.transaction(), create.name().schema(),
                create.name().name())) {
            if (Arrays.equals(candidate.argumentTypes(), argumentTypes)) {
                existing = candidate;
                break;
            }
        }
        if (existing != null) {
            if (!create.orReplace()) {
                throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "%s \"%s\" already exists with same argument types",
                        "function", create.name().name());
            }
            checkReplacement(context, existing, routine);
            routine = withIdentity(routine, existing);
        }
        if (routine.isPlpgsql()) {
            // plpgsql_validator: the body must parse; what it names is checked when it runs
            org.woolly.pl.plpgsql.PlExecutor.compile(create.body(), create.bodyLocation(), create.name().name(),
                    java.util.Arrays.stream(names).map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList());
        } else if (context.settings() == null || context.settings().getBoolean("check_function_bodies")) {
            context.analyzer().routines().validate(context.analyzer(), routine, outputTypes, create.bodyLocation(),
                    context.transaction(),
                    context.formatSettings());
        }
        context.catalog().storeFunction(context.transaction(), create.name().schema(), routine);
        return create.tag();
    }

    private static int returnType(CommandContext context, RoutineCommand.CreateFunction create, List<Integer> outputs) {
        if (create.procedure()) {
            return outputs.isEmpty() ? TypeOids.VOID : TypeOids.RECORD;
        }
        int implied = outputs.isEmpty() ? 0 : outputs.size() == 1 ? outputs.getFirst() : TypeOids.RECORD;
        if (create.returnType() == null) {
            if (implied == 0) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be specified");
            }
            return implied;
        }
        int declared = typeOid(context, create.returnType());
        if (implied != 0 && declared != implied) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                    "function result type must be %s because of OUT parameters", typeName(context, implied));
        }
        return declared;
    }

    /** CREATE OR REPLACE may change the body and options, not what callers see ({@code ProcedureCreate}). */
    private static void checkReplacement(CommandContext context, FunctionInfo existing, FunctionInfo routine) {
        String signature = signature(context, existing);
        if (existing.kind() != routine.kind()) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot change routine kind")
                    .withDetail("\"%s\" is a %s.".formatted(existing.name(), existing.isProcedure() ? "procedure"
                            : "function"));
        }
        String dropHint = "Use DROP %s %s first.".formatted(existing.isProcedure() ? "PROCEDURE" : "FUNCTION",
                signature.replace(", ", ","));
        if (existing.returnType() != routine.returnType() || existing.returnsSet() != routine.returnsSet()) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function")
                    .withHint(dropHint);
        }
        if (existing.returnType() == TypeOids.RECORD
                && !Arrays.equals(outputTypes(existing), outputTypes(routine))) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function")
                    .withDetail("Row type defined by OUT parameters is different.").withHint(dropHint);
        }
        String[] oldNames = inputNames(existing);
        String[] newNames = inputNames(routine);
        for (int i = 0; i < oldNames.length; i++) {
            if (!oldNames[i].isEmpty() && !oldNames[i].equals(newNames[i])) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change name of input parameter \"%s\"",
                        oldNames[i]).withHint(dropHint);
            }
        }
        if (routine.defaults().size() < existing.defaults().size()) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                    "cannot remove parameter defaults from existing function").withHint(dropHint);
        }
    }

    private static int[] outputTypes(FunctionInfo routine) {
        return Arrays.stream(routine.outputPositions()).map(i -> routine.allArgumentTypes()[i]).toArray();
    }

    private static String[] inputNames(FunctionInfo routine) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < routine.allArgumentTypes().length; i++) {
            char mode = routine.argumentModes() == null ? 'i' : routine.argumentModes()[i];
            if (mode == 'i' || mode == 'b' || mode == 'v') {
                names.add(routine.argumentName(i));
            }
        }
        return names.toArray(String[]::new);
    }

    private static FunctionInfo withIdentity(FunctionInfo routine, FunctionInfo existing) {
        return new FunctionInfo(existing.oid(), existing.name(), existing.namespaceOid(), existing.ownerOid(),
                routine.kind(), routine.argumentTypes(), routine.allArgumentTypes(), routine.argumentModes(),
                routine.argumentNames(), routine.defaults(), routine.returnType(), routine.returnsSet(),
                routine.volatility(), routine.strict(), routine.securityDefiner(), routine.variadicType(),
                routine.source(), routine.sqlBody(), routine.language());
    }

    /** {@code name(type, ...)} as PostgreSQL's messages name a routine (the input types). */
    static String signature(CommandContext context, FunctionInfo routine) {
        StringJoiner joiner = new StringJoiner(", ", routine.name() + "(", ")");
        for (int type : routine.argumentTypes()) {
            joiner.add(typeName(context, type));
        }
        return joiner.toString();
    }

    /** format_type, pseudo-types such as record by their pg_type name. */
    static String typeName(CommandContext context, int type) {
        String name = context.types().formatType(type, -1);
        if (!"???".equals(name)) {
            return name;
        }
        org.woolly.utils.adt.PgTypeData.Type row = org.woolly.utils.adt.PgTypeData.byOid(type);
        return row != null ? row.name() : context.catalog().typeByOid(context.transaction(), type)
                .map(org.woolly.catalog.TypeInfo::name).orElse(name);
    }

    static int typeOid(CommandContext context, TypeName typeName) {
        int oid = context.catalog().lookupTypeOid(context.transaction(), typeName.schema(), typeName.name());
        if (typeName.arrayBounds() > 0) {
            int array = BuiltinTypes.arrayTypeOf(oid);
            if (array == 0) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type %s are not supported yet",
                        typeName.name());
            }
            return array;
        }
        return oid;
    }

    public static String drop(CommandContext context, RoutineCommand.DropFunction drop) {
        List<FunctionInfo> targets = new ArrayList<>();
        for (RoutineCommand.RoutineName name : drop.routines()) {
            FunctionInfo routine = find(context, name, drop.procedure(), drop.ifExists());
            if (routine != null) {
                targets.add(routine);
            }
        }
        for (FunctionInfo routine : targets) {
            TriggerCommands.dropDependentTriggers(context, routine, "function " + routine.name() + "()",
                    drop.cascade());
            context.catalog().dropFunction(context.transaction(), routine);
        }
        return drop.tag();
    }

    /**
     * The routine a DROP / ALTER / COMMENT names ({@code LookupFuncWithArgs}); null with IF EXISTS
     * when there is none (after a NOTICE), else 42883, or 42725 for a name without arguments
     * that several routines share.
     */
    static FunctionInfo find(CommandContext context, RoutineCommand.RoutineName name, boolean procedure,
                             boolean ifExists) {
        String kind = procedure ? "procedure" : "function";
        QualifiedName qualified = name.name();
        if (qualified.schema() != null && context.catalog().namespace(context.transaction(), qualified.schema()).isEmpty()) {
            if (ifExists) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"%s\" does not exist, skipping".formatted(qualified.schema()), null, null, 0, null));
                return null;
            }
            throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", qualified.schema());
        }
        List<FunctionInfo> candidates = context.catalog().lookupFunctions(context.transaction(), qualified.schema(),
                qualified.name());
        if (name.argumentTypes() == null) {
            if (candidates.size() > 1) {
                throw SqlException.of(SqlState.AMBIGUOUS_FUNCTION, "%s name \"%s\" is not unique", kind, qualified.name())
                        .withHint("Specify the argument list to select the %s unambiguously.".formatted(kind));
            }
            if (candidates.isEmpty()) {
                return missing(context, ifExists, "could not find a %s named \"%s\"".formatted(kind, qualified.name()),
                        "%s %s() does not exist, skipping".formatted(kind, qualified.name()));
            }
            return checkKind(context, candidates.getFirst(), procedure);
        }
        int[] types = new int[name.argumentTypes().size()];
        StringJoiner shown = new StringJoiner(", ", qualified.name() + "(", ")");
        // the NOTICE names the types as written, the SQL keywords' types qualified (TypeNameListToString)
        StringJoiner written = new StringJoiner(",", qualified.name() + "(", ")");
        for (int i = 0; i < types.length; i++) {
            TypeName typeName = name.argumentTypes().get(i);
            types[i] = typeOid(context, typeName);
            shown.add(context.types().formatType(types[i], -1));
            written.add((typeName.schema() != null ? typeName.schema() + "."
                    : KEYWORD_TYPES.contains(typeName.name()) ? "pg_catalog." : "") + typeName.name()
                    + "[]".repeat(typeName.arrayBounds()));
        }
        for (FunctionInfo candidate : candidates) {
            if (Arrays.equals(candidate.argumentTypes(), types)) {
                return checkKind(context, candidate, procedure);
            }
        }
        return missing(context, ifExists, "%s %s does not exist".formatted(kind, shown),
                "%s %s does not exist, skipping".formatted(kind, written));
    }

    private static FunctionInfo checkKind(CommandContext context, FunctionInfo routine, boolean procedure) {
        if (routine.isProcedure() != procedure) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "%s is not a %s", signature(context, routine),
                    procedure ? "procedure" : "function");
        }
        return routine;
    }

    private static FunctionInfo missing(CommandContext context, boolean ifExists, String error, String notice) {
        if (!ifExists) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, error);
        }
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, notice, null, null,
                0, null));
        return null;
    }

    public static String alter(CommandContext context, RoutineCommand.AlterFunction alter) {
        FunctionInfo routine = find(context, alter.routine(), alter.procedure(), false);
        String name = routine.name();
        int namespace = routine.namespaceOid();
        int owner = routine.ownerOid();
        if (alter.newName() != null) {
            name = alter.newName();
            for (FunctionInfo other : context.catalog().lookupFunctions(context.transaction(),
                    context.catalog().namespaceByOid(context.transaction(), namespace).map(NamespaceInfo::name)
                            .orElse(null), name)) {
                if (Arrays.equals(other.argumentTypes(), routine.argumentTypes())) {
                    throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "%s %s already exists in schema \"%s\"",
                            routine.isProcedure() ? "procedure" : "function",
                            signature(context, other), context.catalog().namespaceByOid(context.transaction(), namespace)
                                    .map(NamespaceInfo::name).orElse(""));
                }
            }
        }
        if (alter.newOwner() != null) {
            owner = Privileges.roleOid(context, alter.newOwner());
        }
        if (alter.newSchema() != null) {
            namespace = context.catalog().namespace(context.transaction(), alter.newSchema())
                    .orElseThrow(() -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist",
                            alter.newSchema())).oid();
        }
        FunctionInfo changed = new FunctionInfo(routine.oid(), name, namespace, owner, routine.kind(),
                routine.argumentTypes(), routine.allArgumentTypes(), routine.argumentModes(), routine.argumentNames(),
                routine.defaults(), routine.returnType(), routine.returnsSet(),
                alter.volatility() == 0 ? routine.volatility() : alter.volatility(),
                alter.strict() == null ? routine.strict() : alter.strict(),
                alter.securityDefiner() == null ? routine.securityDefiner() : alter.securityDefiner(),
                routine.variadicType(), routine.source(), routine.sqlBody(), routine.language());
        context.catalog().storeFunction(context.transaction(), null, changed);
        return alter.tag();
    }
}
