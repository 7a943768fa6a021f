package org.woolly.nodes.parse;

import java.util.List;

/**
 * {@code FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r)} or
 * {@code DEFAULT} of CREATE TABLE ... PARTITION OF and ALTER TABLE ... ATTACH PARTITION
 * ({@code PartitionBoundSpec} in {@code parsenodes.h}). Range bounds may hold the bare words
 * MINVALUE and MAXVALUE, parsed as column references as PostgreSQL's grammar does.
 */
public record PartitionBoundSpec(Kind kind, List<Expr> listValues, List<Expr> lower, List<Expr> upper,
                                 int modulus, int remainder, int location) {
    public enum Kind { DEFAULT, LIST, RANGE, HASH }
}
