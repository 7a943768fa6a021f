package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.OperatorFamilyInfo;
import org.woolly.catalog.OperatorInfo;
import org.woolly.nodes.parse.OperatorCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.PgOpclassData;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE OPERATOR FAMILY, CREATE OPERATOR CLASS, ALTER OPERATOR FAMILY ADD / DROP and DROP
 * OPERATOR CLASS / FAMILY for the btree and hash access methods ({@code opclasscmds.c}:
 * {@code CreateOpFamily}, {@code DefineOpClass}, {@code AlterOpFamilyAdd},
 * {@code AlterOpFamilyDrop}, {@code assignOperTypes}, {@code assignProcTypes}, and the btree and
 * hash {@code amvalidate} checks of a support function's signature).
 */
final class OperatorClassCommands {
    /** Strategy and support function counts ({@code amstrategies}, {@code amsupport}) of btree and hash. */
    private static final int BTREE_STRATEGIES = 5;
    private static final int BTREE_SUPPORT = 5;
    private static final int HASH_STRATEGIES = 1;
    private static final int HASH_SUPPORT = 3;

    private OperatorClassCommands() {}

    /** The pg_am OID of an index access method that takes operator classes. */
    private static int method(String name) {
        return switch (name) {
            case "btree" -> PgOpclassData.BTREE;
            case "hash" -> PgOpclassData.HASH;
            default -> throw SqlException.of(SqlState.UNDEFINED_OBJECT, "access method \"%s\" does not exist", name);
        };
    }

    static void createFamily(CommandContext context, OperatorCommand.CreateFamily create) {
        int method = method(create.method());
        newFamily(context, create.name(), method, create.method());
    }

    private static int newFamily(CommandContext context, QualifiedName name, int method, String methodName) {
        int namespaceOid = context.catalog().creationNamespaceOid(context.transaction(), name.schema(), name.name());
        if (lookup(context, false, namespaceOid, name.name(), method) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                    "operator family \"%s\" for access method \"%s\" already exists", name.name(), methodName);
        }
        return context.catalog().createOperatorFamily(context.transaction(), new OperatorFamilyInfo(0, method,
                name.name(), namespaceOid, Privileges.currentUserOid(context), 0, 0, false, 0), false);
    }

    static void createClass(CommandContext context, OperatorCommand.CreateClass create) {
        int method = method(create.method());
        String name = create.name().name();
        int namespaceOid = context.catalog().creationNamespaceOid(context.transaction(), create.name().schema(), name);
        int inputType = OperatorCommands.typeOid(context, create.type());
        if (lookup(context, true, namespaceOid, name, method) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                    "operator class \"%s\" for access method \"%s\" already exists", name, create.method());
        }
        List<OperatorFamilyInfo.Member> members = new ArrayList<>();
        int storage = 0;
        for (OperatorCommand.Item item : create.items()) {
            if (item.kind() == OperatorCommand.ItemKind.STORAGE) {
                storage = OperatorCommands.typeOid(context, item.storage());
            } else {
                members.add(member(context, item, method, inputType, 0));
            }
        }
        if (create.isDefault()) {
            for (OperatorFamilyInfo other : context.catalog().operatorFamilies(context.transaction(), true)) {
                if (other.method() == method && other.inputType() == inputType && other.isDefault()) {
                    throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                            "could not make operator class \"%s\" be default for type %s", name, create.type().name())
                            .withDetail("Operator class \"%s\" already is the default.".formatted(other.name()));
                }
            }
        }
        int family;
        if (create.family() != null) {
            family = existing(context, false, create.family(), method, create.method()).oid();
        } else {
            // the family of the class's own name, created with it when there is none (DefineOpClass)
            OperatorFamilyInfo same = lookup(context, false, namespaceOid, name, method);
            family = same != null ? same.oid() : newFamily(context, create.name(), method, create.method());
        }
        context.catalog().createOperatorFamily(context.transaction(), new OperatorFamilyInfo(0, method, name,
                namespaceOid, Privileges.currentUserOid(context), family, inputType, create.isDefault(),
                storage == inputType ? 0 : storage), true);
        addMembers(context, family, name, method, members);
    }

    static void alterFamily(CommandContext context, OperatorCommand.AlterFamily alter) {
        int method = method(alter.method());
        OperatorFamilyInfo family = existing(context, false, alter.name(), method, alter.method());
        if (alter.add()) {
            List<OperatorFamilyInfo.Member> members = new ArrayList<>();
            for (OperatorCommand.Item item : alter.items()) {
                members.add(member(context, item, method, 0, family.oid()));
            }
            addMembers(context, family.oid(), family.name(), method, members);
            return;
        }
        List<OperatorFamilyInfo.Member> present = context.catalog().operatorFamilyMembers(context.transaction(),
                family.oid());
        for (OperatorCommand.Item item : alter.items()) {
            boolean operator = item.kind() == OperatorCommand.ItemKind.OPERATOR;
            int[] types = memberTypes(context, item.types(), 0);
            OperatorFamilyInfo.Member found = present.stream().filter(member -> member.isOperator() == operator
                    && member.number() == item.number() && member.left() == types[0] && member.right() == types[1])
                    .findFirst().orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_OBJECT,
                            "%s %d(%s,%s) does not exist in operator family \"%s\"", operator ? "operator" : "function",
                            item.number(), context.types().formatType(types[0], -1),
                            context.types().formatType(types[1], -1), family.name()));
            context.catalog().dropOperatorFamilyMember(context.transaction(), found);
        }
    }

    static void drop(CommandContext context, OperatorCommand.DropClassOrFamily drop) {
        int method = method(drop.method());
        OperatorFamilyInfo found = find(context, !drop.family(), drop.name(), method);
        if (found == null) {
            String message = "operator %s \"%s\" does not exist for access method \"%s\"".formatted(
                    drop.family() ? "family" : "class", drop.name().name(), drop.method());
            if (drop.ifExists()) {
                context.notices().notice(OperatorCommands.notice(message + ", skipping"));
                return;
            }
            throw new SqlException(SqlState.UNDEFINED_OBJECT, message);
        }
        context.catalog().dropOperatorFamily(context.transaction(), found, drop.family());
    }

    /**
     * The operator class written for an index key ({@code ResolveOpClass}): 42704 when the method
     * has none of that name, 42804 when it takes another type, 22023 for options. The key type's
     * default class orders the index as without it; another class is refused with 0A000, since
     * Woolly's B-tree orders by the type's own comparison.
     */
    static void checkIndexClass(CommandContext context, org.woolly.nodes.parse.Statement.IndexElement element,
                                int keyType) {
        QualifiedName name = element.opclass();
        if (name == null) {
            return;
        }
        OperatorFamilyInfo found = name.schema() != null ? find(context, true, name, PgOpclassData.BTREE) : null;
        if (name.schema() == null) {
            found = lookup(context, true, org.woolly.catalog.CatalogOids.PG_CATALOG_NAMESPACE, name.name(),
                    PgOpclassData.BTREE);
            if (found == null) {
                found = find(context, true, name, PgOpclassData.BTREE);
            }
        }
        if (found == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                    "operator class \"%s\" does not exist for access method \"btree\"", name.name());
        }
        if (element.opclassOptions()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "operator class %s has no options", name.name());
        }
        int defaultClass;
        try {
            defaultClass = org.woolly.catalog.OperatorClasses.defaultBtree(keyType, "");
        } catch (SqlException noDefault) {
            defaultClass = 0;
        }
        if (found.oid() == defaultClass) {
            return;
        }
        if (found.inputType() != keyType) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, "operator class \"%s\" does not accept data type %s",
                    name.name(), context.types().formatType(keyType, -1));
        }
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                "operator class \"%s\" is not supported in indexes yet: only the type's default ordering is",
                name.name());
    }

    /** Stores the members, 42710 for one the family has already ({@code storeOperators}, {@code storeProcedures}). */
    private static void addMembers(CommandContext context, int family, String familyName, int method,
                                   List<OperatorFamilyInfo.Member> members) {
        List<OperatorFamilyInfo.Member> present = new ArrayList<>(context.catalog().operatorFamilyMembers(
                context.transaction(), family));
        for (OperatorFamilyInfo.Member member : members) {
            boolean duplicate = present.stream().anyMatch(other -> other.isOperator() == member.isOperator()
                    && other.number() == member.number() && other.left() == member.left()
                    && other.right() == member.right());
            if (duplicate) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "%s %d(%s,%s) already exists in operator family \"%s\"",
                        member.isOperator() ? "operator" : "function", member.number(),
                        context.types().formatType(member.left(), -1), context.types().formatType(member.right(), -1),
                        familyName);
            }
            OperatorFamilyInfo.Member stored = new OperatorFamilyInfo.Member(0, family, member.left(), member.right(),
                    member.number(), member.operator(), member.function());
            context.catalog().addOperatorFamilyMember(context.transaction(), stored, method);
            present.add(stored);
        }
    }

    /** An OPERATOR or FUNCTION item resolved: its number checked, its operator or function found, its types assigned. */
    private static OperatorFamilyInfo.Member member(CommandContext context, OperatorCommand.Item item, int method,
                                                    int inputType, int family) {
        boolean btree = method == PgOpclassData.BTREE;
        if (item.kind() == OperatorCommand.ItemKind.OPERATOR) {
            int limit = btree ? BTREE_STRATEGIES : HASH_STRATEGIES;
            if (item.number() < 1 || item.number() > limit) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "invalid operator number %d, must be between 1 and %d", item.number(), limit);
            }
            int[] types = memberTypes(context, item.types(), inputType);
            if (types[0] == 0) {
                throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                        "operator argument types must be specified in ALTER OPERATOR FAMILY");
            }
            int operator = operatorOid(context, item.name(), types[0], types[1]);
            return new OperatorFamilyInfo.Member(0, family, types[0], types[1], item.number(), operator, null);
        }
        int limit = btree ? BTREE_SUPPORT : HASH_SUPPORT;
        if (item.number() < 1 || item.number() > limit) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "invalid function number %d, must be between 1 and %d", item.number(), limit);
        }
        int[] arguments = new int[item.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = OperatorCommands.typeOid(context, item.arguments().get(i));
        }
        OperatorCommands.Function function = OperatorCommands.function(context, item.name(), arguments);
        int[] types = supportTypes(btree, item.number(), arguments, function.returnType());
        if (!item.types().isEmpty()) {
            types = memberTypes(context, item.types(), 0);
        }
        return new OperatorFamilyInfo.Member(0, family, types[0], types[1], item.number(), 0, function.name());
    }

    /**
     * The left and right types a support function is registered under, after the signature
     * checks of {@code btvalidate}/{@code hashvalidate} as {@code assignProcTypes} words them:
     * btree 1 compares two values, hash 1 hashes one, hash 2 one with a bigint seed.
     */
    private static int[] supportTypes(boolean btree, int number, int[] arguments, int returnType) {
        if (btree) {
            if (number == 1) {
                if (arguments.length != 2) {
                    throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                            "btree comparison functions must have two arguments");
                }
                if (returnType != TypeOids.INT4) {
                    throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION,
                            "btree comparison functions must return integer");
                }
                return new int[] {arguments[0], arguments[1]};
            }
            return new int[] {arguments.length > 0 ? arguments[0] : 0, arguments.length > 1 ? arguments[1]
                    : arguments.length > 0 ? arguments[0] : 0};
        }
        if (number == 1 || number == 2) {
            int expected = number;
            if (arguments.length != expected) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "hash function %d must have %s", number,
                        number == 1 ? "one argument" : "two arguments");
            }
            int result = number == 1 ? TypeOids.INT4 : TypeOids.INT8;
            if (returnType != result) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "hash function %d must return %s", number,
                        number == 1 ? "integer" : "bigint");
            }
        }
        int type = arguments.length > 0 ? arguments[0] : 0;
        return new int[] {type, type};
    }

    /** {@code (left, right)} as written, or one type for both, or {@code (input, input)} when not written. */
    private static int[] memberTypes(CommandContext context, List<TypeName> written, int inputType) {
        if (written.isEmpty()) {
            return new int[] {inputType, inputType};
        }
        int left = OperatorCommands.typeOid(context, written.getFirst());
        int right = written.size() > 1 ? OperatorCommands.typeOid(context, written.get(1)) : left;
        return new int[] {left, right};
    }

    /** An operator over these types, user-defined or built-in; 42883 when there is none. */
    private static int operatorOid(CommandContext context, QualifiedName name, int left, int right) {
        OperatorInfo user = OperatorCommands.find(context, name, left, right);
        if (user != null && !user.isShell()) {
            return user.oid();
        }
        if (name.schema() == null || name.schema().equals("pg_catalog")) {
            PgOperatorData.Operator builtin = PgOperatorData.find(name.name(), left, right);
            if (builtin != null) {
                return builtin.oid();
            }
        }
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s",
                OperatorCommands.signature(context, name.toString(), left, right));
    }

    /** The class ({@code isClass}) or family {@code name} of the method in that schema, or null. */
    private static OperatorFamilyInfo lookup(CommandContext context, boolean isClass, int namespaceOid, String name,
                                             int method) {
        for (OperatorFamilyInfo info : context.catalog().operatorFamilies(context.transaction(), isClass)) {
            if (info.method() == method && info.namespaceOid() == namespaceOid && info.name().equals(name)) {
                return info;
            }
        }
        return null;
    }

    /** The class or family named, in its schema or the first of the search path that has it, or null. */
    private static OperatorFamilyInfo find(CommandContext context, boolean isClass, QualifiedName name, int method) {
        List<String> schemas = name.schema() != null ? List.of(name.schema())
                : context.catalog().searchPath(context.transaction());
        for (String schema : schemas) {
            var namespace = context.catalog().namespace(context.transaction(), schema);
            if (namespace.isPresent()) {
                OperatorFamilyInfo found = lookup(context, isClass, namespace.get().oid(), name.name(), method);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static OperatorFamilyInfo existing(CommandContext context, boolean isClass, QualifiedName name, int method,
                                               String methodName) {
        OperatorFamilyInfo found = find(context, isClass, name, method);
        if (found == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "operator %s \"%s\" does not exist for access method \"%s\"",
                    isClass ? "class" : "family", name.name(), methodName);
        }
        return found;
    }
}
