package org.woolly.nodes.parse;

import java.util.List;

/**
 * INSERT's {@code ON CONFLICT [(target, ...) [WHERE predicate] | ON CONSTRAINT name] DO NOTHING |
 * DO UPDATE SET ... [WHERE ...]}: the conflict target ({@code targets} empty and {@code constraint}
 * null when none is written; each target a column reference or an index expression), the index
 * predicate that infers a partial index ({@code targetWhere}, null when absent), whether DO
 * UPDATE, its assignments and WHERE condition (null for DO NOTHING).
 */
public record OnConflictClause(List<Expr> targets, Expr targetWhere, String constraint, boolean doUpdate,
                               List<SetClause> assignments, Expr where, int location) {}
