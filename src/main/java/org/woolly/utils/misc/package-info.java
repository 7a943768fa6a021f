/**
 * Small shared pieces of a backend's runtime state that every layer consults: pending
 * interrupts ({@link org.woolly.utils.misc.Interrupts}, PostgreSQL's {@code miscadmin.h}
 * {@code CHECK_FOR_INTERRUPTS}).
 */
package org.woolly.utils.misc;
