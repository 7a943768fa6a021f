package org.woolly.nodes.parse;

import java.util.List;

/**
 * A type as written, normalized to PostgreSQL's internal name where SQL has special syntax:
 * {@code integer -> int4}, {@code smallint -> int2}, {@code bigint -> int8}, {@code real -> float4},
 * {@code double precision|float -> float8}, {@code boolean -> bool}, {@code decimal -> numeric},
 * {@code character varying|varchar -> varchar}, {@code character|char -> bpchar} (length 1 when no
 * modifier), {@code timestamp [without time zone] -> timestamp},
 * {@code timestamp with time zone -> timestamptz}, {@code time -> time}. Other names are kept
 * as written (lower-cased). {@code modifiers} are the literal integers of {@code (n[, m])};
 * {@code arrayBounds} counts trailing {@code []}.
 */
public record TypeName(String schema, String name, List<Integer> modifiers, int arrayBounds, int location) {}
