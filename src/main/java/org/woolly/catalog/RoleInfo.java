package org.woolly.catalog;

/**
 * A role as authentication and session start need it, from {@code pg_authid}: its OID, name,
 * whether it is a superuser and may log in, and its stored password
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, or null when none).
 */
public record RoleInfo(int oid, String name, boolean superuser, boolean canLogin, String password) {}
