package org.woolly.commands.async;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One backend's LISTEN/NOTIFY state through its transactions' ends and savepoints (async.c). */
class SessionNotificationsTest {
    private final NotificationQueue queue = new NotificationQueue();
    private final List<SqlException> notices = new ArrayList<>();

    private SessionNotifications session(int pid) {
        return new SessionNotifications(queue, pid, 1, notices::add);
    }

    private static void commit(SessionNotifications session) {
        session.preCommit();
        session.atCommit();
    }

    private static List<String> received(SessionNotifications session) {
        return session.takeDeliverable().stream()
                .map(n -> n.senderPid() + ":" + n.channel() + ":" + n.payload()).toList();
    }

    @Test
    void duplicatesAreFoldedAndSavepointsRolledBackDropTheirNotifications() {
        SessionNotifications listener = session(1);
        listener.listen("c");
        commit(listener);
        SessionNotifications sender = session(2);
        sender.notify("c", "a");
        sender.atSubtransactionStart();
        sender.notify("c", "b");
        sender.notify("c", "a");
        sender.atSubtransactionEnd(false);
        sender.atSubtransactionStart();
        sender.notify("c", "b");
        sender.atSubtransactionEnd(true);
        sender.notify("c", null);
        sender.notify("c", "a");
        commit(sender);
        assertThat(received(listener)).containsExactly("2:c:a", "2:c:b", "2:c:");
    }

    @Test
    void listenAndUnlistenTakeEffectAtCommitAndNotAtAll() {
        SessionNotifications session = session(1);
        session.listen("c");
        assertThat(session.listeningChannels()).isEmpty();
        session.preCommit();
        session.atAbort();
        assertThat(session.listeningChannels()).isEmpty();
        session.listen("c");
        session.listen("d");
        session.listen("c");
        commit(session);
        assertThat(session.listeningChannels()).containsExactly("c", "d");
        session.unlisten("c");
        session.atAbort();
        assertThat(session.listeningChannels()).containsExactly("c", "d");
        session.unlisten(null);
        session.listen("e");
        commit(session);
        assertThat(session.listeningChannels()).containsExactly("e");
        session.notify("e", "self");
        commit(session);
        assertThat(received(session)).containsExactly("1:e:self");
        session.close();
        assertThat(session.listeningChannels()).isEmpty();
    }

    @Test
    void aFailedCommitLeavesNothingToReadAndUnlistenBeforeAnyListenIsNothing() {
        SessionNotifications listener = session(1);
        listener.listen("c");
        commit(listener);
        SessionNotifications sender = session(2);
        assertThat(sender.hasPendingActions()).isFalse();
        sender.unlisten("c");
        assertThat(sender.hasPendingActions()).as("a backend that never listened").isFalse();
        sender.notify("c", "lost");
        assertThat(sender.hasPendingActions()).isTrue();
        sender.preCommit();
        sender.atAbort();
        sender.notify("c", "kept");
        commit(sender);
        assertThat(received(listener)).containsExactly("2:c:kept");
    }

    @Test
    void badChannelsAndPayloadsAreRefused() {
        SessionNotifications session = session(1);
        assertThat(catchThrowableOfType(SqlException.class, () -> session.notify("", "x")).getMessage())
                .isEqualTo("channel name cannot be empty");
        assertThat(catchThrowableOfType(SqlException.class, () -> session.notify("é".repeat(32), "x")).getMessage())
                .as("64 bytes").isEqualTo("channel name too long");
        SqlException payload = catchThrowableOfType(SqlException.class, () -> session.notify("c", "é".repeat(4000)));
        assertThat(payload.getMessage()).isEqualTo("payload string too long");
        assertThat(payload.sqlState().code()).isEqualTo("22023");
        session.notify("c".repeat(63), "p".repeat(7999));
    }
}
