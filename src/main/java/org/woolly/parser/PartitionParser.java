package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.PartitionBoundSpec;
import org.woolly.nodes.parse.PartitionSpec;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The partitioning clauses of CREATE TABLE and ALTER TABLE ({@code PartitionSpec},
 * {@code PartitionBoundSpec} and {@code part_elem} in {@code gram.y}).
 */
final class PartitionParser {
    private final Grammar grammar;
    private final TokenCursor cursor;

    PartitionParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
    }

    /** {@code PARTITION BY strategy (elements)}, or null when the next tokens are not that. */
    PartitionSpec partitionBy() {
        if (!cursor.atKeyword("partition")) {
            return null;
        }
        Token start = cursor.advance();
        cursor.expectKeyword("by");
        Token strategyToken = cursor.peek();
        PartitionSpec.Strategy strategy = switch (strategyToken.kind() == Token.Kind.EOF ? "" : strategyToken.text()
                .toLowerCase(Locale.ROOT)) {
            case "range" -> PartitionSpec.Strategy.RANGE;
            case "list" -> PartitionSpec.Strategy.LIST;
            case "hash" -> PartitionSpec.Strategy.HASH;
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized partitioning strategy \"%s\"".formatted(strategyToken.text()))
                    .withPosition(strategyToken.start() + 1);
        };
        cursor.advance();
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<PartitionSpec.Element> elements = new ArrayList<>();
        do {
            Token elementStart = cursor.peek();
            Expr expression = grammar.expressions.expression();
            if (expression instanceof Expr.ColumnRef ref && ref.fields().size() == 1
                    && elementStart.kind() != Token.Kind.LEFT_PAREN) {
                elements.add(new PartitionSpec.Element(ref.fields().getFirst(), null, elementStart.start()));
            } else {
                elements.add(new PartitionSpec.Element(null, expression, elementStart.start()));
            }
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new PartitionSpec(strategy, List.copyOf(elements), start.start());
    }

    /** {@code FOR VALUES IN (...) | FROM (...) TO (...) | WITH (MODULUS m, REMAINDER r)} or {@code DEFAULT}. */
    PartitionBoundSpec bound() {
        Token start = cursor.peek();
        if (cursor.acceptKeyword("default")) {
            return new PartitionBoundSpec(PartitionBoundSpec.Kind.DEFAULT, List.of(), List.of(), List.of(), 0, 0,
                    start.start());
        }
        cursor.expectKeyword("for");
        cursor.expectKeyword("values");
        start = cursor.peek();
        if (cursor.acceptKeyword("in")) {
            return new PartitionBoundSpec(PartitionBoundSpec.Kind.LIST, values(), List.of(), List.of(), 0, 0,
                    start.start());
        }
        if (cursor.acceptKeyword("from")) {
            List<Expr> lower = values();
            cursor.expectKeyword("to");
            List<Expr> upper = values();
            return new PartitionBoundSpec(PartitionBoundSpec.Kind.RANGE, List.of(), lower, upper, 0, 0,
                    start.start());
        }
        cursor.expectKeyword("with");
        cursor.expect(Token.Kind.LEFT_PAREN);
        int modulus = -1;
        int remainder = -1;
        do {
            Token option = cursor.advance();
            int value = Integer.parseInt(cursor.expect(Token.Kind.INTEGER).text());
            if (option.isKeyword("modulus") && modulus < 0) {
                modulus = value;
            } else if (option.isKeyword("remainder") && remainder < 0) {
                remainder = value;
            } else {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        option.isKeyword("modulus") || option.isKeyword("remainder")
                                ? "%s for hash partition provided more than once".formatted(option.text()
                                .toLowerCase(Locale.ROOT))
                                : "unrecognized hash partition bound specification \"%s\"".formatted(option.text()))
                        .withPosition(option.start() + 1);
            }
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        if (modulus < 0 || remainder < 0) {
            // gram.y raises this one without a cursor position
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "%s for hash partition must be specified".formatted(modulus < 0 ? "modulus" : "remainder"));
        }
        return new PartitionBoundSpec(PartitionBoundSpec.Kind.HASH, List.of(), List.of(), List.of(), modulus,
                remainder, start.start());
    }

    private List<Expr> values() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<Expr> values = new ArrayList<>();
        do {
            values.add(grammar.expressions.expression());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return List.copyOf(values);
    }
}
