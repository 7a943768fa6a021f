package org.woolly.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated index and constraint names, each checked against PostgreSQL 15. */
class ObjectNamesTest {
    private static final String TABLE = "a".repeat(60) + "x";
    private static final String COLUMN = "c".repeat(40);

    @Test
    void shortNamesJoinTableColumnsAndLabel() {
        assertEquals("t2_pkey", ObjectNames.indexName("t2", List.of("id"), true, true, name -> false));
        assertEquals("t2_x_key", ObjectNames.indexName("t2", List.of("x"), false, true, name -> false));
        assertEquals("t2_x_y_key", ObjectNames.indexName("t2", List.of("x", "y"), false, true, name -> false));
        assertEquals("t_a_b_idx", ObjectNames.indexName("t", List.of("a", "b"), false, false, name -> false));
        assertEquals("t_a_check", ObjectNames.checkName("t", "a", name -> false));
        assertEquals("t_check", ObjectNames.checkName("t", null, name -> false));
    }

    @Test
    void takenNamesGetANumberAfterTheLabel() {
        assertEquals("t_a_idx1", ObjectNames.indexName("t", List.of("a"), false, false, Set.of("t_a_idx")::contains));
        assertEquals("t_a_idx2", ObjectNames.indexName("t", List.of("a"), false, false,
                Set.of("t_a_idx", "t_a_idx1")::contains));
    }

    @Test
    void longNamesAreTrimmedTheLongerPartFirst() {
        // CREATE TABLE aaa...x (ccc... int UNIQUE, b int, UNIQUE (b), CHECK (b > 0), CHECK (b < 100))
        assertEquals("a".repeat(29) + "_" + "c".repeat(29) + "_key",
                ObjectNames.indexName(TABLE, List.of(COLUMN), false, true, name -> false));
        assertEquals("a".repeat(57) + "_b_key", ObjectNames.indexName(TABLE, List.of("b"), false, true, name -> false));
        String check = "a".repeat(55) + "_b_check";
        assertEquals(check, ObjectNames.checkName(TABLE, "b", name -> false));
        assertEquals("a".repeat(54) + "_b_check1", ObjectNames.checkName(TABLE, "b", Set.of(check)::contains));
        // CREATE INDEX ON aaa...x (ccc..., b), twice
        String first = "a".repeat(29) + "_" + "c".repeat(29) + "_idx";
        assertEquals(first, ObjectNames.indexName(TABLE, List.of(COLUMN, "b"), false, false, name -> false));
        assertEquals("a".repeat(29) + "_" + "c".repeat(28) + "_idx1",
                ObjectNames.indexName(TABLE, List.of(COLUMN, "b"), false, false, Set.of(first)::contains));
    }

    @Test
    void trimmingKeepsWholeCharacters() {
        // a table named with 31 two-byte characters: 58 bytes are left for it before "_pkey"
        assertEquals("é".repeat(29) + "_pkey", ObjectNames.indexName("é".repeat(31), List.of(), true, true, n -> false));
    }
}
