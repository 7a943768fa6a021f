package org.woolly.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.woolly.utils.error.ServerLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server log of an embedded server, captured for one test class: register with
 * {@code @RegisterExtension static final CapturedServerLog log = new CapturedServerLog();}.
 */
final class CapturedServerLog implements BeforeAllCallback, AfterAllCallback {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ServerLog.redirect(System.err);
    }

    /** Everything logged so far. */
    String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Waits up to 30 s for {@code expected} to appear in the log; fails the test otherwise. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!text().contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(text()).contains(expected);
    }
}
