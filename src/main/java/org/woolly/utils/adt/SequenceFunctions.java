package org.woolly.utils.adt;

/** {@code nextval}, {@code currval}, {@code setval}, {@code lastval}, {@code pg_sequence_last_value}, {@code pg_get_serial_sequence} ({@code sequence.c}). */
final class SequenceFunctions {
    private SequenceFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int int8 = TypeOids.INT8;
        int regclass = TypeOids.REGCLASS;
        char volatile_ = PgProcData.VOLATILE;
        r.function("nextval", int8, volatile_, true, (a, c) -> c.sequences().nextval((Integer) a[0]), regclass);
        r.function("currval", int8, volatile_, true, (a, c) -> c.sequences().currval((Integer) a[0]), regclass);
        r.function("setval", int8, volatile_, true,
                (a, c) -> c.sequences().setval((Integer) a[0], (Long) a[1], true), regclass, int8);
        r.function("setval", int8, volatile_, true,
                (a, c) -> c.sequences().setval((Integer) a[0], (Long) a[1], (Boolean) a[2]), regclass, int8,
                TypeOids.BOOL);
        r.function("lastval", int8, volatile_, true, (a, c) -> c.sequences().lastval());
        r.function("pg_sequence_last_value", int8, volatile_, true,
                (a, c) -> c.sequences().lastValueIfCalled((Integer) a[0]), regclass);
        // Woolly has no temporary schemas yet, so no schema belongs to another session
        r.function("pg_get_serial_sequence", TypeOids.TEXT, PgProcData.STABLE, true,
                (a, c) -> c.sequences().serialSequence((String) a[0], (String) a[1]), TypeOids.TEXT, TypeOids.TEXT);
    }
}
