package org.woolly.analyzer;

import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The rules of identity columns in INSERT and UPDATE ({@code rewriteTargetListIU} in
 * {@code rewriteHandler.c}): a GENERATED ALWAYS column takes only DEFAULT unless INSERT says
 * OVERRIDING SYSTEM VALUE; OVERRIDING USER VALUE replaces the given values of identity columns
 * by their defaults.
 */
final class IdentityColumns {
    private static final char ALWAYS = 'a';

    private IdentityColumns() {}

    static void checkInsert(Statement.Insert insert, List<AttributeInfo> targetColumns) {
        if (insert.overriding() != Statement.Overriding.NONE || insert.defaultValues()) {
            return;
        }
        for (int i = 0; i < targetColumns.size(); i++) {
            AttributeInfo column = targetColumns.get(i);
            if (column.identity() != ALWAYS) {
                continue;
            }
            List<List<Expr>> rows = insert.source() == null ? null : insert.source().values();
            boolean onlyDefaults = rows != null;
            for (List<Expr> row : rows == null ? List.<List<Expr>>of() : rows) {
                onlyDefaults &= i < row.size() && row.get(i) instanceof Expr.Default;
            }
            if (!onlyDefaults) {
                throw SqlException.of(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"%s\"",
                                column.name())
                        .withDetail("Column \"%s\" is an identity column defined as GENERATED ALWAYS.".formatted(
                                column.name()))
                        .withHint("Use OVERRIDING SYSTEM VALUE to override.");
            }
        }
    }

    /** OVERRIDING USER VALUE: identity columns given a value take their default instead. */
    static void overrideUserValues(ModifyAnalyzer analyzer, Statement.Insert insert, List<AttributeInfo> targetColumns,
                                   List<QueryExpr> row) {
        if (insert.overriding() != Statement.Overriding.USER_VALUE) {
            return;
        }
        for (AttributeInfo column : targetColumns) {
            if (column.identity() != '\0') {
                row.set(column.number() - 1, analyzer.defaultValue(column));
            }
        }
    }

    static void checkUpdate(AttributeInfo column, SetClause clause) {
        if (column.identity() == ALWAYS && !(clause.value() instanceof Expr.Default)) {
            throw SqlException.of(SqlState.GENERATED_ALWAYS, "column \"%s\" can only be updated to DEFAULT", column.name())
                    .withDetail("Column \"%s\" is an identity column defined as GENERATED ALWAYS.".formatted(
                            column.name()));
        }
    }
}
