package org.woolly.nodes.query;

import org.woolly.nodes.parse.FromItem;

/** The join tree ({@code FromExpr}/{@code JoinExpr}): range entries joined by type and condition. */
public sealed interface FromNode {
    /** A leaf: the range entry at {@code index}. */
    record Leaf(int index) implements FromNode {}

    /** {@code quals} is null for CROSS (and comma) joins. */
    record Join(FromItem.JoinType type, FromNode left, FromNode right, QueryExpr quals) implements FromNode {}
}
