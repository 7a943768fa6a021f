package org.woolly.commands;

import java.util.Arrays;
import java.util.Map;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.OperatorInfo;
import org.woolly.nodes.parse.OperatorCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / ALTER / DROP OPERATOR ({@code operatorcmds.c}: {@code DefineOperator},
 * {@code AlterOperator}, {@code RemoveOperatorById}; {@code pg_operator.c}: {@code OperatorCreate}
 * with its shell operators for a commutator or negator not defined yet, {@code OperatorUpd}).
 * Operator classes and families are {@link OperatorClassCommands}.
 */
public final class OperatorCommands {
    /**
     * PostgreSQL's selectivity estimators (pg_proc OIDs of {@code pg_proc.dat}), which RESTRICT and
     * JOIN name; Woolly's planner does not call them, the row records them.
     */
    private static final Map<String, Integer> ESTIMATORS = Map.ofEntries(Map.entry("eqsel", 101),
            Map.entry("neqsel", 102), Map.entry("scalarltsel", 103), Map.entry("scalargtsel", 104),
            Map.entry("eqjoinsel", 105), Map.entry("neqjoinsel", 106), Map.entry("scalarltjoinsel", 107),
            Map.entry("scalargtjoinsel", 108), Map.entry("areasel", 139), Map.entry("areajoinsel", 140),
            Map.entry("scalarlesel", 336), Map.entry("scalargesel", 337), Map.entry("scalarlejoinsel", 386),
            Map.entry("scalargejoinsel", 398), Map.entry("positionsel", 1300), Map.entry("positionjoinsel", 1301),
            Map.entry("contsel", 1302), Map.entry("contjoinsel", 1303));

    private OperatorCommands() {}

    public static String run(CommandContext context, OperatorCommand command) {
        switch (command) {
            case OperatorCommand.CreateOperator create -> create(context, create);
            case OperatorCommand.DropOperator drop -> drop(context, drop);
            case OperatorCommand.AlterOperator alter -> alter(context, alter);
            case OperatorCommand.CreateFamily create -> OperatorClassCommands.createFamily(context, create);
            case OperatorCommand.CreateClass create -> OperatorClassCommands.createClass(context, create);
            case OperatorCommand.AlterFamily alter -> OperatorClassCommands.alterFamily(context, alter);
            case OperatorCommand.DropClassOrFamily drop -> OperatorClassCommands.drop(context, drop);
        }
        return command.tag();
    }

