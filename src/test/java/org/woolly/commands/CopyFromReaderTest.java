package org.woolly.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;

class CopyFromReaderTest {
    private static CopyOptions options(boolean isFrom, String... nameValues) {
        List<Statement.CopyOption> list = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(new Statement.CopyOption(nameValues[i], nameValues[i + 1], null, 0));
        }
        return CopyOptions.of(list, isFrom);
    }

    /** Feeds the input in chunks of {@code chunk} bytes and returns every row's fields. */
    private static List<List<String>> read(CopyOptions options, String input, int chunk) {
        CopyFromReader reader = new CopyFromReader(options, new boolean[8], new boolean[8]);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        int at = 0;
        boolean atEnd = false;
        while (true) {
            String line = reader.nextLine(atEnd);
            if (line != null) {
                rows.add(reader.fields(line));
                continue;
            }
            if (atEnd) {
                return rows;
            }
            if (at >= bytes.length) {
                atEnd = true;
            } else {
                reader.feed(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk)));
                at += chunk;
            }
        }
    }

    @Test
    void textEscapesAndNulls() {
        String input = "a\\tb\t\\N\t\\\\N\n\\101\\x41\\q\t\\n\t\r\n";
        for (int chunk : new int[] {1, 3, 1000}) {
            List<List<String>> rows = read(options(true), input, chunk);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsExactly("a\tb", null, "\\N");
            assertThat(rows.get(1)).containsExactly("AAq", "\n", "");
        }
    }

    @Test
    void endMarkerStopsAndLastLineNeedsNoNewline() {
        assertThat(read(options(true), "1\n\\.\n2\n", 4)).containsExactly(List.of("1"));
        assertThat(read(options(true), "1\n2", 4)).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void csvQuotesNewlinesAndNulls() {
        String input = "1,\"a,b\",\"x\"\"y\",,\"\"\n2,\"multi\nline\",z,\"\",\n";
        for (int chunk : new int[] {1, 5, 1000}) {
            List<List<String>> rows = read(options(true, "format", "csv"), input, chunk);
            assertThat(rows.get(0)).containsExactly("1", "a,b", "x\"y", null, "");
            assertThat(rows.get(1)).containsExactly("2", "multi\nline", "z", "", null);
        }
        assertThatThrownBy(() -> read(options(true, "format", "csv"), "1,\"open\n", 100))
                .isInstanceOf(SqlException.class).hasMessage("unterminated CSV quoted field");
    }

    @Test
    void csvQuotesInsideAFieldAndAnEscapeOtherThanTheQuote() {
        // PostgreSQL: a quote anywhere in a field opens a quoted run; only an unquoted empty field is NULL
        assertThat(read(options(true, "format", "csv"), "a\"b,c\"d,e,\"\",\n", 1000))
                .containsExactly(Arrays.asList("ab,cd", "e", "", null));
        // the escape applies inside quotes only; a doubled quote still closes and reopens the run
        assertThat(read(options(true, "format", "csv", "escape", "\\"), "\"x\\\"y\",\\z,\"a\"\"b\",q\n", 1000))
                .containsExactly(List.of("x\"y", "\\z", "ab", "q"));
        // NULL as written is NULL unquoted, a value quoted
        assertThat(read(options(true, "format", "csv", "null", "NULL"), "NULL,\"NULL\",NULLx\n", 1000))
                .containsExactly(Arrays.asList(null, "NULL", "NULLx"));
    }

    @Test
    void optionChecks() {
        assertThatThrownBy(() -> options(true, "format", "xml")).hasMessage("COPY format \"xml\" not recognized");
        assertThatThrownBy(() -> options(true, "quote", "'")).hasMessage("COPY quote available only in CSV mode");
        assertThatThrownBy(() -> options(true, "delimiter", "ab"))
                .hasMessage("COPY delimiter must be a single one-byte character");
        assertThatThrownBy(() -> options(false, "format", "csv", "header", "match"))
                .hasMessage("cannot use \"match\" with HEADER in COPY TO");
        assertThat(options(true, "format", "csv").delimiter).isEqualTo(',');
        assertThat(options(true).nullString).isEqualTo("\\N");
    }

    @Test
    void writerEscapesTextAndQuotesCsv() {
        CopyToWriter text = new CopyToWriter(options(false));
        assertThat(text.row(new String[] {"a\tb\\", null, "x\ny"}, new boolean[3])).isEqualTo("a\\tb\\\\\t\\N\tx\\ny\n");
        CopyToWriter csv = new CopyToWriter(options(false, "format", "csv"));
        assertThat(csv.row(new String[] {"a,b", null, "", "q\"", "plain"}, new boolean[5]))
                .isEqualTo("\"a,b\",,\"\",\"q\"\"\",plain\n");
    }
}
