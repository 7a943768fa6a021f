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
            // and, last, the member's tableoid: the parent's hidden tableoid column (FromAnalyzer)
            query.append(query.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(columns)
                    .append(", tableoid FROM ONLY ").append(quote(member.namespaceName())).append('.')
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
     * The tables UPDATE or DELETE of {@code relation} changes when it has inheritance children
     * and ONLY is not given (a partitioned table's are always its partitions): the table itself
     * unless partitioned, then every descendant that holds rows, in the order PostgreSQL
     * expands them (partitions in bound order, depth first; inheritance children as
     * {@code find_all_inheritors} lists them). Null when the table is changed alone.
     */
    static List<RelationInfo> modifiedMembers(ParseState state, RelationInfo relation, boolean only) {
        if (relation.kind() != 'p' && (only
                || state.catalog.inheritanceChildren(state.transaction, relation.oid()).isEmpty())) {
            return null;
        }
        List<RelationInfo> members = new java.util.ArrayList<>();
        if (relation.kind() == 'p') {
            addPartitions(state, relation, members);
        } else {
            for (int oid : state.catalog.allInheritors(state.transaction, relation.oid())) {
                RelationInfo member = state.catalog.relationByOid(state.transaction, oid);
                if (member.kind() != 'p') {
                    // a partitioned descendant's partitions are among the inheritors too
                    members.add(member);
                }
            }
        }
        return members;
    }

    private static void addPartitions(ParseState state, RelationInfo parent, List<RelationInfo> members) {
        Optional<PartitionScheme> scheme = PartitionScheme.of(state.catalog, state.transaction, state.types, parent);
        if (scheme.isEmpty()) {
            return;
        }
        for (PartitionScheme.Member member : scheme.get().ordered()) {
            if (member.relation().kind() == 'p') {
                addPartitions(state, member.relation(), members);
            } else {
                members.add(member.relation());
            }
        }
    }

    /** The name of the expansion's last column, the member table a row comes from (hidden from * and whole rows). */
    static final String TABLE_OID = "tableoid";

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
