package org.woolly.nodes.parse;

/**
 * The statements of asynchronous notification ({@code ListenStmt}, {@code UnlistenStmt} and
 * {@code NotifyStmt} of {@code gram.y}); {@code commands.async} runs them.
 */
public sealed interface AsyncCommand {

    /** The command tag. */
    String tag();

    /** {@code LISTEN channel}. */
    record Listen(String channel) implements AsyncCommand {
        @Override
        public String tag() {
            return "LISTEN";
        }
    }

    /** {@code UNLISTEN channel}, or {@code UNLISTEN *} when {@code channel} is null. */
    record Unlisten(String channel) implements AsyncCommand {
        @Override
        public String tag() {
            return "UNLISTEN";
        }
    }

    /** {@code NOTIFY channel [, 'payload']}; {@code payload} null when not given. */
    record Notify(String channel, String payload) implements AsyncCommand {
        @Override
        public String tag() {
            return "NOTIFY";
        }
    }
}
