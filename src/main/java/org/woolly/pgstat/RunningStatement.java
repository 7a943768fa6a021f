package org.woolly.pgstat;

/**
 * The statement a backend runs now, as other sessions may look at it while it runs (Woolly's
 * live plan; PostgreSQL has no counterpart): what {@code woolly_stat_activity}'s plan node and
 * rows so far and {@code woolly_explain_backend(pid)} read. The activity table only carries it
 * from the backend to its readers; the layer that runs statements ({@code tcop}) implements and
 * reads it, since printing a plan is above this package. The counters behind it are written by
 * the backend's own thread without a lock; a reader may see a count one row behind, never a
 * torn one.
 */
public interface RunningStatement {
}
