package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code search_path} setting parsed into schema names, as {@code namespace.c}'s
 * {@code recomputeNamespacePath} reads it: a comma-separated list of identifiers, unquoted ones
 * folded to lower case, double-quoted ones kept as written ({@code ""} for a quote);
 * {@code $user} stands for the session user's name.
 */
public record SearchPath(List<String> entries) {
    public static final String DEFAULT = "\"$user\", public";
    public static final String USER_PLACEHOLDER = "$user";

    public SearchPath {
        entries = List.copyOf(entries);
    }

    public static SearchPath parse(String setting) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean sawQuote = false;
        for (int i = 0; i < setting.length(); i++) {
            char c = setting.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < setting.length() && setting.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                sawQuote = true;
            } else if (c == ',') {
                addEntry(entries, current, sawQuote);
                current.setLength(0);
                sawQuote = false;
            } else if (!Character.isWhitespace(c)) {
                current.append(Character.toLowerCase(c));
            }
        }
        addEntry(entries, current, sawQuote);
        return new SearchPath(entries);
    }

    private static void addEntry(List<String> entries, StringBuilder current, boolean sawQuote) {
        if (!current.isEmpty() || sawQuote) {
            entries.add(current.toString());
        }
    }

    /** The entries with {@code $user} replaced by {@code userName} (dropped when there is no user). */
    public List<String> resolve(String userName) {
        List<String> resolved = new ArrayList<>();
        for (String entry : entries) {
            if (entry.equals(USER_PLACEHOLDER)) {
                if (userName != null) {
                    resolved.add(userName);
                }
            } else {
                resolved.add(entry);
            }
        }
        return resolved;
    }
}
