package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/** The bit-string value: packing, padding bits, varbit.c's operations and its stored/binary form. */
class BitStringTest {

    @Test
    void packsMostSignificantBitFirstWithZeroPadding() {
        BitString bits = BitString.binary("101");
        assertThat(bits.length()).isEqualTo(3);
        assertThat(bits.bytes()).containsExactly((byte) 0b1010_0000);
        assertThat(BitString.of(3, new byte[] {(byte) 0xFF})).isEqualTo(BitString.binary("111"));
        assertThat(BitString.hex("1f").toString()).isEqualTo("00011111");
    }

    @Test
    void ordersAsBitCmpAndComparesEqualOnlyWithTheSameLength() {
        assertThat(BitString.binary("011").compareTo(BitString.binary("1"))).isNegative();
        assertThat(BitString.binary("1").compareTo(BitString.binary("10"))).isNegative();
        assertThat(BitString.binary("10")).isNotEqualTo(BitString.binary("100"));
        assertThat(BitString.binary("1000").hashCode()).isEqualTo(BitString.hex("8").hashCode());
    }

    @Test
    void shiftsKeepTheLength() {
        assertThat(BitString.binary("10110").shiftLeft(2).toString()).isEqualTo("11000");
        assertThat(BitString.binary("10110").shiftLeft(-2).toString()).isEqualTo("00101");
        assertThat(BitString.binary("1010").shiftLeft(Integer.MIN_VALUE).toString()).isEqualTo("0000");
    }

    @Test
    void integerConversionsTakeTheLowBitsAndExtendTheSign() {
        assertThat(BitString.fromInteger(300, 32, 4).toString()).isEqualTo("1100");
        assertThat(BitString.fromInteger(-1, 32, 40).toString()).isEqualTo("1".repeat(40));
        assertThat(BitString.binary("1".repeat(32)).toInteger(32, "integer")).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> BitString.binary("1".repeat(33)).toInteger(32, "integer"))
                .isInstanceOf(SqlException.class).hasMessage("integer out of range");
    }

    @Test
    void substringOverlayAndPositionFollowTextSemantics() {
        BitString bits = BitString.binary("0101100");
        assertThat(bits.substring(2, 3).toString()).isEqualTo("101");
        assertThat(bits.substring(-1, 3).toString()).isEqualTo("0");
        assertThat(bits.overlay(BitString.binary("11"), 7, 5).toString()).isEqualTo("01011011");
        assertThat(bits.position(BitString.binary("11"))).isEqualTo(4);
        assertThat(bits.position(BitString.binary(""))).isEqualTo(1);
        assertThatThrownBy(() -> bits.substring(1, -1)).hasMessage("negative substring length not allowed");
    }

    @Test
    void binaryFormIsTheLengthThenThePackedBits() {
        BitString bits = BitString.binary("1000000001");
        byte[] sent = BitStringIO.VARBIT.send(bits, FormatSettings.DEFAULT);
        assertThat(sent).containsExactly(0, 0, 0, 10, (byte) 0x80, (byte) 0x40);
        assertThat(BitStringIO.VARBIT.receive(sent, 0, sent.length, -1, FormatSettings.DEFAULT)).isEqualTo(bits);
        assertThatThrownBy(() -> BitStringIO.BIT.receive(sent, 0, sent.length, 4, FormatSettings.DEFAULT))
                .hasMessage("bit string length 10 does not match type bit(4)");
    }
}
