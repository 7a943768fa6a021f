package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The extended hashes agree with PostgreSQL 15's (values read from {@code hashint4extended(...)} and kin there). */
class ExtendedHashTest {
    private static final long SEED = ExtendedHash.HASH_PARTITION_SEED;

    @Test
    void integersHashAsPostgresDoes() {
        assertThat(ExtendedHash.hash(TypeOids.INT4, 5, SEED)).isEqualTo(-2840406021921404358L);
        assertThat(ExtendedHash.hash(TypeOids.INT4, -7, 0)).isEqualTo(-4284878795861022465L);
        assertThat(ExtendedHash.hash(TypeOids.INT8, 123456789012L, SEED)).isEqualTo(1825551100719034884L);
        assertThat(ExtendedHash.hash(TypeOids.INT8, -3L, SEED)).isEqualTo(656044135061257817L);
        assertThat(ExtendedHash.hash(TypeOids.INT2, (short) -2, SEED)).isEqualTo(2147707635919668551L);
    }

    @Test
    void stringsHashTheirBytes() {
        assertThat(ExtendedHash.hash(TypeOids.TEXT, "hello", SEED)).isEqualTo(-2635279551741001039L);
        assertThat(ExtendedHash.hash(TypeOids.TEXT, "a much longer string over 12 bytes!", SEED))
                .isEqualTo(482168285593206027L);
        assertThat(ExtendedHash.hash(TypeOids.TEXT, "", SEED)).isEqualTo(-5700645584453517373L);
        assertThat(ExtendedHash.hash(TypeOids.BPCHAR, "ab  ", SEED)).isEqualTo(596009030900183869L);
        assertThat(ExtendedHash.hash(TypeOids.CHAR, "x", SEED)).isEqualTo(8622996900272204718L);
    }

    @Test
    void numericsHashTheirDigitsWithoutScale() {
        assertThat(ExtendedHash.hash(TypeOids.NUMERIC, new BigDecimal("123.450"), SEED))
                .isEqualTo(2906717616349633485L);
        assertThat(ExtendedHash.hash(TypeOids.NUMERIC, new BigDecimal("0.0001"), SEED))
                .isEqualTo(3231555093127941537L);
        assertThat(ExtendedHash.hash(TypeOids.NUMERIC, new BigDecimal("-98765432.1"), SEED))
                .isEqualTo(4078836420525980878L);
        assertThat(ExtendedHash.hash(TypeOids.NUMERIC, BigDecimal.ZERO, SEED)).isEqualTo(SEED - 1);
    }

    @Test
    void floatsAndUuidsHashAsPostgresDoes() {
        assertThat(ExtendedHash.hash(TypeOids.FLOAT8, 1.5, SEED)).isEqualTo(-2826383321045882978L);
        assertThat(ExtendedHash.hash(TypeOids.FLOAT4, 1.5f, SEED)).isEqualTo(-2826383321045882978L);
        assertThat(ExtendedHash.hash(TypeOids.UUID, UuidIO.parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), SEED))
                .isEqualTo(424513190990560493L);
    }
}
