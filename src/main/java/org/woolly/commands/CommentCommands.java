package org.woolly.commands;

import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogDefinitions;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code COMMENT ON} ({@code src/backend/commands/comment.c}): the comment goes into
 * pg_description under the object's OID, the catalog it is a row of and, for a column, its
 * number; {@code IS NULL} or an empty text removes it. Only the owner may comment on an object.
 */
public final class CommentCommands {
    private CommentCommands() {}

    public static String comment(CommandContext context, Statement.Comment comment) {
        List<String> names = comment.names();
        if (comment.objectType().equals("schema")) {
            if (names.size() != 1) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "schema name can not be qualified");
            }
            NamespaceInfo namespace = context.catalog().namespace(context.transaction(), names.getFirst())
                    .orElseThrow(() -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist",
                            names.getFirst()));
            Privileges.checkOwner(context, namespace.ownerOid(), "schema", namespace.name());
            context.catalog().setDescription(context.transaction(), namespace.oid(),
                    CatalogDefinitions.PG_NAMESPACE.oid(), 0, comment.text());
            return "COMMENT";
        }
        boolean column = comment.objectType().equals("column");
        List<String> relationName = column ? names.subList(0, names.size() - 1) : names;
        if (relationName.isEmpty() || relationName.size() > 2) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, column ? "column name must be qualified"
                    : "improper relation name (too many dotted names): %s", String.join(".", names));
        }
        String schema = relationName.size() == 2 ? relationName.getFirst() : null;
        // ShareUpdateExclusiveLock, as PostgreSQL's get_object_address takes for COMMENT
        RelationInfo relation = context.catalog().openRelation(context.transaction(), schema, relationName.getLast(),
                        LockMode.SHARE_UPDATE_EXCLUSIVE)
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                        String.join(".", relationName)));
        checkKind(comment.objectType(), relation);
        Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation),
                kindName(relation.kind()), relation.name());
        int subId = 0;
        if (column) {
            String columnName = names.getLast();
            subId = relation.attributes().stream().filter(attribute -> attribute.name().equals(columnName))
                    .mapToInt(AttributeInfo::number).findFirst()
                    .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_COLUMN,
                            "column \"%s\" of relation \"%s\" does not exist", columnName,
                            String.join(".", relationName)));
        }
        context.catalog().setDescription(context.transaction(), relation.oid(), CatalogDefinitions.PG_CLASS.oid(),
                subId, comment.text());
        return "COMMENT";
    }

    /** 42809 when the relation is not of the kind the statement names ({@code "t_pkey" is not a table}). */
    private static void checkKind(String objectType, RelationInfo relation) {
        char wanted = switch (objectType) {
            case "index" -> 'i';
            case "sequence" -> 'S';
            case "view" -> 'v';
            case "table" -> 'r';
            default -> 0;
        };
        if (wanted != 0 && relation.kind() != wanted) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a%s %s", relation.name(),
                    objectType.equals("index") ? "n" : "", objectType);
        }
    }

    private static String kindName(char kind) {
        return switch (kind) {
            case 'i' -> "index";
            case 'S' -> "sequence";
            case 'v' -> "view";
            default -> "table";
        };
    }
}
