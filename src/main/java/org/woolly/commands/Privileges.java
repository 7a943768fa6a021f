package org.woolly.commands;

import java.util.OptionalInt;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The ownership, membership and privilege checks utility commands make before they change
 * anything ({@code aclchk.c}'s {@code pg_*_ownercheck} and {@code pg_*_aclcheck},
 * {@code acl.c}'s {@code check_is_member_of_role} and {@code get_rolespec_oid}). Superusers pass
 * every check; a role has the privileges of the roles it is a member of with INHERIT.
 */
public final class Privileges {

    private Privileges() {}

    /** The OID a role specification names; 42704 for a name no role has. */
    public static int roleOid(CommandContext context, RoleSpec spec) {
        return switch (spec.kind()) {
            case CURRENT_USER, CURRENT_ROLE -> context.user().oid();
            case SESSION_USER -> context.sessionUser().oid();
            case PUBLIC -> throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
            case NAME -> {
                OptionalInt oid = context.catalog().roleOid(context.transaction(), spec.name());
                if (oid.isEmpty()) {
                    throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", spec.name());
                }
                yield oid.getAsInt();
            }
        };
    }

    /** Whether the current user has the privileges of {@code roleOid} (is it, or inherits from it), or is superuser. */
    public static boolean hasPrivilegesOf(CommandContext context, int roleOid) {
        RoleInfo user = context.user();
        return user == null || user.superuser() || user.oid() == roleOid
                || context.catalog().hasPrivilegesOfRole(context.transaction(), user.oid(), roleOid);
    }

    /** {@code pg_*_ownercheck}: 42501 {@code must be owner of <kind> <name>} unless the user has the owner's privileges. */
    public static void checkOwner(CommandContext context, int ownerOid, String kind, String name) {
        if (!hasPrivilegesOf(context, ownerOid)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of %s %s", kind, name);
        }
    }

    /** {@code check_is_member_of_role}: 42501 {@code must be member of role "x"}. */
    public static void checkMembership(CommandContext context, int roleOid) {
        RoleInfo user = context.user();
        if (user == null || user.superuser() || user.oid() == roleOid
                || context.catalog().isMemberOfRole(context.transaction(), user.oid(), roleOid)) {
            return;
        }
        String name = context.catalog().roleName(roleOid).orElse(Integer.toUnsignedString(roleOid));
        throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"%s\"", name);
    }

    /** CREATE on the current database (for CREATE SCHEMA): 42501 {@code permission denied for database d}. */
    public static void checkDatabaseCreate(CommandContext context) {
        if (!context.catalog().hasDatabasePrivilege(context.transaction(), userOid(context), 'C')) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database %s",
                    context.catalog().databaseName());
        }
    }

    /** CREATE on a schema (creating or moving an object into it): 42501 {@code permission denied for schema s}. */
    public static void checkSchemaCreate(CommandContext context, NamespaceInfo namespace) {
        if (!context.catalog().hasNamespacePrivilege(context.transaction(), userOid(context), namespace, 'C')) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema %s",
                    namespace.name());
        }
    }

    /** The role new objects belong to: the current user (the bootstrap superuser where no session stands behind). */
    static int currentUserOid(CommandContext context) {
        return userOid(context);
    }

    private static int userOid(CommandContext context) {
        return context.user() == null ? org.woolly.catalog.CatalogOids.BOOTSTRAP_SUPERUSER : context.user().oid();
    }
}
