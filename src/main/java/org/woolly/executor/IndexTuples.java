package org.woolly.executor;

import java.util.HashMap;
import java.util.Map;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.IndexExpressions;

/**
 * The index entries of a table's rows ({@code FormIndexDatum} and {@code ExecQual} on
 * {@code ii_Predicate} in {@code execIndexing.c}): the stored column values of a row for one
 * index, computing expression columns, and whether the row belongs in a partial index at all.
 * The expressions of each index are analyzed and compiled once, on first use.
 */
public final class IndexTuples {
    private final ExecutorContext context;
    private final RelationInfo relation;
    private final Map<Integer, Compiled> compiled = new HashMap<>();

    private record Compiled(CompiledExpression[] expressions, CompiledExpression predicate) {}

    public IndexTuples(ExecutorContext context, RelationInfo relation) {
        this.context = context;
        this.relation = relation;
    }

    /** The values {@code index} stores for {@code row} (a row of the table's live columns). */
    public Object[] values(IndexInfo index, Object[] row) {
        if (!index.hasExpressions()) {
            return index.values(relation, row);
        }
        CompiledExpression[] expressions = compiled(index).expressions();
        Object[] values = new Object[index.columns().size()];
        int expression = 0;
        for (int i = 0; i < values.length; i++) {
            short column = index.columns().get(i);
            values[i] = column == 0 ? expressions[expression++].evaluate(row) : row[relation.position(column)];
        }
        return values;
    }

    /** Whether {@code row} has an entry in {@code index}: always, unless the index is partial and its predicate is not true. */
    public boolean covers(IndexInfo index, Object[] row) {
        return !index.partial() || Boolean.TRUE.equals(compiled(index).predicate().evaluate(row));
    }

    private Compiled compiled(IndexInfo index) {
        return compiled.computeIfAbsent(index.oid(), oid -> {
            IndexExpressions analyzed = context.indexExpressions().analyze(relation, index);
            ExpressionCompiler compiler = new ExpressionCompiler(context);
            CompiledExpression[] expressions = analyzed.expressions().stream().map(compiler::compile)
                    .toArray(CompiledExpression[]::new);
            return new Compiled(expressions, analyzed.predicate() == null ? null : compiler.compile(analyzed.predicate()));
        });
    }
}
