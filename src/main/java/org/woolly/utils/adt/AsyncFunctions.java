package org.woolly.utils.adt;

import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.PgProcData.VOLATILE;

/**
 * {@code pg_notify}, {@code pg_listening_channels} and {@code pg_notification_queue_usage}
 * ({@code src/backend/commands/async.c}); the notifications themselves are the session's
 * {@link NotificationFunctions}.
 */
final class AsyncFunctions {
    private AsyncFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        // not strict: a null channel is "channel name cannot be empty", a null payload an empty one
        r.function("pg_notify", TypeOids.VOID, VOLATILE, false, (a, c) -> {
            c.notifications().notify((String) a[0], (String) a[1]);
            return VoidIO.VALUE;
        }, text, text);
        r.function("pg_listening_channels", text, STABLE, STRICT,
                (a, c) -> c.notifications().listeningChannels().stream().map(channel -> (Object) channel).iterator());
        r.function("pg_notification_queue_usage", TypeOids.FLOAT8, VOLATILE, STRICT,
                (a, c) -> c.notifications().queueUsage());
    }
}