    private static void create(CommandContext context, OperatorCommand.CreateOperator create) {
        QualifiedName functionName = null;
        TypeName leftName = null;
        TypeName rightName = null;
        QualifiedName commutatorName = null;
        QualifiedName negatorName = null;
        QualifiedName restrictName = null;
        QualifiedName joinName = null;
        boolean canHash = false;
        boolean canMerge = false;
        for (OperatorCommand.Option option : create.options()) {
            switch (option.name()) {
                case "leftarg" -> leftName = option.type();
                case "rightarg" -> rightName = option.type();
                case "function", "procedure" -> functionName = option.value();
                case "commutator" -> commutatorName = option.value();
                case "negator" -> negatorName = option.value();
                case "restrict" -> restrictName = option.value();
                case "join" -> joinName = option.value();
                case "hashes" -> canHash = true;
                case "merges", "sort1", "sort2", "ltcmp", "gtcmp" -> canMerge = true;
                default -> context.notices().notice(new SqlException(Severity.WARNING, SqlState.SYNTAX_ERROR,
                        "operator attribute \"%s\" not recognized".formatted(option.name()), null, null, 0, null));
            }
        }
        if (functionName == null) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "operator function must be specified");
        }
        int left = leftName == null ? 0 : typeOid(context, leftName);
        int right = rightName == null ? 0 : typeOid(context, rightName);
        if (left == 0 && right == 0) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "operator argument types must be specified");
        }
        if (right == 0) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                    "operator right argument type must be specified").withDetail("Postfix operators are not supported.");
        }
        int[] argumentTypes = left == 0 ? new int[] {right} : new int[] {left, right};
        Function function = function(context, functionName, argumentTypes);
        int restrict = restrictName == null ? 0 : estimator(context, restrictName, false);
        int join = joinName == null ? 0 : estimator(context, joinName, true);
        checkDefinition(left, function.returnType(), commutatorName, joinName, canHash, canMerge, negatorName,
                restrictName);
        String name = create.name().name();
        int namespaceOid = context.catalog().creationNamespaceOid(context.transaction(), create.name().schema(), name);
        OperatorInfo shell = null;
        for (OperatorInfo existing : context.catalog().lookupOperators(context.transaction(),
                namespaceName(context, namespaceOid), name)) {
            if (existing.left() == left && existing.right() == right) {
                if (!existing.isShell()) {
                    throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "operator %s already exists", name);
                }
                shell = existing;
            }
        }
        int owner = Privileges.currentUserOid(context);
        OperatorInfo operator = context.catalog().storeOperator(context.transaction(), new OperatorInfo(
                shell == null ? 0 : shell.oid(), name, namespaceOid, owner, left == 0 ? 'l' : 'b', canMerge, canHash,
                left, right, function.returnType(), 0, 0, function.oid(), restrict, join));
        int commutator = 0;
        if (commutatorName != null) {
            boolean self = commutatorName.name().equals(name) && left == right
                    && (commutatorName.schema() == null || namespaceOid == namespaceOid(context, commutatorName.schema()));
            commutator = self ? operator.oid() : otherOperator(context, commutatorName, right, left, namespaceOid, owner);
        }
        int negator = 0;
        if (negatorName != null) {
            boolean self = negatorName.name().equals(name)
                    && (negatorName.schema() == null || namespaceOid == namespaceOid(context, negatorName.schema()));
            if (self) {
                throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "operator cannot be its own negator or sort operator");
            }
            negator = otherOperator(context, negatorName, left, right, namespaceOid, owner);
        }
        if (commutator != 0 || negator != 0) {
            operator = context.catalog().storeOperator(context.transaction(), operator.withLinks(commutator, negator));
        }
        // OperatorUpd: the commutator and negator point back at the new operator when they point nowhere yet
        link(context, commutator, operator.oid(), true);
        link(context, negator, operator.oid(), false);
    }

    /** The restrictions OperatorCreate places on what a prefix or non-boolean operator may have. */
    private static void checkDefinition(int left, int result, QualifiedName commutator, QualifiedName join,
                                        boolean canHash, boolean canMerge, QualifiedName negator,
                                        QualifiedName restrict) {
        if (left == 0) {
            if (commutator != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "only binary operators can have commutators");
            }
            if (join != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "only binary operators can have join selectivity");
            }
            if (canMerge) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "only binary operators can merge join");
            }
            if (canHash) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "only binary operators can hash");
            }
        }
        if (result != TypeOids.BOOL) {
            if (negator != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "only boolean operators can have negators");
            }
            if (restrict != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "only boolean operators can have restriction selectivity");
            }
            if (join != null) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                        "only boolean operators can have join selectivity");
            }
            if (canMerge) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "only boolean operators can merge join");
            }
            if (canHash) {
                throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "only boolean operators can hash");
            }
        }
    }

    /**
     * The commutator or negator named (get_other_operator): an existing operator over those
     * types, built-in or user-defined, else a new shell operator in the named (or the new
     * operator's) schema, owned by the creator.
     */
    private static int otherOperator(CommandContext context, QualifiedName name, int left, int right,
                                     int defaultNamespace, int owner) {
        OperatorInfo existing = find(context, name, left, right);
        if (existing != null) {
            return existing.oid();
        }
        if (name.schema() == null || name.schema().equals("pg_catalog")) {
            PgOperatorData.Operator builtin = PgOperatorData.find(name.name(), left, right);
            if (builtin != null) {
                return builtin.oid();
            }
        }
        int namespaceOid = name.schema() == null ? defaultNamespace : namespaceOid(context, name.schema());
        return context.catalog().storeOperator(context.transaction(), new OperatorInfo(0, name.name(), namespaceOid,
                owner, left == 0 ? 'l' : 'b', false, false, left, right, 0, 0, 0, 0, 0, 0)).oid();
    }

    private static void link(CommandContext context, int otherOid, int operatorOid, boolean commutator) {
        if (otherOid == 0 || otherOid == operatorOid) {
            return;
        }
        context.catalog().operatorByOid(context.transaction(), otherOid).ifPresent(other -> {
            if (commutator && other.commutator() == 0) {
                context.catalog().storeOperator(context.transaction(), other.withLinks(operatorOid, other.negator()));
            } else if (!commutator && other.negator() == 0) {
                context.catalog().storeOperator(context.transaction(), other.withLinks(other.commutator(), operatorOid));
            }
        });
    }

    /** A user-defined operator {@code name(left, right)} in its schema or the search path, or null. */
    static OperatorInfo find(CommandContext context, QualifiedName name, int left, int right) {
        if (name.schema() != null) {
            namespaceOid(context, name.schema());
        }
        for (OperatorInfo operator : context.catalog().lookupOperators(context.transaction(), name.schema(),
                name.name())) {
            if (operator.left() == left && operator.right() == right) {
                return operator;
            }
        }
        return null;
    }

    private static void drop(CommandContext context, OperatorCommand.DropOperator drop) {
        for (OperatorCommand.OperatorName name : drop.operators()) {
            OperatorInfo operator = named(context, name, drop.ifExists());
            if (operator == null) {
                continue;
            }
            // RemoveOperatorById: the commutator's and negator's links to it are reset first
            for (int other : new int[] {operator.commutator(), operator.negator()}) {
                if (other != 0 && other != operator.oid()) {
                    context.catalog().operatorByOid(context.transaction(), other).ifPresent(linked ->
                            context.catalog().storeOperator(context.transaction(), linked.withLinks(
                                    linked.commutator() == operator.oid() ? 0 : linked.commutator(),
                                    linked.negator() == operator.oid() ? 0 : linked.negator())));
                }
            }
            context.catalog().dropOperator(context.transaction(), operator);
        }
    }

    /**
     * The operator DROP or ALTER names ({@code LookupOperWithArgs}); null with IF EXISTS after a
     * NOTICE, else 42883 as PostgreSQL words it.
     */
    private static OperatorInfo named(CommandContext context, OperatorCommand.OperatorName name, boolean ifExists) {
        if (name.name().schema() != null
                && context.catalog().namespace(context.transaction(), name.name().schema()).isEmpty()) {
            if (ifExists) {
                context.notices().notice(notice("schema \"%s\" does not exist, skipping".formatted(
                        name.name().schema())));
                return null;
            }
            throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name.name().schema());
        }
        int left = name.left() == null ? 0 : typeOid(context, name.left());
        int right = typeOid(context, name.right());
        OperatorInfo operator = find(context, name.name(), left, right);
        if (operator != null) {
            return operator;
        }
        if (ifExists) {
            context.notices().notice(notice("operator %s does not exist, skipping".formatted(name.name())));
            return null;
        }
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s",
                signature(context, name.name().toString(), left, right));
    }

    /** {@code integer ## integer} or {@code ## integer}, as PostgreSQL's op_signature_string writes it. */
    static String signature(CommandContext context, String name, int left, int right) {
        return (left == 0 ? "" : context.types().formatType(left, -1) + " ") + name + " "
                + context.types().formatType(right, -1);
    }

    private static void alter(CommandContext context, OperatorCommand.AlterOperator alter) {
        OperatorInfo operator = named(context, alter.operator(), false);
        if (alter.newOwner() != null) {
            int owner = Privileges.roleOid(context, alter.newOwner());
            context.catalog().storeOperator(context.transaction(),
                    operator.withOwnerAndNamespace(owner, operator.namespaceOid()));
            return;
        }
        if (alter.newSchema() != null) {
            int namespaceOid = namespaceOid(context, alter.newSchema());
            for (OperatorInfo other : context.catalog().lookupOperators(context.transaction(), alter.newSchema(),
                    operator.name())) {
                if (other.left() == operator.left() && other.right() == operator.right()) {
                    throw SqlException.of(SqlState.DUPLICATE_FUNCTION, "operator %s already exists in schema \"%s\"",
                            signature(context, operator.name(), operator.left(), operator.right()).trim(),
                            alter.newSchema());
                }
            }
            context.catalog().storeOperator(context.transaction(),
                    operator.withOwnerAndNamespace(operator.ownerOid(), namespaceOid));
            return;
        }
        int restrict = operator.restrict();
        int join = operator.join();
        for (OperatorCommand.Option option : alter.options()) {
            switch (option.name()) {
                case "restrict" -> restrict = option.value() == null ? 0 : estimator(context, option.value(), false);
                case "join" -> join = option.value() == null ? 0 : estimator(context, option.value(), true);
                case "leftarg", "rightarg", "function", "procedure", "commutator", "negator", "hashes", "merges" ->
                        throw SqlException.of(SqlState.SYNTAX_ERROR, "operator attribute \"%s\" cannot be changed",
                                option.name());
                default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "operator attribute \"%s\" not recognized",
                        option.name());
            }
        }
        if (operator.left() == 0 && join != 0) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION,
                    "only binary operators can have join selectivity");
        }
        if (operator.result() != TypeOids.BOOL && (restrict != 0 || join != 0)) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, restrict != 0
                    ? "only boolean operators can have restriction selectivity"
                    : "only boolean operators can have join selectivity");
        }
        context.catalog().storeOperator(context.transaction(), operator.withEstimators(restrict, join));
    }

    /** A function chosen by exact argument types: its OID, result type and name as regproc shows it. */
    record Function(int oid, int returnType, String name) {}

    /**
     * The function {@code name(argumentTypes)} with exactly these argument types, user-defined or
     * built-in ({@code LookupFuncName}); 42883 naming the signature when there is none.
     */
    static Function function(CommandContext context, QualifiedName name, int[] argumentTypes) {
        if (name.schema() != null && !name.schema().equals("pg_catalog")) {
            namespaceOid(context, name.schema());
        }
        for (FunctionInfo candidate : context.catalog().lookupFunctions(context.transaction(), name.schema(),
                name.name())) {
            if (Arrays.equals(candidate.argumentTypes(), argumentTypes) && !candidate.isProcedure()) {
                return new Function(candidate.oid(), candidate.returnType(), candidate.name());
            }
        }
        if (name.schema() == null || name.schema().equals("pg_catalog")) {
            for (FunctionDescriptor builtin : BuiltinFunctions.byName(name.name())) {
                if (Arrays.equals(builtin.argumentTypes(), argumentTypes)) {
                    return new Function(builtin.oid(), builtin.returnType(), builtin.name());
                }
            }
            // the functions behind built-in operators (int4pl, int4eq) are pg_proc rows too
            for (PgOperatorData.Operator operator : PgOperatorData.all()) {
                if (operator.procName().equals(name.name())
                        && Arrays.equals(operator.procArgumentTypes(), argumentTypes)) {
                    return new Function(operator.procOid(), operator.resultType(), operator.procName());
                }
            }
        }
        StringBuilder shown = new StringBuilder(name.toString()).append('(');
        for (int i = 0; i < argumentTypes.length; i++) {
            shown.append(i == 0 ? "" : ", ").append(FunctionCommands.typeName(context, argumentTypes[i]));
        }
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s) does not exist", shown);
    }

    /** A RESTRICT or JOIN estimator: one of PostgreSQL's, or a user function returning float8. */
    private static int estimator(CommandContext context, QualifiedName name, boolean join) {
        Integer known = name.schema() == null || name.schema().equals("pg_catalog") ? ESTIMATORS.get(name.name())
                : null;
        if (known != null) {
            return known;
        }
        int[] arguments = join ? new int[] {TypeOids.INTERNAL, TypeOids.OID, TypeOids.INTERNAL, TypeOids.INT2,
                TypeOids.INTERNAL} : new int[] {TypeOids.INTERNAL, TypeOids.OID, TypeOids.INTERNAL, TypeOids.INT4};
        Function function = function(context, name, arguments);
        if (function.returnType() != TypeOids.FLOAT8) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "%s estimator function %s must return type %s",
                    join ? "join" : "restriction", name, "float8");
        }
        return function.oid();
    }

    static int typeOid(CommandContext context, TypeName typeName) {
        return FunctionCommands.typeOid(context, typeName);
    }

    static int namespaceOid(CommandContext context, String schema) {
        return context.catalog().namespace(context.transaction(), schema).map(NamespaceInfo::oid).orElseThrow(() ->
                SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema));
    }

    private static String namespaceName(CommandContext context, int namespaceOid) {
        return context.catalog().namespaceByOid(context.transaction(), namespaceOid).map(NamespaceInfo::name)
                .orElse(null);
    }

    static SqlException notice(String message) {
        return new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, null, null, 0, null);
    }
}
