package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.woolly.catalog.DatabaseCatalog;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.RelationDependency;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE, ALTER and DROP SCHEMA and ALTER TABLE ... SET SCHEMA: counterpart of
 * {@code schemacmds.c}, of {@code RemoveObjects}/{@code findDependentObjects} for schemas
 * ({@code dropcmds.c}, {@code dependency.c}) and of {@code AlterTableNamespace} in
 * {@code tablecmds.c}. Privileges follow PostgreSQL: creating needs CREATE on the database,
 * dropping, renaming and changing the owner need ownership (superusers pass every check).
 */
public final class SchemaCommands {

    private SchemaCommands() {}

    /**
     * Creates the schema; returns it, or empty after IF NOT EXISTS's notice when it exists. The
     * caller runs the embedded elements with the new schema as the creation target.
     */
    public static Optional<NamespaceInfo> create(CommandContext context, AccessCommand.CreateSchema create) {
        int owner = create.authorization() == null ? context.user().oid()
                : Privileges.roleOid(context, create.authorization());
        String name = create.name() != null ? create.name()
                : context.catalog().roleName(owner).orElseThrow();
        Privileges.checkDatabaseCreate(context);
        if (owner != context.user().oid()) {
            Privileges.checkMembership(context, owner);
        }
        if (name.startsWith("pg_")) {
            throw SqlException.of(SqlState.RESERVED_NAME, "unacceptable schema name \"%s\"", name)
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
        if (create.ifNotExists() && context.catalog().namespace(context.transaction(), name).isPresent()) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_SCHEMA,
                    "schema \"%s\" already exists, skipping".formatted(name), null, null, 0, null));
            return Optional.empty();
        }
        return Optional.of(context.catalog().createNamespace(context.transaction(), name, owner));
    }

    /**
     * The check {@code transformCreateSchemaStmt} makes on an embedded element: an object
     * qualified with another schema than the one being created is refused (42P15).
     */
    public static void checkElement(Statement element, String schema) {
        QualifiedName name = switch (element) {
            case Statement.CreateTable table -> table.name();
            case Statement.CreateSequence sequence -> sequence.name();
            case Statement.CreateIndex index -> index.table();
            default -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "this CREATE SCHEMA element is not supported yet");
        };
        if (name.schema() != null && !name.schema().equals(schema)) {
            throw SqlException.of(SqlState.INVALID_SCHEMA_DEFINITION,
                    "CREATE specifies a schema (%s) different from the one being created (%s)", name.schema(), schema);
        }
    }

    public static String alter(CommandContext context, AccessCommand.AlterSchema alter) {
        NamespaceInfo namespace = existing(context, alter.name());
        if (alter.newName() != null) {
            if (context.catalog().namespace(context.transaction(), alter.newName()).isPresent()) {
                throw SqlException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", alter.newName());
            }
            Privileges.checkOwner(context, namespace.ownerOid(), "schema", namespace.name());
            Privileges.checkDatabaseCreate(context);
            if (alter.newName().startsWith("pg_")) {
                throw SqlException.of(SqlState.RESERVED_NAME, "unacceptable schema name \"%s\"", alter.newName())
                        .withDetail("The prefix \"pg_\" is reserved for system schemas.");
            }
            context.catalog().renameNamespace(context.transaction(), namespace, alter.newName());
            return alter.tag();
        }
        int owner = Privileges.roleOid(context, alter.newOwner());
        if (owner != namespace.ownerOid()) {
            Privileges.checkOwner(context, namespace.ownerOid(), "schema", namespace.name());
            Privileges.checkMembership(context, owner);
            Privileges.checkDatabaseCreate(context);
            context.catalog().setNamespaceOwner(context.transaction(), namespace, owner);
        }
        return alter.tag();
    }

    /** {@code DROP SCHEMA}: 2BP01 listing what is in it unless CASCADE, which drops it with a notice. */
    public static String drop(CommandContext context, Statement.Drop drop) {
        List<NamespaceInfo> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            Optional<NamespaceInfo> namespace = context.catalog().namespace(context.transaction(), name.name());
            if (namespace.isEmpty()) {
                if (!drop.ifExists()) {
                    throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name.name());
                }
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"%s\" does not exist, skipping".formatted(name.name()), null, null, 0, null));
                continue;
            }
            Privileges.checkOwner(context, namespace.get().ownerOid(), "schema", name.name());
            if (namespace.get().isSystem()) {
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop schema %s because it is required by the database system", name.name());
            }
            targets.add(namespace.get());
        }
        List<RelationInfo> dependents = new ArrayList<>();
        // PostgreSQL reports the dependents of the last schema named first
        for (NamespaceInfo namespace : targets.reversed()) {
            dependents.addAll(context.catalog().namespaceDependents(context.transaction(), namespace));
        }
        if (!dependents.isEmpty()) {
            List<String> descriptions = new ArrayList<>();
            for (RelationInfo relation : dependents) {
                descriptions.add(describe(context, relation));
            }
            if (!drop.cascade()) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < dependents.size(); i++) {
                    lines.add(descriptions.get(i) + " depends on schema " + dependents.get(i).namespaceName());
                }
                String what = targets.size() == 1 ? "schema " + targets.getFirst().name() : "desired object";
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop %s because other objects depend on it", what)
                        .withDetail(String.join("\n", lines))
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            cascadeNotice(context, descriptions);
            for (RelationInfo relation : dependents) {
                dropRelation(context, relation);
            }
        }
        for (NamespaceInfo namespace : targets) {
            context.catalog().dropNamespace(context.transaction(), namespace);
        }
        return "DROP SCHEMA";
    }

    /** {@code ALTER TABLE ... SET SCHEMA}: {@code AlterTableNamespaceInternal}. */
    public static RelationInfo setSchema(CommandContext context, RelationInfo relation,
                                         AlterTableAction.SetSchema setSchema) {
        NamespaceInfo target = existing(context, setSchema.schema());
        if (target.isSystem() || target.name().equals("information_schema")) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot move objects into or out of TOAST schema");
        }
        if (target.oid() == relation.namespaceOid()) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "table \"%s\" is already in schema \"%s\"",
                    relation.name(), target.name());
        }
        Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation),
                kindWord(relation.kind()), relation.name());
        Privileges.checkSchemaCreate(context, target);
        return context.catalog().setRelationNamespace(context.transaction(), relation, target);
    }

    private static void cascadeNotice(CommandContext context, List<String> descriptions) {
        String message;
        String detail = null;
        if (descriptions.size() == 1) {
            message = "drop cascades to " + descriptions.getFirst();
        } else {
            message = "drop cascades to %d other objects".formatted(descriptions.size());
            List<String> lines = new ArrayList<>();
            for (String description : descriptions) {
                lines.add("drop cascades to " + description);
            }
            detail = String.join("\n", lines);
        }
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, detail,
                null, 0, null));
    }

    /** Drops one relation of a dropped schema; a sequence takes the column defaults that call it along. */
    private static void dropRelation(CommandContext context, RelationInfo relation) {
        if (relation.kind() == 'S') {
            for (RelationDependency dependency : context.catalog().dependencies(context.transaction(),
                    relation.oid(), true)) {
                if (dependency.type() == 'n') {
                    context.catalog().dropColumnDefault(context.transaction(), dependency.objectOid(),
                            dependency.objectColumn());
                }
            }
        }
        context.catalog().dropRelation(context.transaction(), relation);
    }

    /** {@code getObjectDescription} of a relation: its kind and name, qualified unless visible in search_path. */
    static String describe(CommandContext context, RelationInfo relation) {
        Optional<RelationInfo> visible = context.catalog().lookupRelation(context.transaction(), null, relation.name());
        String name = visible.isPresent() && visible.get().oid() == relation.oid() ? relation.name()
                : relation.namespaceName() + "." + relation.name();
        return kindWord(relation.kind()) + " " + name;
    }

    static String kindWord(char kind) {
        return DatabaseCatalog.relationKindWord(kind);
    }

    private static NamespaceInfo existing(CommandContext context, String name) {
        return context.catalog().namespace(context.transaction(), name).orElseThrow(
                () -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name));
    }
}
