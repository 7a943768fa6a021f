package org.woolly.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stored text of a domain CHECK spells the checked value VALUE, as ruleutils.c prints it. */
class DomainCommandsTest {

    @Test
    void theValueReferenceIsWrittenInCapitalsOutsideLiteralsAndQuotedNames() {
        assertThat(DomainCommands.valueText("((value > 0) AND (length('value') < \"value\".x))"))
                .isEqualTo("((VALUE > 0) AND (length('value') < \"value\".x))");
        assertThat(DomainCommands.valueText("(value_2 IS NOT NULL)")).isEqualTo("(value_2 IS NOT NULL)");
        assertThat(DomainCommands.valueText("(CAST(value AS text) = 'it''s')")).isEqualTo("(CAST(VALUE AS text) = 'it''s')");
    }
}
