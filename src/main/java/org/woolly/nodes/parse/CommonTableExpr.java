package org.woolly.nodes.parse;

import java.util.List;

/** {@code name [(columns)] AS (query)} in a WITH clause. */
public record CommonTableExpr(String name, List<String> columns, Statement query, int location) {}
