package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The regular-expression functions of {@code regexp.c}: {@code regexp_replace},
 * {@code regexp_match}/{@code regexp_matches}, {@code regexp_split_to_array}/{@code _table}, and
 * PostgreSQL 15's {@code regexp_count}, {@code regexp_instr}, {@code regexp_like} and
 * {@code regexp_substr}. Positions and {@code start} count characters from 1.
 */
final class RegexpFunctions {
    private static final int T = TypeOids.TEXT;
    private static final int I = TypeOids.INT4;
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;

    private RegexpFunctions() {}

    /** One match: its bounds and its groups' bounds (-1 for a group that took no part), as char indexes. */
    private record Match(int start, int end, int[] groupStarts, int[] groupEnds) {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("regexp_replace", T, (a, c) -> replace(a, 1, null, ""), T, T, T);
        r.function("regexp_replace", T, (a, c) -> replace(a, 1, null, (String) a[3]), T, T, T, T);
        r.function("regexp_replace", T, (a, c) -> replace(a, (Integer) a[3], null, ""), T, T, T, I);
        r.function("regexp_replace", T, (a, c) -> replace(a, (Integer) a[3], (Integer) a[4], ""), T, T, T, I, I);
        r.function("regexp_replace", T, (a, c) -> replace(a, (Integer) a[3], (Integer) a[4], (String) a[5]),
                T, T, T, I, I, T);
        r.function("regexp_match", TEXT_ARRAY, (a, c) -> match((String) a[0], (String) a[1], ""), T, T);
        r.function("regexp_match", TEXT_ARRAY, (a, c) -> match((String) a[0], (String) a[1], (String) a[2]), T, T, T);
        r.function("regexp_matches", TEXT_ARRAY, (a, c) -> matches((String) a[0], (String) a[1], ""), T, T);
        r.function("regexp_matches", TEXT_ARRAY, (a, c) -> matches((String) a[0], (String) a[1], (String) a[2]),
                T, T, T);
        r.function("regexp_split_to_array", TEXT_ARRAY, (a, c) -> ArrayValue.of(T,
                split((String) a[0], (String) a[1], "", "regexp_split_to_array")), T, T);
        r.function("regexp_split_to_array", TEXT_ARRAY, (a, c) -> ArrayValue.of(T,
                split((String) a[0], (String) a[1], (String) a[2], "regexp_split_to_array")), T, T, T);
        r.function("regexp_split_to_table", T, (a, c) -> split((String) a[0], (String) a[1], "",
                "regexp_split_to_table").iterator(), T, T);
        r.function("regexp_split_to_table", T, (a, c) -> split((String) a[0], (String) a[1], (String) a[2],
                "regexp_split_to_table").iterator(), T, T, T);
        r.function("regexp_count", I, (a, c) -> count(a, 1, ""), T, T);
        r.function("regexp_count", I, (a, c) -> count(a, (Integer) a[2], ""), T, T, I);
        r.function("regexp_count", I, (a, c) -> count(a, (Integer) a[2], (String) a[3]), T, T, I, T);
        r.function("regexp_instr", I, (a, c) -> instr(a, 1, 1, 0, "", 0), T, T);
        r.function("regexp_instr", I, (a, c) -> instr(a, (Integer) a[2], 1, 0, "", 0), T, T, I);
        r.function("regexp_instr", I, (a, c) -> instr(a, (Integer) a[2], (Integer) a[3], 0, "", 0), T, T, I, I);
        r.function("regexp_instr", I, (a, c) -> instr(a, (Integer) a[2], (Integer) a[3], (Integer) a[4], "", 0),
                T, T, I, I, I);
        r.function("regexp_instr", I, (a, c) -> instr(a, (Integer) a[2], (Integer) a[3], (Integer) a[4],
                (String) a[5], 0), T, T, I, I, I, T);
        r.function("regexp_instr", I, (a, c) -> instr(a, (Integer) a[2], (Integer) a[3], (Integer) a[4],
                (String) a[5], (Integer) a[6]), T, T, I, I, I, T, I);
        r.function("regexp_like", TypeOids.BOOL, (a, c) -> like(a, ""), T, T);
        r.function("regexp_like", TypeOids.BOOL, (a, c) -> like(a, (String) a[2]), T, T, T);
        r.function("regexp_substr", T, (a, c) -> substr(a, 1, 1, "", 0), T, T);
        r.function("regexp_substr", T, (a, c) -> substr(a, (Integer) a[2], 1, "", 0), T, T, I);
        r.function("regexp_substr", T, (a, c) -> substr(a, (Integer) a[2], (Integer) a[3], "", 0), T, T, I, I);
        r.function("regexp_substr", T, (a, c) -> substr(a, (Integer) a[2], (Integer) a[3], (String) a[4], 0),
                T, T, I, I, T);
        r.function("regexp_substr", T, (a, c) -> substr(a, (Integer) a[2], (Integer) a[3], (String) a[4],
                (Integer) a[5]), T, T, I, I, T, I);
    }

