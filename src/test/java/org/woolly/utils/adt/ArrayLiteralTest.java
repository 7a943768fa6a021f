package org.woolly.utils.adt;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Array text as PostgreSQL's array_out writes it, and read back. */
class ArrayLiteralTest {
    @Test
    void quotesWhatArrayOutQuotes() {
        List<String> elements = Arrays.asList("v1", "a b", "", "null", "x,y", "q\"t", "back\\slash", null, "{}");
        String text = ArrayLiteral.format(elements);
        assertThat(text).isEqualTo("{v1,\"a b\",\"\",\"null\",\"x,y\",\"q\\\"t\",\"back\\\\slash\",NULL,\"{}\"}");
        assertThat(ArrayLiteral.parse(text)).isEqualTo(elements);
    }

    @Test
    void readsEmptyAndNumericArrays() {
        assertThat(ArrayLiteral.parse("{}")).isEmpty();
        assertThat(ArrayLiteral.parse("{0.0952381,0.025714286}")).containsExactly("0.0952381", "0.025714286");
    }
}
