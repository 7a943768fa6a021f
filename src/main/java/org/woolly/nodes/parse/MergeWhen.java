package org.woolly.nodes.parse;

import java.util.List;

/**
 * One {@code WHEN [NOT] MATCHED [AND condition] THEN action} of MERGE ({@code MergeWhenClause} in
 * {@code parsenodes.h}). {@code condition} is null when not written; {@code assignments} is the
 * SET list of an UPDATE, {@code insert} the INSERT's columns, OVERRIDING and single VALUES row (or
 * DEFAULT VALUES) as an INSERT statement into the target.
 */
public record MergeWhen(boolean matched, Expr condition, Action action, List<SetClause> assignments,
                        Statement.Insert insert, int location) {

    /** What the clause does to the row. */
    public enum Action { UPDATE, DELETE, INSERT, NOTHING }
}
