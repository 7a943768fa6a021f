package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.commands.DatabaseCommands;
import org.woolly.commands.GrantCommands;
import org.woolly.commands.RoleCommands;
import org.woolly.commands.SchemaCommands;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.Statement;

/**
 * Runs the statements on schemas, roles, privileges and databases ({@link AccessCommand}):
 * the part of {@code standard_ProcessUtility} that dispatches them, kept apart from
 * {@link UtilityDispatch} so that family grows in one place.
 */
final class AccessDispatch {

    private AccessDispatch() {}

    static UtilityDispatch.Outcome run(QuerySession session, AccessCommand command) {
        String tag = switch (command) {
            case AccessCommand.CreateSchema create -> createSchema(session, create);
            case AccessCommand.AlterSchema alter -> SchemaCommands.alter(session.commandContext(), alter);
            case AccessCommand.CreateRole create -> RoleCommands.create(session.commandContext(), create);
            case AccessCommand.AlterRole alter -> RoleCommands.alter(session.commandContext(), alter);
            case AccessCommand.AlterSetting alter -> RoleCommands.alterSetting(session.commandContext(), alter);
            case AccessCommand.RenameRole rename -> RoleCommands.rename(session.commandContext(), rename);
            case AccessCommand.GrantRole grant -> RoleCommands.grantOrRevoke(session.commandContext(), grant);
            case AccessCommand.GrantPrivileges grant -> GrantCommands.run(session.commandContext(), grant);
            case AccessCommand.CreateDatabase create -> DatabaseCommands.create(session.commandContext(), create);
            case AccessCommand.AlterDatabase alter -> DatabaseCommands.alter(session.commandContext(), alter);
            case AccessCommand.DropDatabase drop -> DatabaseCommands.drop(session.commandContext(), drop);
        };
        return UtilityDispatch.Outcome.tag(tag);
    }

    /** DROP SCHEMA and DROP ROLE. */
    static UtilityDispatch.Outcome drop(QuerySession session, Statement.Drop drop) {
        return UtilityDispatch.Outcome.tag(switch (drop.kind()) {
            case SCHEMA -> SchemaCommands.drop(session.commandContext(), drop);
            case ROLE -> RoleCommands.drop(session.commandContext(), drop);
            default -> throw new IllegalStateException("not an access-control DROP: " + drop.kind());
        });
    }

    /**
     * CREATE SCHEMA, then its elements as statements of their own with the new schema as the
     * only entry of search_path, as {@code CreateSchemaCommand} runs them.
     */
    private static String createSchema(QuerySession session, AccessCommand.CreateSchema create) {
        Optional<NamespaceInfo> created = SchemaCommands.create(session.commandContext(), create);
        if (created.isEmpty() || create.elements().isEmpty()) {
            return create.tag();
        }
        String schema = created.get().name();
        for (Statement element : create.elements()) {
            SchemaCommands.checkElement(element, schema);
        }
        // transformCreateSchemaStmt runs sequences first, then tables, then indexes
        List<Statement> ordered = new ArrayList<>(create.elements());
        ordered.sort(Comparator.comparingInt(element -> switch (element) {
            case Statement.CreateSequence ignored -> 0;
            case Statement.CreateTable ignored -> 1;
            default -> 2;
        }));
        CatalogAccess saved = session.catalog;
        session.catalog = saved.inSchemaOnly(schema);
        try {
            for (Statement element : ordered) {
                session.block.ensure().incrementCommandId();
                UtilityDispatch.run(session, session.prepareStatement(element, "", new int[0]), new Object[0]);
            }
        } finally {
            session.catalog = saved;
        }
        return create.tag();
    }
}
