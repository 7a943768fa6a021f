package org.woolly.tcop.engine;

import java.util.OptionalInt;
import org.woolly.nodes.parse.SetValue;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code SET [LOCAL] ROLE name | NONE}, {@code RESET ROLE}, {@code SET [LOCAL] SESSION AUTHORIZATION
 * name | DEFAULT} and {@code RESET SESSION AUTHORIZATION}: the check hooks of the {@code role} and
 * {@code session_authorization} parameters in {@code src/backend/commands/variable.c}. Both are
 * ordinary settings once checked, so a rolled-back SET ROLE is undone and SET LOCAL ROLE lasts to
 * the end of the transaction; {@link QuerySession#currentRole()} reads them.
 */
final class RoleSwitch {
    /** The role parameter's value when no SET ROLE is in force. */
    static final String NONE = "none";
    private static final String ROLE = "role";
    private static final String SESSION_AUTHORIZATION = "session_authorization";

    private RoleSwitch() {}

    /** Whether the SET or RESET is one of these two parameters. */
    static boolean handles(String parameter) {
        return parameter.equalsIgnoreCase(ROLE) || parameter.equalsIgnoreCase(SESSION_AUTHORIZATION);
    }

    static String set(QuerySession session, Statement.VariableSet set) {
        String name = set.toDefault() || set.values().isEmpty() ? null
                : set.values().stream().map(SetValue::text).reduce((a, b) -> a + ", " + b).orElseThrow();
        if (set.local() && !session.block.inTransactionBlock()) {
            // SET LOCAL outside a transaction block: PostgreSQL's warning, and nothing changes
            return org.woolly.commands.VariableCommands.set(session.commandContext(), set);
        }
        if (set.name().equalsIgnoreCase(ROLE)) {
            setRole(session, name == null ? NONE : name, set.local());
        } else {
            setSessionAuthorization(session, name, set.local());
        }
        return "SET";
    }

    static String reset(QuerySession session, Statement.VariableReset reset) {
        if (reset.name().equalsIgnoreCase(ROLE)) {
            setRole(session, NONE, false);
        } else {
            setSessionAuthorization(session, null, false);
        }
        return "RESET";
    }

    /** {@code check_role}: the session user must be a member of the role (superusers are of all). */
    private static void setRole(QuerySession session, String name, boolean local) {
        if (!name.equals(NONE)) {
            int roleOid = existingRole(session, name);
            var transaction = session.block.ensure();
            if (!session.catalog.isMemberOfRole(transaction, session.sessionRole().oid(), roleOid)) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"%s\"", name);
            }
        }
        session.settings.set(ROLE, name, local);
        session.settings.setCurrentRoleSuperuser(session.currentRole().superuser(), local);
    }

    /**
     * {@code check_session_authorization}: only an authenticated superuser may become another
     * role; DEFAULT returns to the authenticated user. It also ends any SET ROLE, as PostgreSQL's
     * {@code SetSessionAuthorization} does.
     */
    private static void setSessionAuthorization(QuerySession session, String name, boolean local) {
        String target = name == null ? session.role.name() : name;
        int roleOid = existingRole(session, target);
        if (!session.role.superuser() && roleOid != session.role.oid()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization");
        }
        session.settings.set(SESSION_AUTHORIZATION, target, local);
        session.settings.set(ROLE, NONE, local);
        session.settings.setCurrentRoleSuperuser(session.currentRole().superuser(), local);
    }

    private static int existingRole(QuerySession session, String name) {
        OptionalInt oid = session.catalog.roleOid(session.block.ensure(), name);
        if (oid.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
        }
        return oid.getAsInt();
    }
}
