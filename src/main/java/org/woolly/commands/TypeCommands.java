package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogNameLookup;
import org.woolly.catalog.DomainInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TypeInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeCommand;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE TYPE ... AS ENUM, CREATE TYPE ... AS (...), ALTER TYPE and DROP TYPE ({@code typecmds.c}: {@code DefineEnum},
 * with the range, shell and base forms of CREATE TYPE in {@link RangeTypeCommands};
 * {@code AlterEnum}, {@code RenameType}, {@code AlterTypeOwner}, {@code AlterTypeNamespace};
 * {@code RemoveObjects} with the dependency checks of {@code dependency.c} for the columns of
 * the type).
 */
public final class TypeCommands {
    /** {@code FirstNormalObjectId}: types below it are the system's own. */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    private TypeCommands() {}

    public static String run(CommandContext context, TypeCommand command) {
        switch (command) {
            case TypeCommand.CreateEnum create -> {
                int owner = context.user() == null ? org.woolly.catalog.CatalogOids.BOOTSTRAP_SUPERUSER
                        : context.user().oid();
                context.catalog().createEnumType(context.transaction(), create.name().schema(), create.name().name(),
                        create.labels(), owner);
            }
            case TypeCommand.CreateComposite create -> {
                int owner = context.user() == null ? org.woolly.catalog.CatalogOids.BOOTSTRAP_SUPERUSER
                        : context.user().oid();
                List<org.woolly.catalog.ColumnSpec> attributes = new ArrayList<>();
                for (org.woolly.nodes.parse.ColumnDef attribute : create.attributes()) {
                    attributes.add(TableCommands.column(context, attribute));
                }
                context.catalog().createCompositeType(context.transaction(), create.name().schema(),
                        create.name().name(), attributes, owner);
            }
            case TypeCommand.CreateRange create -> RangeTypeCommands.createRange(context, create);
            case TypeCommand.CreateShell create -> RangeTypeCommands.createShell(context, create);
            case TypeCommand.CreateBase create -> RangeTypeCommands.createBase(context, create);
            case TypeCommand.AlterAttribute alter -> alterAttribute(context, alter);
            case TypeCommand.AddEnumValue add -> {
                TypeInfo type = enumType(context, add.type());
                if (!context.catalog().addEnumLabel(context.transaction(), type.oid(), add.label(), add.neighbor(),
                        add.before(), add.ifNotExists())) {
                    context.notices().notice(notice("enum label \"%s\" already exists, skipping".formatted(add.label())));
                }
            }
            case TypeCommand.RenameEnumValue rename -> context.catalog().renameEnumLabel(context.transaction(),
                    enumType(context, rename.type()).oid(), rename.oldLabel(), rename.newLabel());
            case TypeCommand.AlterType alter -> alterType(context, alter);
            case TypeCommand.CreateDomain create -> DomainCommands.create(context, create);
            case TypeCommand.AlterDomain alter -> DomainCommands.alter(context, alter);
            case TypeCommand.AlterDomainName rename -> DomainCommands.rename(context, rename.change());
        }
        return command.tag();
    }

