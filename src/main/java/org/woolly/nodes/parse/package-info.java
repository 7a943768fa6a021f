/**
 * The raw parse tree: what the grammar recognized, before any catalog lookup. Counterpart of
 * {@code src/include/nodes/parsenodes.h} (the raw statement and expression nodes). Every node
 * that can be the target of an error cursor carries {@code location}: the 0-based character
 * offset of its first token in the statement text, or -1 when unknown (an ErrorResponse
 * position is {@code location + 1}).
 *
 * <p>Entry points: {@link org.woolly.nodes.parse.Statement} (statements) and
 * {@link org.woolly.nodes.parse.Expr} (expressions); ALTER TABLE's actions are the sealed
 * {@link org.woolly.nodes.parse.AlterTableAction}. All nodes are immutable records.
 */
package org.woolly.nodes.parse;
