package org.woolly.access.transam;

/** A transaction's state in the commit log ({@code pg_xact}). */
public enum XidStatus { IN_PROGRESS, COMMITTED, ABORTED }
