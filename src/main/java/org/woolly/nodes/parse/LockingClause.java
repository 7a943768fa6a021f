package org.woolly.nodes.parse;

import java.util.List;

/**
 * One {@code FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]}
 * clause ({@code LockingClause} in {@code parsenodes.h}). {@code strength} is the clause's words
 * after FOR ("NO KEY UPDATE"); {@code relations} is empty without OF; {@code waitPolicy} is
 * null (wait), "NOWAIT" or "SKIP LOCKED".
 */
public record LockingClause(String strength, List<String> relations, String waitPolicy, int location) {}
