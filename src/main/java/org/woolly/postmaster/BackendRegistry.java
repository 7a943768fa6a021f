package org.woolly.postmaster;

import org.woolly.tcop.BackendLoop;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.misc.Interrupts;

import java.io.IOException;
import java.nio.channels.Channel;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The postmaster's list of running backends ({@code BackendList} in {@code postmaster.c}):
 * connection slots for max_connections, and the (pid, secret key) pairs CancelRequest is
 * matched against. Backend pids are small integers handed out here, not OS pids.
 */
final class BackendRegistry {

    /** One backend as the postmaster sees it. */
    static final class Backend {
        final int processId;
        final int secretKey;
        final Channel channel;
        volatile SessionEngine session;
        volatile BackendLoop loop;
        /** The backend thread's CHECK_FOR_INTERRUPTS flags (as bound to that thread). */
        volatile Interrupts interrupts;
        /** Set when the postmaster ended this backend because of a crash: it must not start a session. */
        volatile boolean crashed;
        private final CountDownLatch ended = new CountDownLatch(1);

        Backend(int processId, int secretKey, Channel channel) {
            this.processId = processId;
            this.secretKey = secretKey;
            this.channel = channel;
        }

        /**
         * Raises {@code error} on the backend's interrupts (a termination: FATAL 57P01/57P02), so
         * a running statement, lock wait or loop stops at its next CHECK_FOR_INTERRUPTS.
         */
        void raiseInterrupt(SqlException error) {
            Interrupts target = interrupts;
            if (target != null) {
                target.raise(error);
            }
        }

        /** Waits until the backend's thread has unregistered; false on timeout. */
        boolean awaitEnd(long millis) throws InterruptedException {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        }

        void closeChannel() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed by the client
            }
        }
    }

    private final ConcurrentHashMap<Integer, Backend> backends = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId = new AtomicInteger((int) (ProcessHandle.current().pid() % 10000) * 100);
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    /** A pid for an auxiliary process (checkpointer, walwriter), from the backends' sequence. */
    int allocateProcessId() {
        return nextProcessId.incrementAndGet();
    }

    /** Registers a connection; every connection counts, so the check happens before authentication. */
    Backend register(Channel channel) {
        int processId = nextProcessId.incrementAndGet();
        Backend backend = new Backend(processId, random.nextInt(), channel);
        backends.put(processId, backend);
        connectionCount.incrementAndGet();
        return backend;
    }

    void unregister(Backend backend) {
        if (backends.remove(backend.processId) != null) {
            connectionCount.decrementAndGet();
        }
        backend.ended.countDown();
    }

    /** Connections including the caller's. */
    int count() {
        return connectionCount.get();
    }

    Collection<Backend> all() {
        return List.copyOf(backends.values());
    }

    /** CancelRequest: a matching key cancels the running statement; anything else is ignored silently. */
    void cancel(int processId, int secretKey) {
        Backend backend = backends.get(processId);
        if (backend != null && backend.secretKey == secretKey && backend.session != null) {
            backend.session.cancel();
        }
    }
}
