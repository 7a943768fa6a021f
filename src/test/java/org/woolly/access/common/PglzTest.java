package org.woolly.access.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

class PglzTest {
    /** Lines of pglz-vectors.txt: raw input, PostgreSQL 15's compressed form (read from its pages) or "-". */
    private static List<String[]> vectors() throws IOException {
        try (InputStream in = PglzTest.class.getResourceAsStream("/pglz-vectors.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split(" "))
                    .toList();
        }
    }

    @Test
    void producesTheBytesPostgresWrites() throws IOException {
        List<String[]> vectors = vectors();
        assertThat(vectors).hasSize(4);
        for (String[] vector : vectors) {
            byte[] raw = HexFormat.of().parseHex(vector[0]);
            byte[] compressed = Pglz.compress(raw, raw.length);
            if (vector[1].equals("-")) {
                assertThat(compressed).as("PostgreSQL stored %d bytes uncompressed", raw.length).isNull();
            } else {
                assertThat(HexFormat.of().formatHex(compressed)).isEqualTo(vector[1]);
            }
        }
    }

    @Test
    void decompressesWhatPostgresWrote() throws IOException {
        for (String[] vector : vectors()) {
            if (!vector[1].equals("-")) {
                byte[] raw = HexFormat.of().parseHex(vector[0]);
                byte[] compressed = HexFormat.of().parseHex(vector[1]);
                assertThat(Pglz.decompress(compressed, 0, compressed.length, raw.length)).isEqualTo(raw);
            }
        }
    }

    @Test
    void roundTripsRepetitiveInputOfManySizes() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] words = {"woolly ", "toast ", "\u00e9t\u00e9 ", "page "};
        for (int length : new int[] {64, 1000, 5000, 70_000, 300_000}) {
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.append(words[random.nextInt(words.length)]);
            }
            byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] compressed = Pglz.compress(raw, raw.length);
            assertThat(compressed).as("seed %d length %d", seed, length).isNotNull();
            assertThat(compressed.length).isLessThan(raw.length * 3 / 4);
            assertThat(Pglz.decompress(compressed, 0, compressed.length, raw.length)).as("seed %d", seed).isEqualTo(raw);
        }
    }

    @Test
    void givesUpOnIncompressibleAndShortInput() {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        assertThat(Pglz.compress(random, random.length)).isNull();
        assertThat(Pglz.compress("aaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII), 20)).isNull();
    }

    @Test
    void corruptInputIsAnError() {
        byte[] compressed = Pglz.compress("abc".repeat(100).getBytes(StandardCharsets.US_ASCII), 300);
        assertThatThrownBy(() -> Pglz.decompress(compressed, 0, compressed.length, 400))
                .isInstanceOf(SqlException.class).hasMessage("compressed pglz data is corrupt");
        byte[] badOffset = {1, 0x0f, (byte) 0xff, 0};
        assertThatThrownBy(() -> Pglz.decompress(badOffset, 0, badOffset.length, 40))
                .isInstanceOf(SqlException.class).hasMessage("compressed pglz data is corrupt");
    }
}
