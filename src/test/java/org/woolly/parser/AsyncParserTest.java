package org.woolly.parser;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.AsyncCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.ParserErrorTest.assertError;
import static org.woolly.parser.StatementParserTest.one;

/** LISTEN, UNLISTEN and NOTIFY as gram.y's ListenStmt, UnlistenStmt and NotifyStmt read them. */
class AsyncParserTest {

    private static AsyncCommand command(String sql) {
        return ((Statement.Async) one(sql)).command();
    }

    @Test
    void channelsAreIdentifiersAndThePayloadAString() {
        assertThat(command("LISTEN Orders")).isEqualTo(new AsyncCommand.Listen("orders"));
        assertThat(command("listen \"Mixed Case\"")).isEqualTo(new AsyncCommand.Listen("Mixed Case"));
        assertThat(command("UNLISTEN orders")).isEqualTo(new AsyncCommand.Unlisten("orders"));
        assertThat(command("UNLISTEN *")).isEqualTo(new AsyncCommand.Unlisten(null));
        assertThat(command("NOTIFY orders")).isEqualTo(new AsyncCommand.Notify("orders", null));
        assertThat(command("NOTIFY orders, E'a\\tb'")).isEqualTo(new AsyncCommand.Notify("orders", "a\tb"));
        assertThat(command("notify orders, ''")).isEqualTo(new AsyncCommand.Notify("orders", ""));
    }

    @Test
    void malformedStatementsAreSyntaxErrorsWherePostgresPointsAtThem() {
        assertError("NOTIFY c, 42", SqlState.SYNTAX_ERROR, "syntax error at or near \"42\"", 11);
        assertError("UNLISTEN", SqlState.SYNTAX_ERROR, "syntax error at end of input", 9);
        assertError("LISTEN c, 'x'", SqlState.SYNTAX_ERROR, "syntax error at or near \",\"", 9);
        assertError("NOTIFY", SqlState.SYNTAX_ERROR, "syntax error at end of input", 7);
    }
}
