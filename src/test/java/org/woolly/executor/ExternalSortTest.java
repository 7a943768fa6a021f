package org.woolly.executor;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.analyzer.BuiltinTypeSystem;
import org.woolly.storage.file.TemporaryFileSpace;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.Interval;
import org.woolly.utils.adt.NumericSpecial;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.adt.Uuid;
import org.woolly.utils.adt.Geometry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external sort: rows beyond the memory bound go to sorted runs in one temporary file and
 * come back merged, over several merge passes when there are more runs than the merge order;
 * a bound keeps only the first rows in a heap; the file is gone after close. Also the spill
 * format the runs are written in: every kind of value comes back equal.
 */
class ExternalSortTest {
    @TempDir
    Path data;

    private ExecutorContext context() {
        return new ExecutorContext(new BuiltinTypeSystem(), null, null, null, new Object[0],
                new ExecutorContext.SessionInfo("a", "a", "d", () -> "public", 99, FormatSettings.DEFAULT, 0),
                new AtomicBoolean(), 0).withTemporaryFiles(new TemporaryFileSpace(data));
    }

    private static final Comparator<Object[]> BY_KEY_THEN_ID =
            Comparator.<Object[]>comparingInt(row -> (Integer) row[0]).thenComparingLong(row -> (Long) row[1]);

    private static List<Object[]> randomRows(long seed, int count) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < count; id++) {
            rows.add(new Object[] {random.nextInt(1000), id, "text " + random.nextInt(), null});
        }
        return rows;
    }

    private List<String> temporaryFiles() throws Exception {
        Path directory = data.resolve("base/pgsql_tmp");
        return Files.isDirectory(directory)
                ? Files.list(directory).map(path -> path.getFileName().toString()).toList() : List.of();
    }

    @Test
    void rowsBeyondMemoryComeBackFromMergedRunsInOrder() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ExternalSortTest seed " + seed);
        List<Object[]> rows = randomRows(seed, 50_000);
        ExecutorContext context = context();
        // 16 kB of memory: hundreds of runs, more than the merge order of 6, so several passes
        try (ExternalSort sort = new ExternalSort(context, BY_KEY_THEN_ID, 16 * 1024, 0)) {
            rows.forEach(sort::put);
            sort.sort();
            assertThat(temporaryFiles()).singleElement().asString().startsWith("pgsql_tmp99.");
            List<Object[]> expected = new ArrayList<>(rows);
            expected.sort(BY_KEY_THEN_ID);
            for (Object[] want : expected) {
                assertThat(sort.next()).containsExactly(want);
            }
            assertThat(sort.next()).isNull();
            assertThat(sort.report()).matches("Sort Method: external merge  Disk: \\d+kB");
        }
        assertThat(temporaryFiles()).isEmpty();
        assertThat(context.counters().tempFiles).isGreaterThanOrEqualTo(2);
    }

    @Test
    void rowsLongerThanABlockComeBackWhole() throws Exception {
        // a row is encoded into one array and written with one call: values of any length, across block ends
        long seed = System.nanoTime();
        System.out.println("ExternalSortTest seed " + seed);
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (long id = 0; id < 300; id++) {
            String text = "é☃x".repeat(random.nextInt(4000));
            byte[] bytes = new byte[random.nextInt(20_000)];
            random.nextBytes(bytes);
            rows.add(new Object[] {random.nextInt(50), id, text, bytes});
        }
        try (ExternalSort sort = new ExternalSort(context(), BY_KEY_THEN_ID, 16 * 1024, 0)) {
            rows.forEach(sort::put);
            sort.sort();
            List<Object[]> expected = new ArrayList<>(rows);
            expected.sort(BY_KEY_THEN_ID);
            for (Object[] want : expected) {
                Object[] got = sort.next();
                assertThat(got).hasSize(4);
                assertThat(got[0]).isEqualTo(want[0]);
                assertThat(got[1]).isEqualTo(want[1]);
                assertThat(got[2]).isEqualTo(want[2]);
                assertThat((byte[]) got[3]).containsExactly((byte[]) want[3]);
            }
            assertThat(sort.next()).isNull();
            assertThat(sort.report()).matches("Sort Method: external merge  Disk: \\d+kB");
        }
    }

    @Test
    void aBoundKeepsTheFirstRowsInAHeapAndSmallInputsStayInMemory() throws Exception {
        List<Object[]> rows = randomRows(7, 20_000);
        List<Object[]> expected = new ArrayList<>(rows);
        expected.sort(BY_KEY_THEN_ID);
        try (ExternalSort sort = new ExternalSort(context(), BY_KEY_THEN_ID, 16 * 1024, 10)) {
            rows.forEach(sort::put);
            sort.sort();
            for (int i = 0; i < 10; i++) {
                assertThat(sort.next()).containsExactly(expected.get(i));
            }
            assertThat(sort.report()).matches("Sort Method: top-N heapsort  Memory: \\d+kB");
        }
        try (ExternalSort sort = new ExternalSort(context(), BY_KEY_THEN_ID, 4L << 20, 0)) {
            rows.forEach(sort::put);
            sort.sort();
            assertThat(sort.next()).containsExactly(expected.getFirst());
            assertThat(sort.report()).matches("Sort Method: quicksort  Memory: \\d+kB");
        }
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void everyKindOfValueSurvivesTheSpillFormat() {
        ArrayValue array = new ArrayValue(TypeOids.INT4, new int[] {2}, new int[] {0}, new Object[] {1, null});
        RecordValue record = new RecordValue(TypeOids.RECORD, new int[] {TypeOids.TEXT, TypeOids.INT4},
                new Object[] {"é€", 3});
        Geometry.Point point = new Geometry.Point(1, 2);
        Object[] row = {null, 1, 2L, (short) 3, true, false, 1.5d, 2.5f, "naïve ☃", new BigDecimal("-12.3400"),
                new byte[] {0, -1}, NumericSpecial.NAN, new Interval(1, 2, 3), new Uuid(4, 5), new Tid(6, 7), array,
                record, org.woolly.utils.adt.BitString.binary("10110"), point};
        SpillFormat format = new SpillFormat();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        format.write(new java.io.DataOutputStream(bytes), row);
        Object[] back = format.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back).hasSameSizeAs(row);
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] raw) {
                assertThat((byte[]) back[i]).containsExactly(raw);
            } else if (row[i] instanceof RecordValue written) {
                RecordValue read = (RecordValue) back[i];
                assertThat(read.fieldTypes()).containsExactly(written.fieldTypes());
                assertThat(read.values()).containsExactly(written.values());
            } else {
                assertThat(back[i]).as("value %d", i).isEqualTo(row[i]);
            }
        }
        assertThat(((BigDecimal) back[9]).scale()).isEqualTo(4);
        assertThat(SpillFormat.memory(row)).isGreaterThan(SpillFormat.memory(new Object[row.length]));
    }
}
