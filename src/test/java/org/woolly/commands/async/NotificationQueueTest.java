package org.woolly.commands.async;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shared queue's rules (async.c): commit order, in-progress batches, the tail, the bound. */
class NotificationQueueTest {
    private static final int DATABASE = 5;

    private static Notification note(String channel, String payload) {
        return new Notification(42, channel, payload);
    }

    private static List<String> payloads(List<Notification> notifications) {
        return notifications.stream().map(Notification::payload).toList();
    }

    @Test
    void aReaderStopsAtABatchInProgressAndSkipsAnAbortedOne() {
        NotificationQueue queue = new NotificationQueue();
        NotificationQueue.Listener listener = queue.register(1, DATABASE, () -> { });
        NotificationQueue.Batch first = queue.append(DATABASE, List.of(note("c", "1"), note("c", "2"))).batch();
        NotificationQueue.Batch aborted = queue.append(DATABASE, List.of(note("c", "aborted"))).batch();
        NotificationQueue.Batch third = queue.append(DATABASE, List.of(note("c", "3"))).batch();
        queue.commit(third);
        queue.abort(aborted);
        assertThat(queue.read(listener, channel -> true)).as("the first batch is still in progress").isEmpty();
        queue.commit(first);
        assertThat(payloads(queue.read(listener, channel -> true))).containsExactly("1", "2", "3");
        assertThat(queue.read(listener, channel -> true)).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void onlyTheListenersDatabaseAndChannelsAreDelivered() {
        NotificationQueue queue = new NotificationQueue();
        NotificationQueue.Listener listener = queue.register(1, DATABASE, () -> { });
        queue.commit(queue.append(DATABASE + 1, List.of(note("c", "other database"))).batch());
        queue.commit(queue.append(DATABASE, List.of(note("d", "other channel"), note("c", "mine"))).batch());
        assertThat(payloads(queue.read(listener, "c"::equals))).containsExactly("mine");
    }

    @Test
    void aNewListenerStartsAtTheHeadAndCommitsSignalListenersBehind() {
        NotificationQueue queue = new NotificationQueue();
        queue.commit(queue.append(DATABASE, List.of(note("c", "before"))).batch());
        AtomicInteger signals = new AtomicInteger();
        NotificationQueue.Listener listener = queue.register(1, DATABASE, signals::incrementAndGet);
        assertThat(queue.read(listener, channel -> true)).isEmpty();
        queue.commit(queue.append(DATABASE, List.of(note("c", "after"))).batch());
        assertThat(signals).hasValue(1);
        assertThat(payloads(queue.read(listener, channel -> true))).containsExactly("after");
    }

    @Test
    void theSlowestListenerHoldsTheTailAndAFullQueueRefusesTheWholeBatch() {
        Notification big = note("c", "x".repeat(1000));
        int entry = NotificationQueue.entrySize(big);
        assertThat(entry).isEqualTo(16 + 2 + 1001 + 1);
        NotificationQueue queue = new NotificationQueue(entry * 10L);
        NotificationQueue.Listener slow = queue.register(1, DATABASE, () -> { });
        NotificationQueue.Listener fast = queue.register(2, DATABASE, () -> { });
        for (int i = 0; i < 4; i++) {
            NotificationQueue.Appended appended = queue.append(DATABASE, List.of(big, big));
            assertThat(appended.warning() != null).as("half full from the third, then at most every 5 s").isEqualTo(i == 2);
            queue.commit(appended.batch());
            queue.read(fast, channel -> true);
        }
        assertThat(queue.usage()).isEqualTo(0.8);
        SqlException full = catchThrowableOfType(SqlException.class,
                () -> queue.append(DATABASE, List.of(big, big, big)));
        assertThat(full.sqlState().code()).isEqualTo("54000");
        assertThat(full.getMessage()).isEqualTo("too many notifications in the NOTIFY queue");
        assertThat(queue.size()).isEqualTo(8);

        assertThat(queue.read(slow, channel -> true)).hasSize(8);
        assertThat(queue.usage()).isZero();
        queue.commit(queue.append(DATABASE, List.of(big, big, big)).batch());
        queue.unregister(fast);
        queue.unregister(slow);
        assertThat(queue.size()).as("no listener: nothing kept").isZero();
    }

    @Test
    void theFillWarningNamesTheListenerAtTheTail() {
        Notification note = note("c", "p");
        NotificationQueue queue = new NotificationQueue(NotificationQueue.entrySize(note) * 4L);
        queue.register(77, DATABASE, () -> { });
        queue.commit(queue.append(DATABASE, List.of(note)).batch());
        SqlException warning = queue.append(DATABASE, List.of(note)).warning();
        assertThat(warning.getMessage()).isEqualTo("NOTIFY queue is 50% full");
        assertThat(warning.detail()).isEqualTo("The server process with PID 77 is among those with the oldest transactions.");
        assertThat(warning.hint()).isEqualTo("The NOTIFY queue cannot be emptied until that process ends its current transaction.");
        assertThat(queue.append(DATABASE, List.of(note)).warning()).as("at most every 5 seconds").isNull();
    }

    @Test
    void manyEntriesReadInSmallStepsKeepTheirOrderAcrossCompaction() {
        NotificationQueue queue = new NotificationQueue();
        NotificationQueue.Listener listener = queue.register(1, DATABASE, () -> { });
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            queue.commit(queue.append(DATABASE, List.of(note("c", Integer.toString(i)))).batch());
            if (i % 7 == 0) {
                received.addAll(payloads(queue.read(listener, channel -> true)));
            }
        }
        received.addAll(payloads(queue.read(listener, channel -> true)));
        assertThat(received).hasSize(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(received.get(i)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void concurrentSendersReachAReaderOnceEachInEachSendersOrder() throws Exception {
        NotificationQueue queue = new NotificationQueue();
        NotificationQueue.Listener listener = queue.register(1, DATABASE, () -> { });
        int senders = 4;
        int perSender = 2000;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perSender; i++) {
                    NotificationQueue.Batch batch = queue.append(DATABASE,
                            List.of(new Notification(sender, "c", Integer.toString(i)))).batch();
                    if (i % 5 == 4) {
                        queue.abort(batch);
                    } else {
                        queue.commit(batch);
                    }
                }
            }));
        }
        List<Notification> received = new ArrayList<>();
        while (threads.stream().anyMatch(Thread::isAlive)) {
            received.addAll(queue.read(listener, channel -> true));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        received.addAll(queue.read(listener, channel -> true));
        for (int s = 0; s < senders; s++) {
            int sender = s;
            List<Integer> mine = received.stream().filter(n -> n.senderPid() == sender)
                    .map(n -> Integer.parseInt(n.payload())).toList();
            assertThat(mine).hasSize(perSender / 5 * 4).isSorted().doesNotHaveDuplicates()
                    .noneMatch(i -> i % 5 == 4);
        }
        assertThat(queue.size()).isZero();
    }
}
