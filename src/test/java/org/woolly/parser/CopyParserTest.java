package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Statement;

class CopyParserTest {
    private static Statement.Copy copy(String sql) {
        return (Statement.Copy) Parser.parse(sql).getFirst().statement();
    }

    private static List<String> options(Statement.Copy copy) {
        return copy.options().stream()
                .map(o -> o.name() + "=" + (o.columns() != null ? o.columns().toString() : o.value())).toList();
    }

    @Test
    void newStyleOptions() {
        Statement.Copy copy = copy("copy s.t (a, b) from stdin with (format csv, header match, delimiter ';', "
                + "force_not_null (a), force_null (b), freeze on)");
        assertThat(copy.table().schema()).isEqualTo("s");
        assertThat(copy.columns()).containsExactly("a", "b");
        assertThat(copy.isFrom()).isTrue();
        assertThat(copy.file()).isNull();
        assertThat(options(copy)).containsExactly("format=csv", "header=match", "delimiter=;",
                "force_not_null=[a]", "force_null=[b]", "freeze=on");
    }

    @Test
    void oldStyleOptionsAndQueries() {
        Statement.Copy copy = copy("COPY t TO STDOUT WITH CSV HEADER DELIMITER AS '|' NULL 'x' FORCE QUOTE *");
        assertThat(copy.isFrom()).isFalse();
        assertThat(options(copy)).containsExactly("format=csv", "header=null", "delimiter=|", "null=x",
                "force_quote=*");
        Statement.Copy query = copy("copy (select 1) to stdout");
        assertThat(query.table()).isNull();
        assertThat(query.query()).isNotNull();
        Statement.Copy file = copy("copy binary t from program 'cat x'");
        assertThat(file.program()).isTrue();
        assertThat(file.file()).isEqualTo("cat x");
        assertThat(options(file)).containsExactly("format=binary");
    }
}
