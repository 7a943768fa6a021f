package org.woolly.postmaster;

import java.util.Locale;

/**
 * PostgreSQL's shutdown modes ({@code pg_ctl stop -m}): SMART waits for sessions to end, FAST
 * terminates them and checkpoints, IMMEDIATE stops at once without a checkpoint (the next start
 * runs crash recovery).
 */
public enum ShutdownMode {
    SMART, FAST, IMMEDIATE;

    /** The mode named as pg_ctl spells it ("smart", "fast", "immediate", or s/f/i). */
    public static ShutdownMode parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (ShutdownMode mode : values()) {
            String name = mode.name().toLowerCase(Locale.ROOT);
            if (!value.isEmpty() && name.startsWith(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unrecognized shutdown mode \"" + text + "\"");
    }
}
