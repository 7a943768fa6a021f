package org.woolly.commands.async;

/**
 * One notification as a listener receives it: the NotificationResponse message's process id of
 * the sending backend, channel and payload (an empty string when NOTIFY gave none).
 */
public record Notification(int senderPid, String channel, String payload) {}
