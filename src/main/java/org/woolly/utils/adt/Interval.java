package org.woolly.utils.adt;

/** An interval value as PostgreSQL stores it: months, days and microseconds, kept apart. */
public record Interval(int months, int days, long microseconds) {}
