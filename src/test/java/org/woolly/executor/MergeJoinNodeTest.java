package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.FromItem;

/**
 * The merge join over inputs sorted on their first column (nulls last): duplicates on both
 * sides give every pair, a null key matches nothing, and each join type adds or drops the rows
 * without a partner as PostgreSQL's nodeMergejoin.c does. Rows are (key, label).
 */
class MergeJoinNodeTest {
    private static final List<Object[]> OUTER = List.of(row(1, "o1"), row(2, "o2a"), row(2, "o2b"), row(4, "o4"),
            row(6, "o6"), row(null, "onull"));
    private static final List<Object[]> INNER = List.of(row(0, "i0"), row(2, "i2a"), row(2, "i2b"), row(3, "i3"),
            row(6, "i6"), row(7, "i7"), row(null, "inull"));

    private static Object[] row(Integer key, String label) {
        return new Object[] {key, label};
    }

    /** An input that replays fixed rows (it can be opened again). */
    private static ExecNode rows(List<Object[]> rows) {
        return new ExecNode() {
            private int next;

            @Override
            public void open() {
                next = 0;
            }

            @Override
            public Object[] next() {
                return next < rows.size() ? rows.get(next++) : null;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<String> join(FromItem.JoinType type, ExpressionCompiler.CompiledPredicate qual) {
        boolean outerOnly = type == FromItem.JoinType.SEMI || type == FromItem.JoinType.ANTI;
        MergeJoinNode node = new MergeJoinNode(null, type, rows(OUTER), rows(INNER), qual, 2, 2,
                new CompiledExpression[] {row -> row[0]}, new CompiledExpression[] {row -> row[0]},
                List.of(Comparator.comparing(value -> (Integer) value)));
        List<String> result = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            node.open();
            List<String> passRows = new ArrayList<>();
            for (Object[] row = node.next(); row != null; row = node.next()) {
                passRows.add(outerOnly ? (String) row[1] : row[1] + "-" + row[3]);
            }
            node.close();
            if (pass == 0) {
                result = passRows;
            } else {
                assertThat(passRows).as("a rescan returns the same rows").isEqualTo(result);
            }
        }
        return result;
    }

    private static List<String> join(FromItem.JoinType type) {
        return join(type, row -> true);
    }

    @Test
    void innerJoinPairsEveryDuplicateOfBothSides() {
        assertThat(join(FromItem.JoinType.INNER)).containsExactly("o2a-i2a", "o2a-i2b", "o2b-i2a", "o2b-i2b", "o6-i6");
    }

    @Test
    void leftRightAndFullJoinsKeepTheRowsWithoutAPartner() {
        assertThat(join(FromItem.JoinType.LEFT)).containsExactly("o1-null", "o2a-i2a", "o2a-i2b", "o2b-i2a",
                "o2b-i2b", "o4-null", "o6-i6", "onull-null");
        assertThat(join(FromItem.JoinType.RIGHT)).containsExactlyInAnyOrder("null-i0", "o2a-i2a", "o2a-i2b",
                "o2b-i2a", "o2b-i2b", "null-i3", "o6-i6", "null-i7", "null-inull");
        assertThat(join(FromItem.JoinType.FULL)).containsExactlyInAnyOrder("null-i0", "o1-null", "o2a-i2a",
                "o2a-i2b", "o2b-i2a", "o2b-i2b", "null-i3", "o4-null", "o6-i6", "null-i7", "onull-null",
                "null-inull");
    }

    @Test
    void semiAndAntiJoinsEmitEachOuterRowAtMostOnce() {
        assertThat(join(FromItem.JoinType.SEMI)).containsExactly("o2a", "o2b", "o6");
        assertThat(join(FromItem.JoinType.ANTI)).containsExactly("o1", "o4", "onull");
    }

    @Test
    void theOtherQualsDecideWhichPairsOfAKeyGroupMatch() {
        ExpressionCompiler.CompiledPredicate onlyB = row -> ((String) row[3]).endsWith("b");
        assertThat(join(FromItem.JoinType.FULL, onlyB)).containsExactlyInAnyOrder("null-i0", "o1-null",
                "o2a-i2b", "o2b-i2b", "null-i2a", "null-i3", "o4-null", "o6-null", "null-i6", "null-i7",
                "onull-null", "null-inull");
        assertThat(join(FromItem.JoinType.ANTI, onlyB)).containsExactly("o1", "o4", "o6", "onull");
    }

    @Test
    void rowsKeepTheirColumnsSideBySide() {
        MergeJoinNode node = new MergeJoinNode(null, FromItem.JoinType.INNER, rows(OUTER), rows(INNER), row -> true,
                2, 2, new CompiledExpression[] {row -> row[0]}, new CompiledExpression[] {row -> row[0]},
                List.of(Comparator.comparing(value -> (Integer) value)));
        node.open();
        assertThat(Arrays.asList(node.next())).containsExactly(2, "o2a", 2, "i2a");
        node.close();
    }
}
