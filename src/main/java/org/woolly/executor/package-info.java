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
 * <p>Memory: Sort ({@link org.woolly.executor.ExternalSort}), hash aggregation and hash join
 * count their rows against {@code work_mem} (hash tables: times {@code hash_mem_multiplier})
 * and spill to the statement's temporary files beyond it, as PostgreSQL's tuplesort, hash_agg
 * spilling and hash join batches do (a hashed DISTINCT too); set operations and materialized
 * inner sides still hold their rows in the Java heap.
 */
package org.woolly.executor;
