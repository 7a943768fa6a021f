package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.Map;

/** A session for function tests: fixed timestamps, settings in a map. */
public final class TestFunctionContext implements FunctionContext {
    private final FormatSettings settings;
    private final Map<String, String> configuration = new HashMap<>();

    public TestFunctionContext(FormatSettings settings) {
        this.settings = settings;
        configuration.put("search_path", "\"$user\", public");
    }

    public TestFunctionContext() {
        this(FormatSettings.DEFAULT);
    }

    @Override
    public FormatSettings formatSettings() {
        return settings;
    }

    @Override
    public String currentSetting(String name, boolean missingOk) {
        String value = configuration.get(name);
        if (value == null && !missingOk) {
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    @Override
    public String setConfig(String name, String value, boolean isLocal) {
        configuration.put(name, value);
        return value;
    }

    @Override
    public long transactionTimestamp() {
        return 1_000_000L;
    }

    @Override
    public long statementTimestamp() {
        return 2_000_000L;
    }

    @Override
    public String currentUser() {
        return "alice";
    }

    @Override
    public String sessionUser() {
        return "alice";
    }

    @Override
    public String currentDatabase() {
        return "postgres";
    }

    @Override
    public String currentSchema() {
        return "public";
    }

    @Override
    public int backendPid() {
        return 4242;
    }

    @Override
    public void checkForInterrupts() {
        // nothing to cancel in tests
    }
}
