package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/** {@code unistr}: its four escape forms, surrogate pairs and PostgreSQL 15's errors. */
class UnistrTest {

    private static String bs(String text) {
        return text.replace('!', '\\'); // '!' stands for a backslash, to keep Java's unicode escapes out of the source
    }

    @Test
    void decodesEveryEscapeForm() {
        assertThat(StringFunctions.unistr(bs("!0064at!+0000610"))).isEqualTo("data0");
        assertThat(StringFunctions.unistr(bs("d!u0061t!U000000610"))).isEqualTo("data0");
        assertThat(StringFunctions.unistr(bs("a!!b"))).isEqualTo(bs("a!b"));
        assertThat(StringFunctions.unistr(bs("a!d83d!de00b"))).isEqualTo("a\uD83D\uDE00b");
        assertThat(StringFunctions.unistr(bs("!+01F600"))).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void refusesWhatPostgresRefuses() {
        assertThatThrownBy(() -> StringFunctions.unistr(bs("wrong: !db99"))).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.getMessage()).isEqualTo("invalid Unicode surrogate pair"));
        assertThatThrownBy(() -> StringFunctions.unistr(bs("!U0000db99!U00000061")))
                .hasMessage("invalid Unicode surrogate pair");
        assertThatThrownBy(() -> StringFunctions.unistr(bs("x!dc00"))).hasMessage("invalid Unicode surrogate pair");
        assertThatThrownBy(() -> StringFunctions.unistr(bs("!+2FFFFF"))).hasMessage("invalid Unicode code point: 2FFFFF");
        assertThatThrownBy(() -> StringFunctions.unistr(bs("!0000"))).hasMessage("invalid Unicode code point: 0000");
        assertThatThrownBy(() -> StringFunctions.unistr(bs("!xyz"))).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.getMessage()).isEqualTo("invalid Unicode escape"));
        assertThatThrownBy(() -> StringFunctions.unistr(bs("end!u12"))).hasMessage("invalid Unicode escape");
    }
}
