package org.woolly.commands;

import java.util.List;

import org.woolly.access.common.RelationOptions;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.DefElem;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The storage parameters of CREATE TABLE / CREATE INDEX {@code WITH (...)} and ALTER TABLE /
 * ALTER INDEX {@code SET (...)} / {@code RESET (...)} ({@code transformRelOptions} as
 * {@code tablecmds.c} and {@code indexcmds.c} call it): validated by {@link RelationOptions},
 * stored in pg_class.reloptions.
 */
final class StorageParameters {
    private StorageParameters() {}

    /** The stored list for a new relation of {@code kind}; throws PostgreSQL's 22023 errors for a bad option. */
    static List<String> forNew(RelationOptions.Kind kind, List<DefElem> options) {
        return RelationOptions.transform(kind, List.of(), options(options), false);
    }

    /** Stores {@code stored} on a relation or index just made, when it is not empty; returns the table. */
    static RelationInfo store(CommandContext context, RelationInfo table, int oid, List<String> stored) {
        return stored.isEmpty() ? table
                : context.catalog().setRelationOptions(context.transaction(), table, oid, stored);
    }

    /** ALTER TABLE / ALTER INDEX SET (...) or RESET (...) on a table or a B-tree index; returns it as it is now. */
    static RelationInfo alter(CommandContext context, RelationInfo relation, List<DefElem> options, boolean reset) {
        if (relation.kind() != 'r' && relation.kind() != 'i') {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "storage parameters of \"%s\" are not supported yet", relation.name());
        }
        List<String> stored = RelationOptions.transform(kind(relation.kind()), relation.options().stored(),
                options(options), reset);
        return context.catalog().setRelationOptions(context.transaction(), relation, relation.oid(), stored);
    }

    /** The options' kind for a relation of pg_class.relkind {@code relkind}. */
    static RelationOptions.Kind kind(char relkind) {
        return relkind == 'i' ? RelationOptions.Kind.BTREE : RelationOptions.Kind.HEAP;
    }

    private static List<RelationOptions.Option> options(List<DefElem> options) {
        return options == null ? List.of() : options.stream()
                .map(option -> new RelationOptions.Option(option.name(), option.value())).toList();
    }
}
