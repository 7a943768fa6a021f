package org.woolly.commands;

import java.util.concurrent.TimeUnit;
import org.woolly.pgstat.BackendStatus;
import org.woolly.utils.misc.Interrupts;

/**
 * Cost-based vacuum delay ({@code vacuum.c}'s {@code vacuum_delay_point} with the buffer
 * manager's {@code VacuumCostBalance}): each page VACUUM reads costs vacuum_cost_page_hit, each
 * page it changes vacuum_cost_page_dirty more; once the balance reaches vacuum_cost_limit, VACUUM
 * sleeps vacuum_cost_delay times balance / limit (at most four times vacuum_cost_delay) and
 * starts again from zero. With vacuum_cost_delay 0 (the default) it never sleeps. The sleep is a
 * {@code Timeout}/{@code VacuumDelay} wait and ends early on a cancel or a termination; each
 * delay point also checks for them, as {@code CHECK_FOR_INTERRUPTS} does in PostgreSQL's.
 * Woolly's buffer pool does not tell VACUUM whether a page was a hit or a miss: every read
 * costs a hit. Autovacuum runs with its session's vacuum_cost_delay, 0.
 */
final class VacuumCostDelay {
    private final double delayMillis;
    private final int limit;
    private final int pageHit;
    private final int pageDirty;
    private long balance;

    private VacuumCostDelay(double delayMillis, int limit, int pageHit, int pageDirty) {
        this.delayMillis = delayMillis;
        this.limit = limit;
        this.pageHit = pageHit;
        this.pageDirty = pageDirty;
    }

    static VacuumCostDelay of(CommandContext context) {
        if (context.settings() == null) {
            return new VacuumCostDelay(0, 200, 1, 20);
        }
        return new VacuumCostDelay(context.settings().getDouble("vacuum_cost_delay"),
                context.settings().getInt("vacuum_cost_limit"), context.settings().getInt("vacuum_cost_page_hit"),
                context.settings().getInt("vacuum_cost_page_dirty"));
    }

    /** A page read, and changed when {@code dirtied}. */
    void page(boolean dirtied) {
        if (delayMillis > 0) {
            balance += pageHit + (dirtied ? pageDirty : 0);
        }
    }

    /** {@code vacuum_delay_point}: checks for interrupts, sleeps when the balance is used up. */
    void point() {
        Interrupts.check();
        if (delayMillis <= 0 || balance < limit) {
            return;
        }
        double millis = Math.min(delayMillis * balance / limit, delayMillis * 4);
        balance = 0;
        BackendStatus status = BackendStatus.current();
        if (status != null) {
            status.waitStart("Timeout", "VacuumDelay");
        }
        try {
            long end = System.nanoTime() + (long) (millis * 1_000_000);
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(Interrupts.WAIT_SLICE_MILLIS)));
                Interrupts.check();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            if (status != null) {
                status.waitEnd();
            }
        }
    }
}
