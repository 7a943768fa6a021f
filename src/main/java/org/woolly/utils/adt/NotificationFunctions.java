package org.woolly.utils.adt;

import java.util.List;

/**
 * What the asynchronous notification functions ask of the session ({@code pg_notify},
 * {@code pg_listening_channels} and {@code pg_notification_queue_usage} of
 * {@code src/backend/commands/async.c}). The session implements it over the server's
 * notification queue; the functions never reach it another way.
 */
public interface NotificationFunctions {

    /**
     * Queues a notification for the end of the current transaction ({@code Async_Notify}); a
     * null or empty channel, a channel of 64 bytes or more and a payload of 8000 bytes or more
     * are 22023 errors.
     */
    void notify(String channel, String payload);

    /** The channels the session listens on, as of its last commit, in the order it began to listen. */
    List<String> listeningChannels();

    /** The fraction of the server's notification queue taken by notifications not yet read by every listener. */
    double queueUsage();
}
