package org.woolly.storage.buffer;

/**
 * How far ahead of the clock hand the background writer cleans each round: the estimates of
 * {@code BgBufferSync} in PostgreSQL 15's {@code bufmgr.c}, kept apart from the buffers so the
 * arithmetic can be tested alone. Not thread-safe: only the background writer uses it.
 *
 * <p>Positions are absolute clock positions (complete passes times the pool size plus the buffer
 * number: {@code StrategySyncStart}'s two results in one long). Each round the writer learns
 * where the hand is and how many buffers were allocated since the last round; it keeps
 * <ul>
 * <li>a smoothed allocation rate that rises at once and decays over 16 rounds
 *     ({@code smoothed_alloc}, {@code smoothing_samples}), times bgwriter_lru_multiplier, is
 *     how many clean reusable buffers it wants ahead of the hand;</li>
 * <li>a smoothed density: how many buffers the hand passes per allocation
 *     ({@code smoothed_density}), learnt both from the hand and from the writer's own scans,
 *     from which the reusable buffers already between the hand and the writer are
 *     estimated;</li>
 * <li>and, so an idle pool is still cleaned slowly, a floor of the whole pool every two
 *     minutes ({@code scan_whole_pool_milliseconds}).</li>
 * </ul>
 * The writer never runs more than one lap ahead of the hand; when the hand passes it, it jumps
 * to the hand.
 */
final class BackgroundWriterPacing {
    /** Rounds over which the averages smooth ({@code smoothing_samples}). */
    static final int SMOOTHING_SAMPLES = 16;
    /** The slowest pace: the whole pool once in this many milliseconds ({@code scan_whole_pool_milliseconds}). */
    static final int SCAN_WHOLE_POOL_MILLIS = 120_000;
    /** The density guessed before anything is known ({@code smoothed_density}'s start). */
    static final float INITIAL_DENSITY = 10.0f;

    /**
     * One round's plan: clean from {@code start} at most {@code toScan} buffers, stopping once
     * {@code wanted} reusable buffers are ahead of the hand, counting from {@code reusableEstimate}
     * (the ones believed there already). {@code idle}: no allocation and nothing left to
     * clean, so the writer may hibernate.
     */
    record Round(long start, int toScan, float reusableEstimate, int wanted, boolean idle) {}

    private final int poolSize;
    private boolean started;
    private long previousHand;
    private long nextToClean;
    private float smoothedAllocations;
    private float smoothedDensity = INITIAL_DENSITY;

    BackgroundWriterPacing(int poolSize) {
        this.poolSize = poolSize;
    }

    /**
     * Plans a round from the hand's absolute position and the allocations since the last round,
     * with bgwriter_delay and bgwriter_lru_multiplier.
     */
    Round plan(long hand, long recentAllocations, int delayMillis, double multiplier) {
        long handMoved = 0;
        int toLap;
        if (started && nextToClean >= hand) {
            // ahead of the hand (at most one lap): what is left of the lap
            handMoved = hand - previousHand;
            toLap = (int) Math.max(0, poolSize - (nextToClean - hand));
        } else {
            // first round, or the hand passed us: start cleaning at the hand
            handMoved = started ? hand - previousHand : 0;
            nextToClean = hand;
            toLap = poolSize;
        }
        previousHand = hand;
        started = true;

        if (handMoved > 0 && recentAllocations > 0) {
            learnDensity((float) handMoved / recentAllocations);
        }
        int ahead = poolSize - toLap;
        float reusableEstimate = ahead / smoothedDensity;

        if (smoothedAllocations <= recentAllocations) {
            smoothedAllocations = recentAllocations;
        } else {
            smoothedAllocations += (recentAllocations - smoothedAllocations) / SMOOTHING_SAMPLES;
        }
        int wanted = (int) (smoothedAllocations * multiplier);
        if (wanted == 0) {
            // lets the average reach zero instead of creeping towards it forever
            smoothedAllocations = 0;
        }
        int floor = minimumScan(delayMillis);
        if (wanted < floor + reusableEstimate) {
            wanted = (int) (floor + reusableEstimate);
        }
        return new Round(nextToClean, toLap, reusableEstimate, wanted, toLap == 0 && recentAllocations == 0);
    }

    /**
     * After the round: the writer scanned {@code scanned} buffers from the plan's start and found
     * {@code reusable} reusable ones in all (the estimate included); its scan teaches the density.
     */
    void finish(Round round, int scanned, float reusable) {
        nextToClean = round.start() + scanned;
        float found = reusable - round.reusableEstimate();
        if (scanned > 0 && found > 0) {
            learnDensity(scanned / found);
        }
    }

    /** Buffers per round that clean the whole pool in two minutes ({@code min_scan_buffers}). */
    int minimumScan(int delayMillis) {
        return (int) (poolSize / ((double) SCAN_WHOLE_POOL_MILLIS / delayMillis));
    }

    float smoothedAllocations() {
        return smoothedAllocations;
    }

    float smoothedDensity() {
        return smoothedDensity;
    }

    private void learnDensity(float scansPerAllocation) {
        smoothedDensity += (scansPerAllocation - smoothedDensity) / SMOOTHING_SAMPLES;
    }
}
