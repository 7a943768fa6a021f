package org.woolly.utils.guc;

/** The value type of a parameter, as {@code pg_settings.vartype} names it. */
public enum GucType {
    BOOL("bool"), INTEGER("integer"), REAL("real"), STRING("string"), ENUM("enum");

    private final String displayName;

    GucType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
