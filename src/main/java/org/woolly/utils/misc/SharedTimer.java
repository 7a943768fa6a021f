package org.woolly.utils.misc;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer thread shared by every server in the JVM (statement_timeout, authentication_timeout).
 * Its one thread exists only while a timeout is pending, and a cancelled timeout leaves the
 * queue at once: an embedded server that was closed leaves neither a {@code woolly:} thread nor
 * a queued task (and what the task reaches) behind it.
 */
public final class SharedTimer {
    private static final long IDLE_SECONDS = 1;

    private SharedTimer() {}

    /** A timer whose daemon thread is named {@code threadName}. */
    public static ScheduledExecutorService create(String threadName) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(threadName).daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
