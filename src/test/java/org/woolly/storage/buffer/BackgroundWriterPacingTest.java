package org.woolly.storage.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The background writer's estimates, as BgBufferSync computes them. */
class BackgroundWriterPacingTest {
    private static final int POOL = 6000;
    private static final int DELAY = 200;

    @Test
    void anIdlePoolIsStillCleanedAtTheTwoMinuteFloor() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        BackgroundWriterPacing.Round round = pacing.plan(0, 0, DELAY, 2.0);
        // 6000 buffers in 120 s at one round per 200 ms: 10 a round
        assertThat(pacing.minimumScan(DELAY)).isEqualTo(10);
        assertThat(round.start()).isZero();
        assertThat(round.toScan()).isEqualTo(POOL);
        assertThat(round.wanted()).isEqualTo(10);
        assertThat(round.idle()).isFalse();
    }

    @Test
    void theAllocationRateRisesAtOnceAndDecaysOverSixteenRounds() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        pacing.plan(0, 0, DELAY, 2.0);
        BackgroundWriterPacing.Round busy = pacing.plan(0, 100, DELAY, 2.0);
        assertThat(pacing.smoothedAllocations()).isEqualTo(100f);
        assertThat(busy.wanted()).isEqualTo(200);
        BackgroundWriterPacing.Round quieter = pacing.plan(0, 0, DELAY, 2.0);
        assertThat(pacing.smoothedAllocations()).isEqualTo(100f - 100f / 16);
        assertThat(quieter.wanted()).isEqualTo((int) ((100f - 100f / 16) * 2.0));
    }

    @Test
    void aRateThatRoundsToNothingDropsToZero() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        pacing.plan(0, 1, DELAY, 0.1);
        assertThat(pacing.smoothedAllocations()).isZero();
    }

    @Test
    void theWriterKeepsItsLeadAndCountsWhatIsLeftOfTheLap() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        BackgroundWriterPacing.Round first = pacing.plan(1000, 0, DELAY, 2.0);
        pacing.finish(first, 500, 0);
        BackgroundWriterPacing.Round second = pacing.plan(1100, 20, DELAY, 2.0);
        // the writer is 400 buffers ahead of the hand: 5600 left before it laps it
        assertThat(second.start()).isEqualTo(1500);
        assertThat(second.toScan()).isEqualTo(POOL - 400);
        // the hand passed 100 buffers for 20 allocations: density moves from 10 towards 5
        assertThat(pacing.smoothedDensity()).isCloseTo(10f + (5f - 10f) / 16, within(1e-5f));
        assertThat(second.reusableEstimate()).isCloseTo(400 / pacing.smoothedDensity(), within(1e-4f));
    }

    @Test
    void whenTheHandOvertakesTheWriterItRestartsAtTheHand() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        BackgroundWriterPacing.Round first = pacing.plan(0, 0, DELAY, 2.0);
        pacing.finish(first, 50, 0);
        BackgroundWriterPacing.Round second = pacing.plan(POOL + 7, 600, DELAY, 2.0);
        assertThat(second.start()).isEqualTo(POOL + 7);
        assertThat(second.toScan()).isEqualTo(POOL);
        assertThat(second.reusableEstimate()).isZero();
    }

    @Test
    void itsOwnScanTeachesTheDensityToo() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        BackgroundWriterPacing.Round round = pacing.plan(0, 0, DELAY, 2.0);
        // 40 buffers scanned, 8 found reusable: 5 per reusable buffer
        pacing.finish(round, 40, round.reusableEstimate() + 8);
        assertThat(pacing.smoothedDensity()).isCloseTo(10f + (5f - 10f) / 16, within(1e-5f));
    }

    @Test
    void aFullLapWithNoAllocationsLetsTheWriterHibernate() {
        BackgroundWriterPacing pacing = new BackgroundWriterPacing(POOL);
        BackgroundWriterPacing.Round first = pacing.plan(0, 0, DELAY, 2.0);
        pacing.finish(first, POOL, 0);
        BackgroundWriterPacing.Round second = pacing.plan(0, 0, DELAY, 2.0);
        assertThat(second.toScan()).isZero();
        assertThat(second.idle()).isTrue();
        assertThat(pacing.plan(1, 1, DELAY, 2.0).idle()).isFalse();
    }
}
