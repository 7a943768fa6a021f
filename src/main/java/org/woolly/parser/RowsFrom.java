package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;

/**
 * {@code ROWS FROM (f(...), g(...)) [WITH ORDINALITY]} and {@code unnest(a, b, ...)} in FROM
 * ({@code RangeFunction} with several functions, {@code nodeFunctionscan.c}): the functions run
 * side by side and the shorter ones are padded with NULLs. Woolly reads it as a LATERAL subquery
 * whose select list holds the calls, since a select list of several set-returning functions is
 * zipped in exactly that way ({@code ProjectSet}); WITH ORDINALITY numbers its rows.
 */
final class RowsFrom {
    /** The inner subquery's name, which no user query can write. */
    private static final String ZIPPED = "?rows from?";

    private RowsFrom() {}

    static FromItem zipped(List<Expr.FuncCall> calls, boolean ordinality, FromItem.Alias alias, int location) {
        List<ResTarget> targets = new ArrayList<>();
        for (Expr.FuncCall call : calls) {
            targets.add(new ResTarget(call, call.name().name(), call.location()));
        }
        SelectStmt select = select(targets, List.of(), location);
        if (ordinality) {
            FromItem inner = new FromItem.Subquery(select, new FromItem.Alias(ZIPPED, List.of()), true, location);
            Expr rowNumber = new Expr.FuncCall(new QualifiedName("pg_catalog", "row_number", location), List.of(), false,
                    false, List.of(), null, new Expr.WindowDef(null, List.of(), List.of(), location), location);
            select = select(List.of(new ResTarget(new Expr.ColumnRef(List.of(ZIPPED, "*"), location), null, location),
                    new ResTarget(rowNumber, "ordinality", location)), List.of(inner), location);
        }
        FromItem.Alias name = alias != null ? alias : new FromItem.Alias(calls.getFirst().name().name(), List.of());
        return new FromItem.Subquery(select, name, true, location);
    }

    private static SelectStmt select(List<ResTarget> targets, List<FromItem> from, int location) {
        return new SelectStmt(targets, false, null, from, null, List.of(), null, null, null, false, null, null,
                List.of(), null, null, List.of(), List.of(), location);
    }
}
