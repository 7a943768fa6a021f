package org.woolly.testfakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;

/** A few settings with transactional SET semantics, for tests. */
public final class FakeSettings implements SessionSettings {
    private final Map<String, String> defaults = new TreeMap<>(Map.of("statement_timeout", "0", "datestyle", "ISO, MDY",
            "search_path", "\"$user\", public", "work_mem", "4MB", "synchronous_commit", "on",
            "transaction_isolation", "read committed", "transaction_read_only", "off", "transaction_deferrable", "off"));
    private final Map<String, String> values = new HashMap<>(defaults);
    private Map<String, String> atStart;

    @Override
    public String show(String name) {
        String value = values.get(name.toLowerCase());
        if (value == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        }
        return value;
    }

    @Override
    public void set(String name, String value, boolean local) {
        show(name);
        values.put(name.toLowerCase(), value == null ? defaults.get(name.toLowerCase()) : value);
    }

    @Override
    public void reset(String name) {
        if (name.equalsIgnoreCase("all")) {
            values.putAll(defaults);
        } else {
            values.put(name.toLowerCase(), defaults.get(name.toLowerCase()));
        }
    }

    @Override
    public List<String[]> showAll() {
        List<String[]> rows = new ArrayList<>();
        new TreeMap<>(values).forEach((name, value) -> rows.add(new String[] {name, value, "test setting"}));
        return rows;
    }

    @Override
    public String getString(String name) {
        return show(name);
    }

    @Override
    public int getInt(String name) {
        return Integer.parseInt(show(name));
    }

    @Override
    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(show(name));
    }

    @Override
    public double getDouble(String name) {
        return Double.parseDouble(show(name));
    }

    @Override
    public FormatSettings formatSettings() {
        return FormatSettings.DEFAULT;
    }

    @Override
    public void atTransactionStart() {
        atStart = new HashMap<>(values);
    }

    @Override
    public void atTransactionEnd(boolean committed) {
        if (!committed && atStart != null) {
            values.clear();
            values.putAll(atStart);
        }
        atStart = null;
    }

    @Override
    public Map<String, String> takeReportChanges() {
        return Map.of();
    }
}
