package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Roles, membership and the catalog views of roles, sequences and settings through psql, compared
 * with PostgreSQL 15's output of the same script: {@code \du}, {@code \dg}, pg_has_role, SET ROLE
 * and SET SESSION AUTHORIZATION with the privileges they change, pg_sequences and pg_settings.
 */
class PrivilegesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void rolesSequencesAndSettingsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "settings/roles");
    }
}
