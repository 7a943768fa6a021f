package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.CastInfo;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.TypeInfo;
import org.woolly.nodes.parse.AggregateCommand;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE CAST and DROP CAST ({@code CreateCast} in {@code functioncmds.c}, {@code CastCreate} in
 * {@code pg_cast.c}, {@code get_cast_oid}): the checks PostgreSQL makes of the types and of the
 * cast's function, then one pg_cast row, which the analyzer's cast lookup reads.
 */
final class CastCommands {

    private CastCommands() {}

    static void create(CommandContext context, AggregateCommand.CreateCast create) {
        int source = FunctionCommands.typeOid(context, create.source());
        int target = FunctionCommands.typeOid(context, create.target());
        TypeInfo sourceType = type(context, source);
        TypeInfo targetType = type(context, target);
        if (sourceType != null && sourceType.typtype() == 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "source data type %s is a pseudo-type",
                    FunctionCommands.typeName(context, source));
        }
        if (targetType != null && targetType.typtype() == 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "target data type %s is a pseudo-type",
                    FunctionCommands.typeName(context, target));
        }
        int function = 0;
        int arguments = 0;
        switch (create.method()) {
            case 'f' -> {
                FunctionCheck checked;
                try {
                    checked = function(context, create, source, target);
                } catch (SqlException missing) {
                    // a built-in cast's function Woolly runs as a cast, not as a function (int8(int4))
                    checkNotExisting(context, source, target);
                    throw missing;
                }
                function = checked.oid();
                arguments = checked.arguments();
            }
            case 'b' -> checkBinaryCompatible(context, sourceType, targetType);
            default -> {
                // WITH INOUT: any two types, through their text forms
            }
        }
        if (source == target && arguments < 2) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                    "source data type and target data type are the same");
        }
        checkNotExisting(context, source, target);
        context.catalog().storeCast(context.transaction(), new CastInfo(0, source, target, function, create.context(),
                create.method()));
    }

    private static void checkNotExisting(CommandContext context, int source, int target) {
        if (context.catalog().anyCast(context.transaction(), source, target).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "cast from type %s to type %s already exists",
                    FunctionCommands.typeName(context, source), FunctionCommands.typeName(context, target));
        }
    }

    private static TypeInfo type(CommandContext context, int oid) {
        return context.catalog().typeByOid(context.transaction(), oid).orElse(null);
    }

    private record FunctionCheck(int oid, int arguments) {}

    private static FunctionCheck function(CommandContext context, AggregateCommand.CreateCast create, int source,
                                          int target) {
        int oid;
        int[] argumentTypes;
        int returnType;
        boolean returnsSet = false;
        char kind = 'f';
        if (create.functionArguments() != null) {
            int[] written = new int[create.functionArguments().size()];
            for (int i = 0; i < written.length; i++) {
                written[i] = FunctionCommands.typeOid(context, create.functionArguments().get(i));
            }
            OperatorCommands.Function found = OperatorCommands.function(context, create.function(), written);
            oid = found.oid();
            argumentTypes = written;
            returnType = found.returnType();
        } else {
            List<Object> candidates = new ArrayList<>(context.catalog().lookupFunctions(context.transaction(),
                    create.function().schema(), create.function().name()));
            if (create.function().schema() == null || create.function().schema().equals("pg_catalog")) {
                candidates.addAll(BuiltinFunctions.byName(create.function().name()));
            }
            if (candidates.isEmpty()) {
                throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "could not find a function named \"%s\"",
                        create.function());
            }
            if (candidates.size() > 1) {
                throw SqlException.of(SqlState.AMBIGUOUS_FUNCTION, "function name \"%s\" is not unique",
                        create.function()).withHint("Specify the argument list to select the function unambiguously.");
            }
            if (candidates.getFirst() instanceof FunctionInfo user) {
                oid = user.oid();
                argumentTypes = user.argumentTypes();
                returnType = user.returnType();
            } else {
                FunctionDescriptor builtin = (FunctionDescriptor) candidates.getFirst();
                oid = builtin.oid();
                argumentTypes = builtin.argumentTypes();
                returnType = builtin.returnType();
            }
        }
        FunctionInfo user = context.catalog().functionByOid(context.transaction(), oid).orElse(null);
        if (user != null) {
            returnsSet = user.returnsSet();
            kind = user.kind();
        }
        if (argumentTypes.length < 1 || argumentTypes.length > 3) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "cast function must take one to three arguments");
        }
        if (argumentTypes[0] != source) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                    "argument of cast function must match or be binary-coercible from source data type");
        }
        if (argumentTypes.length > 1 && argumentTypes[1] != TypeOids.INT4) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "second argument of cast function must be type %s",
                    "integer");
        }
        if (argumentTypes.length > 2 && argumentTypes[2] != TypeOids.BOOL) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "third argument of cast function must be type %s",
                    "boolean");
        }
        if (returnType != target) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                    "return data type of cast function must match or be binary-coercible to target data type");
        }
        if (kind != 'f') {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "cast function must be a normal function");
        }
        if (returnsSet) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "cast function must not return a set");
        }
        return new FunctionCheck(oid, argumentTypes.length);
    }

    /** WITHOUT FUNCTION: the two types must store their values alike. */
    private static void checkBinaryCompatible(CommandContext context, TypeInfo source, TypeInfo target) {
        if (source == null || target == null) {
            return;
        }
        if (source.length() != target.length() || source.byValue() != target.byValue()
                || source.align() != target.align()) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                    "source and target data types are not physically compatible");
        }
        if (source.typtype() == 'c' || target.typtype() == 'c') {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "composite data types are not binary-compatible");
        }
        if (source.typtype() == 'e' || target.typtype() == 'e') {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "enum data types are not binary-compatible");
        }
        if (source.elementOid() != 0 && source.category() == 'A' || target.elementOid() != 0 && target.category() == 'A') {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "array data types are not binary-compatible");
        }
        if (source.typtype() == 'd' || target.typtype() == 'd') {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                    "domain data types must not be marked binary-compatible");
        }
    }

    static void drop(CommandContext context, AggregateCommand.DropCast drop) {
        int source;
        int target;
        try {
            source = typeOid(context, drop.source());
            target = typeOid(context, drop.target());
        } catch (SqlException missing) {
            if (drop.ifExists() && (missing.sqlState() == SqlState.UNDEFINED_OBJECT
                    || missing.sqlState() == SqlState.INVALID_SCHEMA_NAME)) {
                context.notices().notice(OperatorCommands.notice(missing.getMessage() + ", skipping"));
                return;
            }
            throw missing;
        }
        CastInfo cast = context.catalog().anyCast(context.transaction(), source, target).orElse(null);
        String from = FunctionCommands.typeName(context, source);
        String to = FunctionCommands.typeName(context, target);
        String shown = "cast from type %s to type %s".formatted(from, to);
        if (cast == null) {
            if (drop.ifExists()) {
                context.notices().notice(OperatorCommands.notice(shown + " does not exist, skipping"));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "%s does not exist", shown);
        }
        if (Integer.compareUnsigned(cast.oid(), CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop cast from %s to %s because it is required by the database system", from, to);
        }
        context.catalog().dropCast(context.transaction(), cast);
    }

    /** A type named in DROP: its schema checked first, as the notice of IF EXISTS names a missing schema. */
    private static int typeOid(CommandContext context, TypeName name) {
        if (name.schema() != null) {
            OperatorCommands.namespaceOid(context, name.schema());
        }
        return FunctionCommands.typeOid(context, name);
    }
}