    /**
     * Every match from character {@code start} on ({@code setup_regexp_matches}); with
     * {@code ignoreDegenerate}, as splitting needs, an empty match at the end of the string or
     * right after the previous match does not count.
     */
    private static List<Match> findAll(PgRegex.Compiled regex, String text, int startChar, boolean global,
                                       boolean ignoreDegenerate) {
        List<Match> found = new ArrayList<>();
        int from = charIndex(text, startChar);
        if (from < 0) {
            return found;
        }
        Matcher matcher = regex.pattern().matcher(StringFunctions.interruptible(text));
        int previousEnd = 0;
        while (from <= text.length() && matcher.find(from)) {
            if (!ignoreDegenerate || (matcher.start() < text.length() && matcher.end() > previousEnd)) {
                int groups = matcher.groupCount();
                int[] starts = new int[groups];
                int[] ends = new int[groups];
                for (int g = 0; g < groups; g++) {
                    starts[g] = matcher.start(g + 1);
                    ends[g] = matcher.end(g + 1);
                }
                found.add(new Match(matcher.start(), matcher.end(), starts, ends));
                previousEnd = matcher.end();
                if (!global) {
                    break;
                }
            }
            from = matcher.end() == matcher.start() ? next(text, matcher.end()) : matcher.end();
        }
        return found;
    }

    private static int next(String text, int index) {
        return index < text.length() ? text.offsetByCodePoints(index, 1) : index + 1;
    }

    /** The char index of 1-based character {@code position}, or -1 past the end. */
    private static int charIndex(String text, int position) {
        int characters = text.codePointCount(0, text.length());
        return position - 1 > characters ? -1 : text.offsetByCodePoints(0, position - 1);
    }

    private static int characterPosition(String text, int charIndex) {
        return text.codePointCount(0, charIndex) + 1;
    }

    private static void checkStart(int start) {
        if (start <= 0) {
            throw invalidParameter("start", start);
        }
    }

