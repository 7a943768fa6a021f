package org.woolly.nodes.parse;

import java.util.List;

/** A column of CREATE TABLE with its column constraints. */
public record ColumnDef(String name, TypeName type, List<ColumnConstraint> constraints, int location) {}
