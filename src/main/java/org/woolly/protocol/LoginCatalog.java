package org.woolly.protocol;

import org.woolly.catalog.RoleInfo;

import java.util.Optional;

/**
 * What authentication reads from the catalogs before a session exists: the role logging in
 * ({@code pg_authid}, PostgreSQL's {@code get_role_password}) and whether the requested
 * database exists ({@code pg_database}, checked by {@code InitPostgres}). Defined here so the
 * protocol layer depends on this view only; the engine above implements it.
 */
public interface LoginCatalog {

    /** The role that may log in under {@code name}, if it exists (from {@code pg_authid}). */
    Optional<RoleInfo> lookupRole(String name);

    /** Whether a database of that name exists and accepts connections ({@code pg_database}). */
    boolean databaseExists(String name);
}
