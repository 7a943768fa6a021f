package org.woolly.postmaster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.woolly.catalog.RoleInfo;
import org.woolly.protocol.LoginCatalog;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.crypt.Scram;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Who may scrape the metrics endpoint when {@code metrics_auth = 'password'}: HTTP Basic
 * credentials (RFC 7617) checked as the {@code password} method of pg_hba.conf checks a
 * cleartext password ({@code auth.c}'s {@code CheckPasswordAuth}): against the role's SCRAM
 * verifier in pg_authid, on the server, for a role that may log in. Failures are logged as
 * PostgreSQL logs a failed password authentication, with the reason in the detail and never
 * to the client, which only learns 401. Membership of pg_monitor is checked afterwards, in a
 * session ({@link MetricsEndpoint}), because it needs the catalogs.
 */
final class MetricsAuthentication {
    /** The value of the WWW-Authenticate header of a 401 answer. */
    static final String CHALLENGE = "Basic realm=\"woolly metrics\", charset=\"UTF-8\"";
    private static final String BASIC = "basic ";

    private MetricsAuthentication() {}

    /** The role the credentials of an {@code Authorization} header name, if its password is right. */
    static Optional<RoleInfo> authenticate(LoginCatalog roles, String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = credentials.substring(0, colon);
        String password = credentials.substring(colon + 1);
        Optional<RoleInfo> role = roles.lookupRole(user);
        String failure;
        if (role.isEmpty()) {
            failure = "Role \"" + user + "\" does not exist.";
        } else if (role.get().password() == null) {
            failure = "User \"" + user + "\" has no password assigned.";
        } else if (!Scram.checkPassword(password, role.get().password())) {
            failure = "Password does not match for user \"" + user + "\".";
        } else if (!role.get().canLogin()) {
            failure = "Role \"" + user + "\" is not permitted to log in.";
        } else {
            return role;
        }
        ServerLog.report(new SqlException(Severity.LOG, SqlState.INVALID_PASSWORD,
                "metrics endpoint: password authentication failed for user \"" + user + "\"", failure, null, 0, null),
                null);
        return Optional.empty();
    }

    /**
     * Whether the role has the privileges of {@code pg_monitor} (a superuser has them), read
     * through {@code session} as {@code pg_has_role(role, 'pg_monitor', 'USAGE')}.
     */
    static boolean monitors(SessionEngine session, RoleInfo role) {
        List<Object[]> rows = AutovacuumWorker.execute(session, "SELECT pg_has_role(rolname, "
                + "'pg_monitor', 'USAGE') FROM pg_catalog.pg_authid WHERE oid = " + Integer.toUnsignedString(role.oid()));
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.getFirst()[0]);
    }
}
