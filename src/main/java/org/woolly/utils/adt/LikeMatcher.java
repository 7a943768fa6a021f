package org.woolly.utils.adt;

import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * LIKE and ILIKE matching with {@code %}, {@code _} and backslash escape
 * ({@code MatchText} in {@code src/backend/utils/adt/like_match.c}), over code points.
 */
final class LikeMatcher {
    private LikeMatcher() {}

    static boolean like(String text, String pattern) {
        int[] t = text.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        return match(t, 0, p, 0);
    }

    static boolean ilike(String text, String pattern) {
        return like(text.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT));
    }

    private static boolean match(int[] text, int t, int[] pattern, int p) {
        while (p < pattern.length) {
            int c = pattern[p];
            if (c == '%') {
                while (p < pattern.length && pattern[p] == '%') {
                    p++;
                }
                if (p == pattern.length) {
                    return true;
                }
                for (int start = t; start <= text.length; start++) {
                    // several % retry every start: polynomial in the text's length, so it must be stoppable
                    if ((start & 1023) == 0) {
                        Interrupts.check();
                    }
                    if (match(text, start, pattern, p)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length) {
                if (c == '\\' && p + 1 >= pattern.length) {
                    throw endsWithEscape();
                }
                return false;
            }
            if (c == '_') {
                t++;
                p++;
                continue;
            }
            if (c == '\\') {
                p++;
                if (p >= pattern.length) {
                    throw endsWithEscape();
                }
                c = pattern[p];
            }
            if (text[t] != c) {
                return false;
            }
            t++;
            p++;
        }
        return t == text.length;
    }

    private static SqlException endsWithEscape() {
        return new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
    }
}
