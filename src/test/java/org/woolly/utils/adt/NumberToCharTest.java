package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/** Numeric templates of to_char and to_number; every expected value is what PostgreSQL 15 returned. */
class NumberToCharTest {
    @ParameterizedTest(name = "to_char({0}, ''{1}'') = [{2}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "-485|999|-485", "-5|999|~  -5~", "0|999|~   0~", "0.5|9.99|~  .50~", "-0.5|9.99|~ -.50~",
            "0.5|.99|~ .##~", "12345|9,999|~ #,###~", "-485|9,999|~  -485~", "1234.5678|9G999D99|~ 1,234.57~",
            "-0.5|9990999.9|~   -0000.5~", "5|S999|~  +5~", "-5|999S|~  5-~", "5|999MI|~  5 ~", "-5|MI999|~-  5~",
            "5|PL999|~+   5~", "-485|9SG99|4-85", "-5|999PR|~  <5>~", "5|999PR|~   5 ~", "-485|9.9EEEE|-4.9e+02",
            "5|99V9|~  50~", "485|FMRN|CDLXXXV", "0.5|RN|~              I~", "0.5|999th|~   1st~",
            "0|FM9.99|0.", "0.5|FM9.99|.5", "5|FM999.990|5.000", "-485|FM999.999|-485.", "485|\"Good:\"999|Good: 485",
            "5|L999|~    5~", "148.5|FMS999|+149"})
    void formatsLikePostgres(String value, String template, String expected) {
        assertThat(NumberToChar.format(new BigDecimal(value), template)).isEqualTo(expected);
    }

    @Test
    void floatsPrintOnlyTheirSignificantDigits() {
        // float4 has 6 significant digits (FLT_DIG): none are left for the fraction
        assertThat(NumberToChar.format(new BigDecimal("4200000000"), "MI9999999999.99", 6)).isEqualTo(" 4200000000");
        assertThat(NumberToChar.format(new BigDecimal("4200000000"), "MI99.99", 6)).isEqualTo(" ##.");
    }

    @Test
    void romanNumeralsOfANumericBeyondInt4AreAnError() {
        assertThatThrownBy(() -> NumberToChar.format(new BigDecimal("100e9"), "RN"))
                .isInstanceOf(SqlException.class).hasMessage("integer out of range");
    }

    @Test
    void toNumberReadsDigitsPointAndSign() {
        assertThat(NumberToChar.parse("-34,338,492", "99G999G999")).isEqualByComparingTo("-34338492");
        assertThat(NumberToChar.parse("12,454.8-", "99G999D9S")).isEqualByComparingTo("-12454.8");
        assertThat(NumberToChar.parse("<564646.654564>", "999999.999999PR")).isEqualByComparingTo("-564646.654564");
        assertThat(NumberToChar.parse("$1,234.56", "L99,999.99")).isEqualByComparingTo("1234.56");
        assertThat(NumberToChar.parse("123456", "99999V99").toPlainString()).isEqualTo("1234.5600000000000000");
    }
}
