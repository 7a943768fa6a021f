package org.woolly.utils.guc;

/**
 * When a parameter may be changed ({@code GucContext} in {@code src/include/utils/guc.h}), in
 * the spelling {@code pg_settings.context} shows.
 */
public enum GucContext {
    INTERNAL("internal"), POSTMASTER("postmaster"), SIGHUP("sighup"), SUPERUSER_BACKEND("superuser-backend"),
    BACKEND("backend"), SUPERUSER("superuser"), USER("user");

    private final String displayName;

    GucContext(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