    /** ADD / DROP / RENAME ATTRIBUTE of a composite type: the column changes of its relkind 'c' relation. */
    private static void alterAttribute(CommandContext context, TypeCommand.AlterAttribute alter) {
        TypeInfo type = userType(context, alter.type());
        if (type.typtype() != 'c') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "%s is not a composite type", typeName(context, type));
        }
        RelationInfo relation = context.catalog().relationByOid(context.transaction(), type.relationOid());
        if (alter.action() == TypeCommand.AttributeAction.ADD) {
            if (relation.attribute(alter.name()) != null) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" already exists",
                        alter.name(), relation.name());
            }
            context.catalog().addColumn(context.transaction(), relation, TableCommands.column(context, alter.attribute()),
                    null);
            return;
        }
        AttributeInfo attribute = relation.attribute(alter.name());
        if (attribute == null) {
            if (alter.ifExists()) {
                context.notices().notice(notice("column \"%s\" of relation \"%s\" does not exist, skipping"
                        .formatted(alter.name(), relation.name())));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                    alter.name(), relation.name());
        }
        if (alter.action() == TypeCommand.AttributeAction.RENAME) {
            context.catalog().renameColumn(context.transaction(), relation, attribute.number(), alter.newName());
        } else {
            context.catalog().dropColumn(context.transaction(), relation, attribute.number());
        }
    }

    static void alterType(CommandContext context, TypeCommand.AlterType alter) {
        TypeInfo type = userType(context, alter.type());
        if (standaloneComposite(context, type) && alter.newName() != null) {
            // the type and its relkind 'c' relation share the name
            context.catalog().renameRelation(context.transaction(),
                    context.catalog().relationByOid(context.transaction(), type.relationOid()), alter.newName());
            return;
        }
        int namespaceOid = 0;
        if (alter.newSchema() != null) {
            NamespaceInfo namespace = context.catalog().namespace(context.transaction(), alter.newSchema())
                    .orElseThrow(() -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist",
                            alter.newSchema()));
            namespaceOid = namespace.oid();
        }
        int ownerOid = alter.newOwner() == null ? 0 : Privileges.roleOid(context, alter.newOwner());
        context.catalog().alterType(context.transaction(), type, alter.newName(), namespaceOid, ownerOid);
    }

    /** DROP TYPE [IF EXISTS] names [CASCADE | RESTRICT]. */
    public static String drop(CommandContext context, Statement.Drop drop) {
        List<TypeInfo> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            TypeInfo type = findType(context, name);
            if (type == null) {
                if (!drop.ifExists()) {
                    throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", display(name));
                }
                context.notices().notice(notice("type \"%s\" does not exist, skipping".formatted(display(name))));
                continue;
            }
            if (drop.kind() == Statement.ObjectKind.DOMAIN && type.typtype() != 'd') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a domain", display(name));
            }
            refuseRequiredType(context, type);
            targets.add(type);
        }
        for (TypeInfo type : targets) {
            dropDependentColumns(context, type, drop.cascade());
            if (standaloneComposite(context, type)) {
                // a CREATE TYPE ... AS (...) type goes with its pg_class (relkind 'c') and pg_attribute rows
                context.catalog().dropRelation(context.transaction(),
                        context.catalog().relationByOid(context.transaction(), type.relationOid()));
            }
            context.catalog().dropType(context.transaction(), type);
        }
        return drop.kind() == Statement.ObjectKind.DOMAIN ? "DROP DOMAIN" : "DROP TYPE";
    }

    /** 2BP01 for a type that a table's columns use, unless CASCADE (then the columns go, with a notice). */
    private static void dropDependentColumns(CommandContext context, TypeInfo type, boolean cascade) {
        List<String> dependents = new ArrayList<>();
        List<RelationInfo> relations = new ArrayList<>();
        List<AttributeInfo> columns = new ArrayList<>();
        for (int[] column : dependentColumns(context, type)) {
            RelationInfo relation = context.catalog().relationByOid(context.transaction(), column[0]);
            if (relation.kind() == 'i') {
                continue; // an index on the column goes with the column
            }
            AttributeInfo attribute = relation.attributeByNumber(column[1]);
            relations.add(relation);
            columns.add(attribute);
            dependents.add("column %s of %s %s depends on type %s".formatted(attribute.name(),
                    relation.kind() == 'c' ? "composite type" : "table", relation.name(),
                    typeName(context, attribute.domainOid() != 0 ? attribute.domainOid() : attribute.typeOid())));
        }
        List<TypeInfo> domains = new ArrayList<>();
        for (DomainInfo domain : context.catalog().domainsOver(context.transaction(), type.oid())) {
            domains.add(context.catalog().typeByOid(context.transaction(), domain.oid()).orElseThrow());
            dependents.add("type %s depends on type %s".formatted(typeName(context, domain.oid()),
                    typeName(context, type)));
        }
        if (dependents.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop type %s because other objects depend on it", typeName(context, type))
                    .withDetail(String.join("\n", dependents))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        List<String> cascaded = dependents.stream()
                .map(line -> "drop cascades to " + line.substring(0, line.indexOf(" depends on ")))
                .toList();
        if (cascaded.size() == 1) {
            context.notices().notice(notice(cascaded.getFirst()));
        } else {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to %d other objects".formatted(cascaded.size()), String.join("\n", cascaded),
                    null, 0, null));
        }
        for (int i = 0; i < columns.size(); i++) {
            RelationInfo current = context.catalog().relationByOid(context.transaction(), relations.get(i).oid());
            context.catalog().dropColumn(context.transaction(), current, columns.get(i).number());
        }
        for (TypeInfo domain : domains) {
            dropDependentColumns(context, domain, true);
            context.catalog().dropType(context.transaction(), domain);
        }
    }

    /** The columns of the type or its array type; of a range type, of its multirange type's too (it goes along). */
    private static List<int[]> dependentColumns(CommandContext context, TypeInfo type) {
        List<int[]> columns = new ArrayList<>(context.catalog().columnsOfType(context.transaction(), type));
        if (type.typtype() == 'r') {
            int multirange = context.catalog().userRange(context.transaction(), type.oid())
                    .map(org.woolly.utils.adt.RangeTypes.RangeType::multirangeOid).orElse(0);
            context.catalog().typeByOid(context.transaction(), multirange).ifPresent(
                    multirangeType -> columns.addAll(context.catalog().columnsOfType(context.transaction(),
                            multirangeType)));
        }
        return columns;
    }

    private static void refuseRequiredType(CommandContext context, TypeInfo type) {
        String name = typeName(context, type);
        if (type.oid() < FIRST_NORMAL_OBJECT_ID) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type %s because it is required by the database system", name);
        }
        if (type.typtype() == 'c' && type.relationOid() != 0 && !standaloneComposite(context, type)) {
            RelationInfo relation = context.catalog().relationByOid(context.transaction(), type.relationOid());
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type %s because table %s requires it", name, relation.name())
                    .withHint("You can drop table %s instead.".formatted(relation.name()));
        }
        if (type.typtype() == 'm') {
            int range = context.catalog().userRange(context.transaction(), type.oid())
                    .map(org.woolly.utils.adt.RangeTypes.RangeType::rangeOid).orElse(0);
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type %s because type %s requires it", name, typeName(context, range))
                    .withHint("You can drop type %s instead.".formatted(typeName(context, range)));
        }
        if (type.category() == 'A' && type.elementOid() != 0) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type %s because type %s requires it", name, typeName(context, type.elementOid()))
                    .withHint("You can drop type %s instead.".formatted(typeName(context, type.elementOid())));
        }
    }

    /** A composite type of CREATE TYPE ... AS (its relation has relkind 'c'), not a table's row type. */
    private static boolean standaloneComposite(CommandContext context, TypeInfo type) {
        return type.typtype() == 'c' && type.relationOid() != 0
                && context.catalog().relationByOid(context.transaction(), type.relationOid()).kind() == 'c';
    }

    private static TypeInfo findType(CommandContext context, QualifiedName name) {
        int oid;
        try {
            oid = context.catalog().lookupTypeOid(context.transaction(), name.schema(), name.name());
        } catch (SqlException missing) {
            if (missing.sqlState() == SqlState.UNDEFINED_OBJECT) {
                return null;
            }
            throw missing;
        }
        return context.catalog().typeByOid(context.transaction(), oid).orElse(null);
    }

    static TypeInfo userType(CommandContext context, QualifiedName name) {
        TypeInfo type = findType(context, name);
        if (type == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", display(name));
        }
        if (type.typtype() == 'c' && type.relationOid() != 0 && !standaloneComposite(context, type)) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "%s is a table's row type", display(name))
                    .withHint("Use ALTER TABLE instead.");
        }
        if (type.oid() < FIRST_NORMAL_OBJECT_ID) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of type %s", display(name));
        }
        return type;
    }

    private static TypeInfo enumType(CommandContext context, QualifiedName name) {
        TypeInfo type = userType(context, name);
        if (type.typtype() != 'e') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "%s is not an enum", typeName(context, type));
        }
        return type;
    }

    private static String typeName(CommandContext context, TypeInfo type) {
        return typeName(context, type.oid());
    }

    static String typeName(CommandContext context, int typeOid) {
        return new CatalogNameLookup(context.catalog(), context.transaction(), context.types()::formatType)
                .formatType(typeOid, -1);
    }

    private static String display(QualifiedName name) {
        return name.schema() == null ? name.name() : name.schema() + "." + name.name();
    }

    private static SqlException notice(String message) {
        return new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, null, null, 0, null);
    }
}
