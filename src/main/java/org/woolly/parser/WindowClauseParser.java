package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.SortBy;
import org.woolly.utils.error.SqlState;

/**
 * The window grammar of {@code gram.y}: {@code OVER} ({@code over_clause}), the WINDOW clause
 * ({@code window_definition_list}) and window specifications with their frame clause
 * ({@code window_specification}, {@code opt_frame_clause}, {@code frame_extent},
 * {@code frame_bound}, {@code opt_window_exclusion_clause}), with the frame checks the grammar
 * makes (42P20 for a frame that starts after it ends).
 */
final class WindowClauseParser {

    private WindowClauseParser() {}

    /** After OVER: {@code name} or {@code ( spec )}. */
    static Expr.WindowDef overClause(Grammar grammar, SelectParser selects) {
        TokenCursor cursor = grammar.cursor;
        int location = cursor.peek().start();
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return new Expr.WindowDef(grammar.columnId(), List.of(), List.of(), null, false, location);
        }
        return specification(grammar, selects, location);
    }

    /** {@code WINDOW name AS ( spec ) [, ...]}, after WINDOW. */
    static List<Expr.NamedWindow> windowClause(Grammar grammar, SelectParser selects) {
        TokenCursor cursor = grammar.cursor;
        List<Expr.NamedWindow> windows = new ArrayList<>();
        do {
            Token nameToken = cursor.peek();
            String name = grammar.columnId();
            cursor.expectKeyword("as");
            windows.add(new Expr.NamedWindow(name, specification(grammar, selects, cursor.peek().start()),
                    nameToken.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        return List.copyOf(windows);
    }

    private static Expr.WindowDef specification(Grammar grammar, SelectParser selects, int location) {
        TokenCursor cursor = grammar.cursor;
        cursor.expect(Token.Kind.LEFT_PAREN);
        String name = null;
        Token token = cursor.peek();
        if (Keywords.isColumnId(token) && !token.isKeyword("partition") && !token.isKeyword("range")
                && !token.isKeyword("rows") && !token.isKeyword("groups")
                && !(token.isKeyword("order") && cursor.peek(1).isKeyword("by"))) {
            name = cursor.advance().text();
        }
        List<Expr> partitionBy = List.of();
        if (cursor.atKeyword("partition")) {
            cursor.advance();
            cursor.expectKeyword("by");
            partitionBy = List.copyOf(grammar.expressions.expressionList());
        }
        List<SortBy> orderBy = List.of();
        if (cursor.atKeyword("order")) {
            cursor.advance();
            cursor.expectKeyword("by");
            orderBy = selects.sortList();
        }
        Expr.Frame frame = null;
        if (cursor.atKeyword("rows") || cursor.atKeyword("range") || cursor.atKeyword("groups")) {
            frame = frame(grammar);
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return new Expr.WindowDef(name, partitionBy, orderBy, frame, true, location);
    }

    private static Expr.Frame frame(Grammar grammar) {
        TokenCursor cursor = grammar.cursor;
        Token modeToken = cursor.advance();
        Expr.FrameMode mode = switch (modeToken.text()) {
            case "rows" -> Expr.FrameMode.ROWS;
            case "range" -> Expr.FrameMode.RANGE;
            default -> Expr.FrameMode.GROUPS;
        };
        Token extent = cursor.peek();
        Expr.FrameBound start;
        Expr.FrameBound end;
        if (cursor.acceptKeyword("between")) {
            start = bound(grammar);
            cursor.expectKeyword("and");
            end = bound(grammar);
            checkBetween(start, end);
        } else {
            start = bound(grammar);
            end = new Expr.FrameBound(Expr.FrameBound.BoundKind.CURRENT_ROW, null, extent.start());
            if (start.kind() == Expr.FrameBound.BoundKind.UNBOUNDED_FOLLOWING) {
                throw windowingError("frame start cannot be UNBOUNDED FOLLOWING", start);
            }
            if (start.kind() == Expr.FrameBound.BoundKind.OFFSET_FOLLOWING) {
                throw windowingError("frame starting from following row cannot end with current row", start);
            }
        }
        Expr.FrameExclusion exclusion = Expr.FrameExclusion.NO_OTHERS;
        if (cursor.acceptKeyword("exclude")) {
            if (cursor.acceptKeyword("current")) {
                cursor.expectKeyword("row");
                exclusion = Expr.FrameExclusion.CURRENT_ROW;
            } else if (cursor.acceptKeyword("group")) {
                exclusion = Expr.FrameExclusion.GROUP;
            } else if (cursor.acceptKeyword("ties")) {
                exclusion = Expr.FrameExclusion.TIES;
            } else {
                cursor.expectKeyword("no");
                cursor.expectKeyword("others");
            }
        }
        return new Expr.Frame(mode, start, end, exclusion, modeToken.start());
    }

    /** The checks {@code frame_extent: BETWEEN frame_bound AND frame_bound} makes, at the offending bound. */
    private static void checkBetween(Expr.FrameBound start, Expr.FrameBound end) {
        Expr.FrameBound.BoundKind from = start.kind();
        Expr.FrameBound.BoundKind to = end.kind();
        if (from == Expr.FrameBound.BoundKind.UNBOUNDED_FOLLOWING) {
            throw windowingError("frame start cannot be UNBOUNDED FOLLOWING", start);
        }
        if (to == Expr.FrameBound.BoundKind.UNBOUNDED_PRECEDING) {
            throw windowingError("frame end cannot be UNBOUNDED PRECEDING", end);
        }
        if (from == Expr.FrameBound.BoundKind.CURRENT_ROW && to == Expr.FrameBound.BoundKind.OFFSET_PRECEDING) {
            throw windowingError("frame starting from current row cannot have preceding rows", end);
        }
        if (from == Expr.FrameBound.BoundKind.OFFSET_FOLLOWING && (to == Expr.FrameBound.BoundKind.OFFSET_PRECEDING
                || to == Expr.FrameBound.BoundKind.CURRENT_ROW)) {
            throw windowingError("frame starting from following row cannot have preceding rows", end);
        }
    }

    private static Expr.FrameBound bound(Grammar grammar) {
        TokenCursor cursor = grammar.cursor;
        Token token = cursor.peek();
        if (token.isKeyword("unbounded")) {
            cursor.advance();
            if (cursor.acceptKeyword("preceding")) {
                return new Expr.FrameBound(Expr.FrameBound.BoundKind.UNBOUNDED_PRECEDING, null, token.start());
            }
            cursor.expectKeyword("following");
            return new Expr.FrameBound(Expr.FrameBound.BoundKind.UNBOUNDED_FOLLOWING, null, token.start());
        }
        if (token.isKeyword("current") && cursor.peek(1).isKeyword("row")) {
            cursor.advance();
            cursor.advance();
            return new Expr.FrameBound(Expr.FrameBound.BoundKind.CURRENT_ROW, null, token.start());
        }
        Expr offset = grammar.expressions.expression();
        if (cursor.acceptKeyword("preceding")) {
            return new Expr.FrameBound(Expr.FrameBound.BoundKind.OFFSET_PRECEDING, offset, token.start());
        }
        cursor.expectKeyword("following");
        return new Expr.FrameBound(Expr.FrameBound.BoundKind.OFFSET_FOLLOWING, offset, token.start());
    }

    private static org.woolly.utils.error.SqlException windowingError(String message, Expr.FrameBound at) {
        return new org.woolly.utils.error.SqlException(SqlState.WINDOWING_ERROR, message).withPosition(at.location() + 1);
    }
}
