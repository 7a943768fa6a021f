package org.woolly.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.woolly.catalog.AggregateInfo;
import org.woolly.catalog.FunctionInfo;
import org.woolly.nodes.parse.AggregateCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / ALTER / DROP AGGREGATE ({@code DefineAggregate} in {@code aggregatecmds.c},
 * {@code AggregateCreate} and {@code lookup_agg_function} in {@code pg_aggregate.c}): the
 * definition's options checked in PostgreSQL's order, each support function found by name and
 * the signature it must have, and the pg_proc (prokind 'a') and pg_aggregate rows stored. The
 * cast statements are {@link CastCommands}.
 */
public final class AggregateCommands {
    /** pg_language's OID of internal: an aggregate's prolang. */
    private static final int INTERNAL_LANGUAGE = 12;

    private AggregateCommands() {}

    public static String run(CommandContext context, AggregateCommand command) {
        switch (command) {
            case AggregateCommand.CreateAggregate create -> create(context, create);
            case AggregateCommand.DropAggregate drop -> drop(context, drop);
            case AggregateCommand.AlterAggregate alter -> alter(context, alter);
            case AggregateCommand.CreateCast create -> CastCommands.create(context, create);
            case AggregateCommand.DropCast drop -> CastCommands.drop(context, drop);
        }
        return command.tag();
    }

    /** The options of a definition, as DefineAggregate reads them. */
    private static final class Definition {
        AggregateCommand.Option transition;
        AggregateCommand.Option finalFunction;
        AggregateCommand.Option combine;
        AggregateCommand.Option movingTransition;
        AggregateCommand.Option movingInverse;
        AggregateCommand.Option movingFinal;
        TypeName stateType;
        TypeName movingStateType;
        TypeName baseType;
        String initialValue;
        String movingInitialValue;
        boolean finalExtra;
        boolean movingFinalExtra;
        QualifiedName sortOperator;
        int stateSpace;
        int movingStateSpace;
    }