    private static SqlException invalidParameter(String name, int value) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": " + value);
    }

    /**
     * {@code regexp_replace}: the {@code n}-th match at or after {@code start} replaced, every match
     * when n is 0; without n, the first, or every one under flag g (which n overrides).
     * {@code \1}-{@code \9} and {@code \&} in the replacement stand for groups and the match.
     */
    private static String replace(Object[] a, int start, Integer n, String flags) {
        String text = (String) a[0];
        String replacement = (String) a[2];
        checkStart(start);
        if (n != null && n < 0) {
            throw invalidParameter("n", n);
        }
        PgRegex.Compiled regex = PgRegex.compile((String) a[1], flags, null);
        boolean all = n == null ? regex.global() : n == 0;
        int wanted = n == null ? 1 : n;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int index = 0;
        for (Match match : findAll(regex, text, start, true, false)) {
            index++;
            if (!all && index != wanted) {
                continue;
            }
            out.append(text, copied, match.start());
            appendReplacement(out, replacement, text, match);
            copied = match.end();
            if (!all) {
                break;
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static void appendReplacement(StringBuilder out, String replacement, String text, Match match) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c != '\\' || i + 1 >= replacement.length()) {
                out.append(c);
                continue;
            }
            char next = replacement.charAt(++i);
            if (next >= '1' && next <= '9') {
                int group = next - '1';
                if (group < match.groupStarts().length && match.groupStarts()[group] >= 0) {
                    out.append(text, match.groupStarts()[group], match.groupEnds()[group]);
                }
            } else if (next == '&') {
                out.append(text, match.start(), match.end());
            } else if (next == '\\') {
                out.append('\\');
            } else {
                out.append('\\').append(next);
            }
        }
    }

    /** The groups of a match as a text[] (the whole match when the pattern has none). */
    private static ArrayValue groups(String text, Match match) {
        List<Object> values = new ArrayList<>();
        if (match.groupStarts().length == 0) {
            values.add(text.substring(match.start(), match.end()));
        }
        for (int g = 0; g < match.groupStarts().length; g++) {
            values.add(match.groupStarts()[g] < 0 ? null : text.substring(match.groupStarts()[g], match.groupEnds()[g]));
        }
        return ArrayValue.of(T, values);
    }

    private static ArrayValue match(String text, String pattern, String flags) {
        List<Match> found = findAll(PgRegex.compile(pattern, flags, "regexp_match"), text, 1, false, false);
        return found.isEmpty() ? null : groups(text, found.getFirst());
    }

    private static Iterator<Object> matches(String text, String pattern, String flags) {
        PgRegex.Compiled regex = PgRegex.compile(pattern, flags, null);
        List<Object> rows = new ArrayList<>();
        for (Match match : findAll(regex, text, 1, regex.global(), false)) {
            rows.add(groups(text, match));
        }
        return rows.iterator();
    }

    private static List<Object> split(String text, String pattern, String flags, String function) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        for (Match match : findAll(PgRegex.compile(pattern, flags, function), text, 1, true, true)) {
            parts.add(text.substring(from, match.start()));
            from = match.end();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int count(Object[] a, int start, String flags) {
        checkStart(start);
        return findAll(PgRegex.compile((String) a[1], flags, "regexp_count"), (String) a[0], start, true, false)
                .size();
    }

    /** The {@code n}-th match at or after {@code start}, or null. */
    private static Match nth(Object[] a, int start, int n, String flags, String function) {
        checkStart(start);
        if (n <= 0) {
            throw invalidParameter("n", n);
        }
        List<Match> found = findAll(PgRegex.compile((String) a[1], flags, function), (String) a[0], start, true,
                false);
        return found.size() < n ? null : found.get(n - 1);
    }

    private static int instr(Object[] a, int start, int n, int endOption, String flags, int subexpression) {
        if (endOption != 0 && endOption != 1) {
            throw invalidParameter("endoption", endOption);
        }
        if (subexpression < 0) {
            throw invalidParameter("subexpr", subexpression);
        }
        String text = (String) a[0];
        Match match = nth(a, start, n, flags, "regexp_instr");
        if (match == null || subexpression > match.groupStarts().length) {
            return 0;
        }
        int from = subexpression == 0 ? match.start() : match.groupStarts()[subexpression - 1];
        int to = subexpression == 0 ? match.end() : match.groupEnds()[subexpression - 1];
        if (from < 0) {
            return 0;
        }
        return characterPosition(text, endOption == 0 ? from : to);
    }

    private static boolean like(Object[] a, String flags) {
        return !findAll(PgRegex.compile((String) a[1], flags, "regexp_like"), (String) a[0], 1, false, false)
                .isEmpty();
    }

    private static String substr(Object[] a, int start, int n, String flags, int subexpression) {
        if (subexpression < 0) {
            throw invalidParameter("subexpr", subexpression);
        }
        String text = (String) a[0];
        Match match = nth(a, start, n, flags, "regexp_substr");
        if (match == null || subexpression > match.groupStarts().length) {
            return null;
        }
        if (subexpression == 0) {
            return text.substring(match.start(), match.end());
        }
        int from = match.groupStarts()[subexpression - 1];
        return from < 0 ? null : text.substring(from, match.groupEnds()[subexpression - 1]);
    }
}
