package org.woolly.analyzer;

import java.util.List;
import java.util.Optional;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.Parser;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A table read with its inheritance children ({@code expand_inherited_rtentry} in
 * {@code inherit.c}): the parent and every descendant, each read alone ({@code ONLY}), their
 * rows appended in one UNION ALL whose columns are the parent's, taken by name from each child
 * (a child's inherited columns may sit at other positions than in the parent).
 */
final class InheritanceExpansion {
    private InheritanceExpansion() {
    }

    /** The query reading {@code parent} (named {@code alias}) and its descendants, or empty when it has none. */
    static Optional<SelectStmt> expand(ParseState state, RelationInfo parent, String alias) {
        List<Integer> members = state.catalog.allInheritors(state.transaction, parent.oid());
        if (members.size() < 2) {
            return Optional.empty();
        }
        StringBuilder columns = new StringBuilder();
        for (AttributeInfo attribute : parent.attributes()) {
            columns.append(columns.isEmpty() ? "" : ", ").append(quote(attribute.name()));
        }
        if (columns.isEmpty()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "reading a table without columns with its inheritance children is not supported yet");
        }
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < members.size(); i++) {
            RelationInfo member = state.catalog.relationByOid(state.transaction, members.get(i));
            if (member.kind() == 'p') {
                // a partitioned table holds no rows of its own: only its leaf partitions are read
                continue;
            }
            // each member under the parent's name numbered from 1, as EXPLAIN shows PostgreSQL's child entries
            query.append(query.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(columns)
                    .append(" FROM ONLY ").append(quote(member.namespaceName())).append('.')
                    .append(quote(member.name())).append(" AS ").append(quote(alias + "_" + (i + 1)));
        }
        if (query.isEmpty()) {
            return Optional.empty();
        }
        if (!(Parser.parse(query.toString()).getFirst().statement() instanceof Statement.Select select)) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "could not expand the children of \"%s\"", parent.name());
        }
        return Optional.of(select.query());
    }

    /**
     * UPDATE and DELETE change the parent's own rows only so far: without ONLY on a table with
     * children they are refused (0A000) rather than silently leaving the children's rows alone.
     */
    static void refuseModifyingChildren(ParseState state, RelationInfo relation, boolean only, String command,
                                        int location) {
        if (relation.kind() == 'p' && !state.catalog.inheritanceChildren(state.transaction, relation.oid()).isEmpty()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    "%s of a partitioned table is not supported yet", command)
                    .withHint("Use %s on each partition.".formatted(command));
        }
        if (!only && relation.kind() == 'r'
                && !state.catalog.inheritanceChildren(state.transaction, relation.oid()).isEmpty()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    "%s of a table with inheritance children is not supported yet", command)
                    .withHint("Use %s ONLY on the parent and on each child.".formatted(command));
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
