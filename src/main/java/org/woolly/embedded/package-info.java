/**
 * Woolly in-process: {@link org.woolly.embedded.WoollyServer} starts a complete server on a
 * given or temporary data directory and hands back its port and JDBC URL. The {@code woolly
 * start} command uses the same class in the foreground. A closed server (or one whose start
 * failed) gives back its memory and threads even while its handle stays reachable
 * ({@code WoollyServerLeakTest}).
 */
package org.woolly.embedded;
