/**
 * Small shared pieces of a backend's runtime state that every layer consults: pending
 * interrupts ({@link org.woolly.utils.misc.Interrupts}, PostgreSQL's {@code miscadmin.h}
 * {@code CHECK_FOR_INTERRUPTS}) and the JVM-wide timer thread of statement and
 * authentication timeouts ({@link org.woolly.utils.misc.SharedTimer}), which ends when idle.
 */
package org.woolly.utils.misc;
