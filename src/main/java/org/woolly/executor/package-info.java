/**
 * The executor: plan trees run as pull-based nodes ({@link org.woolly.executor.ExecNode}: open,
 * next, close), expressions compiled once per plan into closures
 * ({@link org.woolly.executor.ExpressionCompiler}), table rows read and written through
 * {@code HeapAccess} and the type system's tuple codec. Counterpart of {@code src/backend/executor}
 * ({@code execMain.c}, {@code execExpr*.c}, {@code nodeSeqscan.c}, {@code nodeNestloop.c},
 * {@code nodeHashjoin.c}, {@code nodeAgg.c}, {@code nodeSort.c}, {@code nodeLimit.c},
 * {@code nodeModifyTable.c}, {@code nodeFunctionscan.c}, {@code nodeProjectSet.c}). A set-returning
 * call evaluates to an {@code Iterator} that {@code FunctionNodes} pull a value at a time.
 *
 * <p>Entry point: {@link org.woolly.executor.QueryExecution} (open a plan with an
 * {@link org.woolly.executor.ExecutorContext}, fetch rows, close).
 *
 * <p>Memory: Sort, hash join, hash aggregation and DISTINCT hold their rows in the Java heap for
 * now; they do not yet account against {@code work_mem} nor spill to temporary files as
 * PostgreSQL's tuplesort/tuplestore and hash spilling do, so a very large sort or aggregation
 * can exhaust the heap. That is the next step for these nodes.
 */
package org.woolly.executor;
