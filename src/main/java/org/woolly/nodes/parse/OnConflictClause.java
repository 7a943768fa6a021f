package org.woolly.nodes.parse;

import java.util.List;

/**
 * INSERT's {@code ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ...
 * [WHERE ...]}: the conflict target ({@code columns} empty and {@code constraint} null when none
 * is written), whether DO UPDATE, its assignments and WHERE condition (null for DO NOTHING).
 */
public record OnConflictClause(List<String> columns, String constraint, boolean doUpdate,
                               List<SetClause> assignments, Expr where, int location) {}