    private static void create(CommandContext context, AggregateCommand.CreateAggregate create) {
        Definition definition = new Definition();
        for (AggregateCommand.Option option : create.options()) {
            switch (option.name()) {
                case "sfunc", "sfunc1" -> definition.transition = option;
                case "stype", "stype1" -> definition.stateType = option.type() != null ? option.type()
                        : new TypeName(null, option.text(), List.of(), 0, option.location());
                case "finalfunc" -> definition.finalFunction = option;
                case "combinefunc" -> definition.combine = option;
                case "msfunc" -> definition.movingTransition = option;
                case "minvfunc" -> definition.movingInverse = option;
                case "mfinalfunc" -> definition.movingFinal = option;
                case "mstype" -> definition.movingStateType = option.type();
                case "basetype" -> definition.baseType = option.type() != null ? option.type()
                        : new TypeName(null, option.text(), List.of(), 0, option.location());
                case "initcond", "initcond1" -> definition.initialValue = option.text();
                case "minitcond" -> definition.movingInitialValue = option.text();
                case "finalfunc_extra" -> definition.finalExtra = isTrue(option);
                case "mfinalfunc_extra" -> definition.movingFinalExtra = isTrue(option);
                case "sortop" -> definition.sortOperator = option.function();
                case "sspace" -> definition.stateSpace = Integer.parseInt(option.text());
                case "msspace" -> definition.movingStateSpace = Integer.parseInt(option.text());
                case "serialfunc", "deserialfunc", "finalfunc_modify", "mfinalfunc_modify", "parallel" -> {
                    // recorded by PostgreSQL for parallel plans and final-function behaviour; Woolly
                    // never runs a user aggregate in parallel and always treats the state as read-only
                }
                case "hypothetical" -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "ordered-set aggregates are not supported yet");
                default -> context.notices().notice(new SqlException(Severity.WARNING, SqlState.SYNTAX_ERROR,
                        "aggregate attribute \"%s\" not recognized".formatted(option.name()), null, null, 0, null));
            }
        }
        if (definition.stateType == null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "aggregate stype must be specified");
        }
        if (definition.transition == null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "aggregate sfunc must be specified");
        }
        checkMovingOptions(definition);
        int[] arguments;
        if (create.oldStyle()) {
            if (definition.baseType == null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "aggregate input type must be specified");
            }
            arguments = definition.baseType.name().equalsIgnoreCase("any") && definition.baseType.schema() == null
                    ? new int[0] : new int[] {FunctionCommands.typeOid(context, definition.baseType)};
        } else {
            if (definition.baseType != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "basetype is redundant with aggregate input type specification");
            }
            arguments = typeOids(context, create.signature().arguments());
        }
        int stateType = FunctionCommands.typeOid(context, definition.stateType);
        Support transition = support(context, definition.transition, prepend(stateType, arguments));
        if (transition.returnType != stateType) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, "return type of transition function %s is not %s",
                    definition.transition.function(), FunctionCommands.typeName(context, stateType));
        }
        if (transition.strict && definition.initialValue == null
                && (arguments.length < 1 || arguments[0] != stateType)) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                    "must not omit initial value when transition function is strict and transition type is not compatible with input type");
        }
        int resultType = stateType;
        if (definition.finalFunction != null) {
            Support finalSupport = support(context, definition.finalFunction,
                    definition.finalExtra ? prepend(stateType, arguments) : new int[] {stateType});
            resultType = finalSupport.returnType;
        }
        if (definition.combine != null) {
            Support combine = support(context, definition.combine, new int[] {stateType, stateType});
            if (combine.returnType != stateType) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "return type of combine function %s is not %s",
                        definition.combine.function(), FunctionCommands.typeName(context, stateType));
            }
        }
        int movingStateType = 0;
        if (definition.movingTransition != null) {
            movingStateType = FunctionCommands.typeOid(context, definition.movingStateType);
            Support forward = support(context, definition.movingTransition, prepend(movingStateType, arguments));
            Support inverse = support(context, definition.movingInverse, prepend(movingStateType, arguments));
            for (Support moving : List.of(forward, inverse)) {
                if (moving.returnType != movingStateType) {
                    throw SqlException.of(SqlState.DATATYPE_MISMATCH, "return type of transition function %s is not %s",
                            (moving == forward ? definition.movingTransition : definition.movingInverse).function(),
                            FunctionCommands.typeName(context, movingStateType));
                }
            }
            if (forward.strict != inverse.strict) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "strictness of aggregate's forward and inverse transition functions must match");
            }
            if (forward.strict && definition.movingInitialValue == null
                    && (arguments.length < 1 || arguments[0] != movingStateType)) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "must not omit initial value when transition function is strict and transition type is not compatible with input type");
            }
            int movingResult = movingStateType;
            if (definition.movingFinal != null) {
                movingResult = support(context, definition.movingFinal, definition.movingFinalExtra
                        ? prepend(movingStateType, arguments) : new int[] {movingStateType}).returnType;
            }
            if (movingResult != resultType) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "moving-aggregate implementation returns type %s, but plain implementation returns type %s",
                        FunctionCommands.typeName(context, movingResult), FunctionCommands.typeName(context, resultType));
            }
        }
        int sortOperator = definition.sortOperator == null ? 0 : sortOperator(context, definition, arguments);
        checkInitialValue(context, stateType, definition.initialValue);
        checkInitialValue(context, movingStateType, definition.movingInitialValue);
        AggregateInfo aggregate = new AggregateInfo(0, reference(context, definition.transition),
                reference(context, definition.finalFunction), reference(context, definition.combine),
                reference(context, definition.movingTransition), reference(context, definition.movingInverse),
                reference(context, definition.movingFinal), definition.finalExtra, definition.movingFinalExtra, 'r', 'r',
                sortOperator, stateType, definition.stateSpace, movingStateType, definition.movingStateSpace,
                definition.initialValue, definition.movingInitialValue);
        store(context, create, arguments, resultType, aggregate);
    }

    /** mstype needs msfunc and minvfunc; without mstype no moving-aggregate option may be given. */
    private static void checkMovingOptions(Definition definition) {
        String problem = null;
        if (definition.movingStateType != null) {
            problem = definition.movingTransition == null ? "aggregate msfunc must be specified when mstype is specified"
                    : definition.movingInverse == null ? "aggregate minvfunc must be specified when mstype is specified"
                    : null;
        } else {
            String stray = definition.movingTransition != null ? "msfunc" : definition.movingInverse != null
                    ? "minvfunc" : definition.movingFinal != null ? "mfinalfunc" : definition.movingStateSpace != 0
                    ? "msspace" : definition.movingInitialValue != null ? "minitcond" : null;
            problem = stray == null ? null : "aggregate " + stray + " must not be specified without mstype";
        }
        if (problem != null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, problem);
        }
    }

    private static void checkInitialValue(CommandContext context, int stateType, String value) {
        if (value == null || stateType == 0 || stateType == TypeOids.INTERNAL) {
            return;
        }
        var type = context.types().type(stateType);
        if (type != null && type.io() != null) {
            type.io().input(value, -1, org.woolly.utils.adt.FormatSettings.DEFAULT);
        }
    }

    private static boolean isTrue(AggregateCommand.Option option) {
        return option.text() == null || !(option.text().equalsIgnoreCase("false") || option.text().equals("0")
                || option.text().equalsIgnoreCase("off"));
    }

    private static void store(CommandContext context, AggregateCommand.CreateAggregate create, int[] arguments,
                              int resultType, AggregateInfo aggregate) {
        QualifiedName name = create.signature().name();
        int namespaceOid = context.catalog().creationNamespaceOid(context.transaction(), name.schema(), name.name());
        FunctionInfo existing = null;
        for (FunctionInfo candidate : namespaceRoutines(context, namespaceOid, name.name())) {
            if (Arrays.equals(candidate.argumentTypes(), arguments)) {
                existing = candidate;
            }
        }
        if (existing != null) {
            if (!create.orReplace()) {
                throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "function \"%s\" already exists with same argument types",
                        name.name());
            }
            if (existing.kind() != 'a') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot change routine kind")
                        .withDetail("\"%s\" is a %s.".formatted(name.name(), existing.isProcedure() ? "procedure"
                                : "function"));
            }
            if (existing.returnType() != resultType) {
                throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                        "cannot change return type of existing function")
                        .withHint("Use DROP AGGREGATE %s first.".formatted(signature(context, existing)));
            }
        }
        int owner = existing != null ? existing.ownerOid() : Privileges.currentUserOid(context);
        FunctionInfo function = new FunctionInfo(existing == null ? 0 : existing.oid(), name.name(), namespaceOid,
                owner, 'a', arguments, arguments, null, null, List.of(), resultType, false, 'i', false, false, 0,
                "aggregate_dummy", null, INTERNAL_LANGUAGE);
        context.catalog().storeAggregate(context.transaction(), name.schema(), function, aggregate);
    }

    /** The functions and aggregates called {@code name} in one schema. */
    private static List<FunctionInfo> namespaceRoutines(CommandContext context, int namespaceOid, String name) {
        String schema = context.catalog().namespaceByOid(context.transaction(), namespaceOid)
                .map(org.woolly.catalog.NamespaceInfo::name).orElse(null);
        List<FunctionInfo> all = new ArrayList<>(context.catalog().lookupFunctions(context.transaction(), schema, name));
        all.addAll(context.catalog().lookupAggregates(context.transaction(), schema, name));
        return all;
    }

    /** A support function found for a definition: its OID, return type and strictness. */
    private record Support(int oid, int returnType, boolean strict) {}

    /**
     * {@code lookup_agg_function}: the function named by the option with exactly these argument
     * types (42883 naming the signature when there is none).
     */
    private static Support support(CommandContext context, AggregateCommand.Option option, int[] argumentTypes) {
        if (option.arguments() != null) {
            int[] written = typeOids(context, option.arguments());
            if (!Arrays.equals(written, argumentTypes)) {
                OperatorCommands.function(context, option.function(), written);
                throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s does not exist",
                        shown(context, option.function(), argumentTypes));
            }
        }
        OperatorCommands.Function function;
        try {
            function = OperatorCommands.function(context, option.function(), argumentTypes);
        } catch (SqlException missing) {
            FunctionInfo polymorphic = polymorphicMatch(context, option.function(), argumentTypes);
            if (polymorphic == null) {
                throw coercionNeeded(context, option.function(), argumentTypes, missing);
            }
            function = new OperatorCommands.Function(polymorphic.oid(), polymorphic.returnType(), polymorphic.name());
        }
        FunctionInfo user = context.catalog().functionByOid(context.transaction(), function.oid()).orElse(null);
        if (user != null) {
            if (user.returnsSet()) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "function %s returns a set",
                        shown(context, option.function(), argumentTypes));
            }
            return new Support(user.oid(), user.returnType(), user.strict());
        }
        FunctionDescriptor builtin = BuiltinFunctions.byOid(function.oid());
        return new Support(function.oid(), function.returnType(), builtin == null || builtin.strict());
    }

    /**
     * A user function whose declared arguments are these types or polymorphic ones standing for
     * them ({@code logging_sfunc(text, anyelement)} for an aggregate over text), or null.
     */
    private static FunctionInfo polymorphicMatch(CommandContext context, QualifiedName name, int[] argumentTypes) {
        for (FunctionInfo candidate : context.catalog().lookupFunctions(context.transaction(), name.schema(),
                name.name())) {
            if (!candidate.isProcedure() && polymorphicArguments(candidate.argumentTypes(), argumentTypes)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether each declared type is the wanted one or a polymorphic type (anyelement, anyarray, ...). */
    private static boolean polymorphicArguments(int[] declared, int[] wanted) {
        if (declared.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            int type = declared[i];
            if (type != wanted[i] && type != TypeOids.ANYELEMENT && type != TypeOids.ANYNONARRAY
                    && type != TypeOids.ANYARRAY && type != TypeOids.ANY) {
                return false;
            }
        }
        return true;
    }

    /**
     * When no function has exactly these argument types but one takes them by implicit coercion,
     * {@code lookup_agg_function} names it: its arguments would need a run-time coercion.
     */
    private static SqlException coercionNeeded(CommandContext context, QualifiedName name, int[] argumentTypes,
                                               SqlException missing) {
        for (FunctionInfo candidate : context.catalog().lookupFunctions(context.transaction(), name.schema(),
                name.name())) {
            int[] declared = candidate.argumentTypes();
            boolean coercible = declared.length == argumentTypes.length;
            for (int i = 0; coercible && i < declared.length; i++) {
                coercible = declared[i] == argumentTypes[i] || context.types().findCast(argumentTypes[i], declared[i],
                        org.woolly.analyzer.TypeSystem.CoercionContext.IMPLICIT) != null;
            }
            if (coercible) {
                return SqlException.of(SqlState.DATATYPE_MISMATCH, "function %s requires run-time type coercion",
                        shown(context, name, declared));
            }
        }
        return missing;
    }

    private static String shown(CommandContext context, QualifiedName name, int[] types) {
        StringJoiner joiner = new StringJoiner(", ", name + "(", ")");
        for (int type : types) {
            joiner.add(FunctionCommands.typeName(context, type));
        }
        return joiner.toString();
    }

    /**
     * An option's function as pg_aggregate keeps it (regproc's text), "-" for none: a built-in by
     * its name, a user function qualified by its schema, so that the aggregate finds it whatever
     * the search path (pg_dump reads these columns with an empty one).
     */
    private static String reference(CommandContext context, AggregateCommand.Option option) {
        if (option == null) {
            return AggregateInfo.NONE;
        }
        QualifiedName name = option.function();
        String schema = null;
        for (FunctionInfo user : context.catalog().lookupFunctions(context.transaction(), name.schema(),
                name.name())) {
            schema = context.catalog().namespaceByOid(context.transaction(), user.namespaceOid())
                    .map(org.woolly.catalog.NamespaceInfo::name).orElse(null);
            break;
        }
        return schema == null ? name.name() : schema + "." + name.name();
    }

    private static int sortOperator(CommandContext context, Definition definition, int[] arguments) {
        if (arguments.length != 1) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                    "sort operator can only be specified for single-argument aggregates");
        }
        QualifiedName name = definition.sortOperator;
        for (org.woolly.catalog.OperatorInfo user : context.catalog().lookupOperators(context.transaction(),
                name.schema(), name.name())) {
            if (user.left() == arguments[0] && user.right() == arguments[0]) {
                return user.oid();
            }
        }
        var builtin = org.woolly.utils.adt.PgOperatorData.find(name.name(), arguments[0], arguments[0]);
        if (builtin == null) {
            String type = FunctionCommands.typeName(context, arguments[0]);
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s %s", type, name.name(),
                    type);
        }
        return builtin.oid();
    }

    private static int[] typeOids(CommandContext context, List<TypeName> names) {
        int[] oids = new int[names.size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = FunctionCommands.typeOid(context, names.get(i));
        }
        return oids;
    }

    private static int[] prepend(int first, int[] rest) {
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.of(first), Arrays.stream(rest)).toArray();
    }

    static String signature(CommandContext context, FunctionInfo aggregate) {
        if (aggregate.argumentTypes().length == 0) {
            return aggregate.name() + "(*)";
        }
        return FunctionCommands.signature(context, aggregate).replace(", ", ",");
    }

    /**
     * The aggregate a DROP or ALTER names, or null (with IF EXISTS, after a NOTICE) when it, its
     * schema or one of its types does not exist.
     */
    private static FunctionInfo find(CommandContext context, AggregateCommand.Signature signature, boolean missingOk) {
        QualifiedName name = signature.name();
        int[] arguments;
        try {
            if (name.schema() != null) {
                OperatorCommands.namespaceOid(context, name.schema());
            }
            arguments = typeOids(context, signature.arguments());
        } catch (SqlException missing) {
            if (missingOk && (missing.sqlState() == SqlState.UNDEFINED_OBJECT
                    || missing.sqlState() == SqlState.INVALID_SCHEMA_NAME)) {
                context.notices().notice(OperatorCommands.notice(missing.getMessage() + ", skipping"));
                return null;
            }
            throw missing;
        }
        for (FunctionInfo candidate : context.catalog().lookupAggregates(context.transaction(), name.schema(),
                name.name())) {
            if (Arrays.equals(candidate.argumentTypes(), arguments)) {
                return candidate;
            }
        }
        if (missingOk) {
            StringJoiner written = new StringJoiner(",", name + "(", ")");
            for (TypeName type : signature.arguments()) {
                written.add(writtenTypeName(type));
            }
            context.notices().notice(OperatorCommands.notice("aggregate %s does not exist, skipping".formatted(written)));
            return null;
        }
        String shown = signature.star() ? name + "(*)" : shown(context, name, arguments);
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "aggregate %s does not exist", shown);
    }

    /**
     * TypeNameToString: the name as written, SQL-standard names ({@code int}, {@code bigint},
     * {@code real}, ...) as the pg_catalog types the grammar turns them into; the parser keeps no
     * trace of which was written, so {@code int4} shows as {@code pg_catalog.int4} too.
     */
    private static String writtenTypeName(TypeName type) {
        String name = switch (type.schema() == null ? type.name() : "") {
            case "int4", "int2", "int8", "float4", "float8", "bool", "numeric", "bpchar", "varchar" ->
                    "pg_catalog." + type.name();
            default -> type.schema() == null ? type.name() : type.schema() + "." + type.name();
        };
        return name + "[]".repeat(Math.max(0, type.arrayBounds()));
    }

    private static void drop(CommandContext context, AggregateCommand.DropAggregate drop) {
        List<FunctionInfo> targets = new ArrayList<>();
        for (AggregateCommand.Signature signature : drop.aggregates()) {
            FunctionInfo aggregate = find(context, signature, drop.ifExists());
            if (aggregate != null) {
                targets.add(aggregate);
            }
        }
        for (FunctionInfo aggregate : targets) {
            context.catalog().dropAggregate(context.transaction(), aggregate);
        }
    }

    private static void alter(CommandContext context, AggregateCommand.AlterAggregate alter) {
        FunctionInfo aggregate = find(context, alter.aggregate(), false);
        String name = aggregate.name();
        int namespaceOid = aggregate.namespaceOid();
        int owner = aggregate.ownerOid();
        if (alter.newName() != null) {
            name = alter.newName();
        } else if (alter.newSchema() != null) {
            namespaceOid = OperatorCommands.namespaceOid(context, alter.newSchema());
        } else {
            owner = Privileges.roleOid(context, alter.newOwner());
        }
        if (alter.newOwner() == null) {
            for (FunctionInfo other : namespaceRoutines(context, namespaceOid, name)) {
                if (other.oid() != aggregate.oid() && Arrays.equals(other.argumentTypes(), aggregate.argumentTypes())) {
                    String schema = context.catalog().namespaceByOid(context.transaction(), namespaceOid)
                            .map(org.woolly.catalog.NamespaceInfo::name).orElse("");
                    throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "function %s already exists in schema \"%s\"",
                            signature(context, other), schema);
                }
            }
        }
        context.catalog().storeFunction(context.transaction(), null, new FunctionInfo(aggregate.oid(), name,
                namespaceOid, owner, 'a', aggregate.argumentTypes(), aggregate.allArgumentTypes(), null, null,
                List.of(), aggregate.returnType(), false, 'i', false, false, 0, aggregate.source(), null,
                aggregate.language()));
    }
}
