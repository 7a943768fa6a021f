/**
 * LISTEN, UNLISTEN and NOTIFY: counterpart of {@code src/backend/commands/async.c}.
 * {@link org.woolly.commands.async.NotificationQueue} is the server's one bounded queue (its
 * {@code AsyncQueueControl}), {@link org.woolly.commands.async.SessionNotifications} one
 * backend's pending actions, notifications and channels, hooked into its transaction's
 * pre-commit, commit, abort and savepoints. The backend loop ({@code tcop.BackendLoop}) sends
 * what arrived as NotificationResponse messages when the backend is idle. See README.md.
 */
package org.woolly.commands.async;
