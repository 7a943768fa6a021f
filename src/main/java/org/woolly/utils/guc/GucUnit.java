package org.woolly.utils.guc;

/**
 * The base unit of an integer or real parameter ({@code GUC_UNIT_*} in {@code guc.h}): values
 * are stored in it, typed reads return it, and SHOW prints the largest unit that divides the
 * value exactly.
 */
public enum GucUnit {
    NONE(0, ""), KILOBYTES(1, "kB"), BLOCKS(8, "8kB"), MEGABYTES(1024, "MB"),
    MILLISECONDS(1, "ms"), SECONDS(1000, "s"), MINUTES(60_000, "min");

    /** Size of one base unit in kB (memory) or in ms (time). */
    private final long scale;
    private final String displayName;

    GucUnit(long scale, String displayName) {
        this.scale = scale;
        this.displayName = displayName;
    }

    public long scale() {
        return scale;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isMemory() {
        return this == KILOBYTES || this == BLOCKS || this == MEGABYTES;
    }

    public boolean isTime() {
        return this == MILLISECONDS || this == SECONDS || this == MINUTES;
    }
}
