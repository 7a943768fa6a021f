package org.woolly.commands;

import java.util.HashMap;
import java.util.Map;
import org.woolly.catalog.OperatorClasses;
import org.woolly.catalog.RangeDefinition;
import org.woolly.catalog.TypeInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TypeCommand;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.adt.PgOpclassData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE TYPE ... AS RANGE, the shell type {@code CREATE TYPE name} and the base-type form
 * {@code CREATE TYPE name (INPUT = ..., OUTPUT = ...)} ({@code DefineRange}, {@code DefineType}
 * and {@code TypeShellMake} of {@code typecmds.c}): the definition's attributes are read and
 * checked in PostgreSQL's order, with its messages.
 */
final class RangeTypeCommands {
    /** pg_collation OIDs of the collations every database has: default, C and POSIX. */
    private static final Map<String, Integer> COLLATIONS = Map.of("default", 100, "C", 950, "POSIX", 951);

    private RangeTypeCommands() {}

    /** {@code DefineRange}: the subtype and its operator class, collation and difference function, then the rows. */
    static void createRange(CommandContext context, TypeCommand.CreateRange create) {
        Map<String, TypeCommand.Definition> attributes = attributes(create.definition(),
                java.util.Set.of("subtype", "subtype_opclass", "collation", "canonical", "subtype_diff",
                        "multirange_type_name"));
        TypeCommand.Definition subtypeName = attributes.get("subtype");
        if (subtypeName == null) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "type attribute \"subtype\" is required");
        }
        int subtype = FunctionCommands.typeOid(context, typeName(subtypeName));
        TypeInfo subtypeInfo = context.catalog().typeByOid(context.transaction(), subtype).orElseThrow();
        if (subtypeInfo.typtype() == 'p') {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, "range subtype cannot be %s",
                    TypeCommands.typeName(context, subtype));
        }
        if (org.woolly.utils.adt.BuiltinTypes.byOid(subtype) == null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "range types over a user-defined subtype are not supported yet");
        }
        int opclass = subtypeOpclass(context, attributes.get("subtype_opclass"), subtype);
        int collation = collation(context, attributes.get("collation"), subtypeInfo);
        if (attributes.containsKey("canonical")) {
            if (!shellExists(context, create.name())) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "cannot specify a canonical function without a pre-created shell type")
                        .withHint("Create the type as a shell type, then create its canonicalization function, "
                                + "then do a full CREATE TYPE.");
            }
            // a canonical function takes the (shell) range type: only C functions can, and Woolly has none
            TypeName function = typeName(attributes.get("canonical"));
            throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%s) does not exist",
                    display(function), TypeCommands.typeName(context, shellOid(context, create.name())));
        }
        int subtypeDiff = 0;
        if (attributes.containsKey("subtype_diff")) {
            TypeName name = typeName(attributes.get("subtype_diff"));
            QualifiedName function = new QualifiedName(name.schema(), name.name(), name.location());
            OperatorCommands.Function found = OperatorCommands.function(context, function,
                    new int[] {subtype, subtype});
            if (found.returnType() != TypeOids.FLOAT8) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "range subtype diff function %s must return type %s",
                        display(name) + "(" + TypeCommands.typeName(context, subtype) + ", "
                                + TypeCommands.typeName(context, subtype) + ")", "double precision");
            }
            subtypeDiff = found.oid();
        }
        TypeCommand.Definition multirange = attributes.get("multirange_type_name");
        TypeName multirangeName = multirange == null ? null : typeName(multirange);
        char align = subtypeInfo.align() == 'd' ? 'd' : 'i';
        context.catalog().createRangeType(context.transaction(), create.name().schema(), create.name().name(),
                new RangeDefinition(subtype, opclass, collation, subtypeDiff, align,
                        multirangeName == null ? null : multirangeName.schema(),
                        multirangeName == null ? null : multirangeName.name()), owner(context));
    }

    /** {@code CREATE TYPE name}: a shell type. */
    static void createShell(CommandContext context, TypeCommand.CreateShell create) {
        context.catalog().createShellType(context.transaction(), create.name().schema(), create.name().name(),
                owner(context));
    }

    /**
     * {@code DefineType} of a base type: superuser only, over a shell type made first; its I/O
     * functions must be C (or internal) functions taking cstring, which no user of Woolly can
     * create, so after PostgreSQL's checks of the attributes the missing input function is what it reports.
     */
    static void createBase(CommandContext context, TypeCommand.CreateBase create) {
        if (context.user() != null && !context.user().superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create a base type");
        }
        if (shellOid(context, create.name()) == 0) {
            if (typeExists(context, create.name())) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", create.name().name());
            }
            // since PostgreSQL 14 the I/O functions must be made first, over a shell type
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", create.name().name())
                    .withHint("Create the type as a shell type, then create its I/O functions, then do a full "
                            + "CREATE TYPE.");
        }
        Map<String, TypeCommand.Definition> attributes = attributes(create.definition(), java.util.Set.of(
                "like", "internallength", "input", "output", "receive", "send", "typmod_in", "typmod_out",
                "analyze", "subscript", "category", "preferred", "delimiter", "element", "default", "passedbyvalue",
                "alignment", "storage", "collatable"));
        if (attributes.containsKey("like")) {
            FunctionCommands.typeOid(context, typeName(attributes.get("like")));
        }
        if (attributes.containsKey("element")) {
            FunctionCommands.typeOid(context, typeName(attributes.get("element")));
        }
        if (!attributes.containsKey("input")) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "type input function must be specified");
        }
        if (!attributes.containsKey("output")) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "type output function must be specified");
        }
        TypeName input = typeName(attributes.get("input"));
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s(cstring) does not exist", display(input));
    }

    /**
     * The attributes by name: 42601 "conflicting or redundant options" at a repeated one
     * ({@code errorConflictingDefElem}), 42601 for one the statement does not know.
     */
    private static Map<String, TypeCommand.Definition> attributes(java.util.List<TypeCommand.Definition> definition,
                                                                  java.util.Set<String> known) {
        Map<String, TypeCommand.Definition> attributes = new HashMap<>();
        for (TypeCommand.Definition element : definition) {
            String name = element.name();
            if (!known.contains(name)) {
                if (known.contains("input")) {
                    // DefineType warns and ignores an unknown attribute of a base type
                    continue;
                }
                throw SqlException.of(SqlState.SYNTAX_ERROR, "type attribute \"%s\" not recognized", name);
            }
            if (attributes.putIfAbsent(name, element) != null) {
                throw TableCommands.at(SqlException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options"),
                        element.location());
            }
        }
        return attributes;
    }

    /** A definition's value as a (type or function) name: a string value is taken as the name. */
    private static TypeName typeName(TypeCommand.Definition element) {
        if (element.type() != null) {
            return element.type();
        }
        if (element.text() == null) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "%s requires a parameter", element.name());
        }
        return new TypeName(null, element.text(), java.util.List.of(), 0, element.location());
    }

    private static String display(TypeName name) {
        return name.schema() == null ? name.name() : name.schema() + "." + name.name();
    }

    /** {@code findRangeSubOpclass}: the named B-tree operator class, else the subtype's default one. */
    private static int subtypeOpclass(CommandContext context, TypeCommand.Definition named, int subtype) {
        if (named != null) {
            TypeName name = typeName(named);
            for (PgOpclassData.OperatorClass opclass : PgOpclassData.classes()) {
                if (opclass.method() == PgOpclassData.BTREE && opclass.name().equals(name.name())) {
                    return opclass.oid();
                }
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                    "operator class \"%s\" does not exist for access method \"btree\"", display(name));
        }
        try {
            return OperatorClasses.defaultBtree(subtype, TypeCommands.typeName(context, subtype));
        } catch (SqlException none) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, none.getMessage())
                    .withHint("You must specify an operator class for the range type or define a default operator "
                            + "class for the subtype.");
        }
    }

    /** The range's collation: the one named, else the subtype's; 42809 when a non-collatable subtype names one. */
    private static int collation(CommandContext context, TypeCommand.Definition named, TypeInfo subtype) {
        if (subtype.collation() == 0) {
            if (named != null) {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                        "range collation specified but subtype does not support collation");
            }
            return 0;
        }
        if (named == null) {
            return subtype.collation();
        }
        TypeName name = typeName(named);
        Integer oid = name.schema() == null || name.schema().equals("pg_catalog") ? COLLATIONS.get(name.name()) : null;
        if (oid == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "collation \"%s\" for encoding \"UTF8\" does not exist",
                    display(name));
        }
        return oid;
    }

    private static boolean typeExists(CommandContext context, QualifiedName name) {
        try {
            context.catalog().lookupTypeOid(context.transaction(), name.schema(), name.name());
            return true;
        } catch (SqlException missing) {
            return false;
        }
    }

    private static boolean shellExists(CommandContext context, QualifiedName name) {
        return shellOid(context, name) != 0;
    }

    private static int shellOid(CommandContext context, QualifiedName name) {
        try {
            int oid = context.catalog().lookupTypeOid(context.transaction(), name.schema(), name.name());
            return context.catalog().typeByOid(context.transaction(), oid)
                    .filter(type -> type.typtype() == 'p' && type.oid() >= 16384).map(TypeInfo::oid).orElse(0);
        } catch (SqlException missing) {
            return 0;
        }
    }

    private static int owner(CommandContext context) {
        return context.user() == null ? org.woolly.catalog.CatalogOids.BOOTSTRAP_SUPERUSER : context.user().oid();
    }
}
