package org.woolly.nodes.parse;

import java.util.List;

/**
 * {@code name [(columns)] AS [[NOT] MATERIALIZED] (query)} in a WITH clause; {@code materialized}
 * is null when neither is written; {@code recursive} when the clause is WITH RECURSIVE.
 */
public record CommonTableExpr(String name, List<String> columns, Statement query, Boolean materialized,
                              boolean recursive, int location) {}
