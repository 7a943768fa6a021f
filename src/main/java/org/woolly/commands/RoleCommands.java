package org.woolly.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.DatabaseInfo;
import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.crypt.Scram;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucSession;

/**
 * CREATE, ALTER, DROP ROLE and GRANT/REVOKE of role membership: counterpart of
 * {@code user.c} ({@code CreateRole}, {@code AlterRole}, {@code RenameRole}, {@code DropRole},
 * {@code GrantRole} with {@code AddRoleMems}/{@code DelRoleMems}), with PostgreSQL 15's
 * permission rules: superusers may do anything, roles with CREATEROLE may manage non-superuser
 * roles, and a role's ADMIN OPTION holders may grant it. Passwords are stored as SCRAM-SHA-256
 * verifiers.
 */
public final class RoleCommands {

    private RoleCommands() {}

    public static String create(CommandContext context, AccessCommand.CreateRole create) {
        String name = create.name();
        if (name.startsWith("pg_")) {
            throw SqlException.of(SqlState.RESERVED_NAME, "role name \"%s\" is reserved", name)
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<RoleSpec> inRoles = List.of();
        List<RoleSpec> members = List.of();
        List<RoleSpec> admins = List.of();
        for (AccessCommand.RoleOption option : create.options()) {
            switch (option.name()) {
                case "addroleto" -> inRoles = roles(option);
                case "rolemembers" -> members = roles(option);
                case "adminmembers" -> admins = roles(option);
                case "sysid" -> context.notices().notice(new SqlException(Severity.NOTICE,
                        SqlState.SUCCESSFUL_COMPLETION, "SYSID can no longer be specified", null, null, 0, null));
                default -> attribute(context, option, attributes);
            }
        }
        if (create.kind().equals("USER")) {
            attributes.putIfAbsent("rolcanlogin", true);
        }
        boolean superuser = Boolean.TRUE.equals(attributes.get("rolsuper"));
        RoleInfo user = context.user();
        if (superuser || Boolean.TRUE.equals(attributes.get("rolreplication"))
                || Boolean.TRUE.equals(attributes.get("rolbypassrls"))) {
            if (!user.superuser()) {
                String what = superuser ? "superusers" : attributes.containsKey("rolreplication")
                        ? "replication users" : "bypassrls users";
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create %s", what);
            }
        } else if (!canCreateRoles(context)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create role");
        }
        if (context.catalog().roleOid(context.transaction(), name).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", name);
        }
        int oid = context.catalog().createRole(context.transaction(), name, attributes);
        for (RoleSpec role : inRoles) {
            addMember(context, Privileges.roleOid(context, role), oid, false);
        }
        for (RoleSpec member : members) {
            addMember(context, oid, Privileges.roleOid(context, member), false);
        }
        for (RoleSpec admin : admins) {
            addMember(context, oid, Privileges.roleOid(context, admin), true);
        }
        return create.tag();
    }

    public static String alter(CommandContext context, AccessCommand.AlterRole alter) {
        int oid = Privileges.roleOid(context, alter.role());
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AccessCommand.RoleOption option : alter.options()) {
            attribute(context, option, attributes);
        }
        Map<String, Object> current = context.catalog().roleAttributes(context.transaction(), oid).orElseThrow();
        String name = (String) current.get("rolname");
        RoleInfo user = context.user();
        if (!user.superuser()) {
            boolean onlyOwnPassword = oid == user.oid() && attributes.keySet().stream()
                    .allMatch(column -> column.equals("rolpassword"));
            if (Boolean.TRUE.equals(current.get("rolsuper")) || attributes.containsKey("rolsuper")) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superuser roles "
                        + "or change superuser attribute");
            }
            if (attributes.containsKey("rolreplication") || attributes.containsKey("rolbypassrls")) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to change %s attribute",
                        attributes.containsKey("rolreplication") ? "replication" : "bypassrls");
            }
            if (!onlyOwnPassword && !canCreateRoles(context)) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied");
            }
        }
        if (!attributes.isEmpty()) {
            context.catalog().alterRole(context.transaction(), oid, attributes);
        }
        return alter.tag();
    }

    /**
     * ALTER ROLE ... [IN DATABASE ...] SET / RESET and ALTER DATABASE ... SET / RESET
     * ({@code AlterRoleSet}, {@code AlterDatabaseSet}, then {@code AlterSetting}): checks who may,
     * checks the value as a SET would ({@code validate_option_array_item}) and rewrites the
     * (database, role) row of pg_db_role_setting. New sessions apply it.
     */
    public static String alterSetting(CommandContext context, AccessCommand.AlterSetting alter) {
        int databaseOid = 0;
        if (alter.database() != null) {
            DatabaseInfo database = context.catalog().databases().lookup(context.transaction(), alter.database())
                    .orElseThrow(() -> SqlException.of(SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist",
                            alter.database()));
            databaseOid = database.oid();
            if (alter.databaseForm()) {
                Privileges.checkOwner(context, database.ownerOid(), "database", database.name());
            }
        }
        int roleOid = 0;
        RoleInfo user = context.user();
        if (alter.role() != null) {
            roleOid = Privileges.roleOid(context, alter.role());
            Map<String, Object> role = context.catalog().roleAttributes(context.transaction(), roleOid).orElseThrow();
            if (Boolean.TRUE.equals(role.get("rolsuper")) ? !user.superuser()
                    : !canCreateRoles(context) && roleOid != user.oid()) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, Boolean.TRUE.equals(role.get("rolsuper"))
                        ? "must be superuser to alter superusers" : "permission denied");
            }
        } else if (!alter.databaseForm() && !user.superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to alter settings globally");
        }
        List<String> config = new ArrayList<>(context.catalog().storedSettings(context.transaction(), databaseOid,
                roleOid));
        switch (alter.setting()) {
            case Statement.VariableSet set -> {
                String value = VariableCommands.valueText(set);
                String name = GucSession.checkStoredSetting(set.name(), value, user.superuser());
                config.removeIf(item -> settingName(item).equalsIgnoreCase(name));
                if (value != null) {
                    config.add(name + "=" + value);
                }
            }
            case Statement.VariableReset reset when reset.name().equals("all") -> config.clear();
            case Statement.VariableReset reset -> {
                String name = GucSession.checkStoredSetting(reset.name(), null, user.superuser());
                config.removeIf(item -> settingName(item).equalsIgnoreCase(name));
            }
            default -> throw new IllegalArgumentException("not a SET or RESET: " + alter.setting());
        }
        context.catalog().storeSettings(context.transaction(), databaseOid, roleOid, config);
        return alter.tag();
    }

    /** The parameter name of a stored {@code name=value} text. */
    private static String settingName(String item) {
        int equals = item.indexOf('=');
        return equals < 0 ? item : item.substring(0, equals);
    }

    public static String rename(CommandContext context, AccessCommand.RenameRole rename) {
        OptionalInt oid = context.catalog().roleOid(context.transaction(), rename.name());
        if (oid.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", rename.name());
        }
        if (oid.getAsInt() == context.sessionUser().oid()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        }
        if (oid.getAsInt() == context.user().oid()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        }
        if (context.catalog().roleOid(context.transaction(), rename.newName()).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", rename.newName());
        }
        if (rename.newName().startsWith("pg_")) {
            throw SqlException.of(SqlState.RESERVED_NAME, "role name \"%s\" is reserved", rename.newName())
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
        Map<String, Object> current = context.catalog().roleAttributes(context.transaction(), oid.getAsInt())
                .orElseThrow();
        if (Boolean.TRUE.equals(current.get("rolsuper")) ? !context.user().superuser() : !canCreateRoles(context)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, Boolean.TRUE.equals(current.get("rolsuper"))
                    ? "must be superuser to rename superusers" : "permission denied to rename role");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("rolname", rename.newName());
        String password = (String) current.get("rolpassword");
        if (password != null && password.startsWith("md5")) {
            // an MD5 hash is salted with the name: it no longer matches (PostgreSQL clears it the same way)
            attributes.put("rolpassword", null);
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "MD5 password cleared because of role rename", null, null, 0, null));
        }
        context.catalog().alterRole(context.transaction(), oid.getAsInt(), attributes);
        return rename.tag();
    }

    /** {@code DROP ROLE}: 2BP01 while objects depend on it, 55006 for the current or session user. */
    public static String drop(CommandContext context, Statement.Drop drop) {
        if (!canCreateRoles(context)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to drop role");
        }
        for (QualifiedName name : drop.names()) {
            OptionalInt oid = context.catalog().roleOid(context.transaction(), name.name());
            if (oid.isEmpty()) {
                if (!drop.ifExists()) {
                    throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name.name());
                }
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "role \"%s\" does not exist, skipping".formatted(name.name()), null, null, 0, null));
                continue;
            }
            int role = oid.getAsInt();
            if (role == context.user().oid()) {
                throw SqlException.of(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (role == context.sessionUser().oid()) {
                throw SqlException.of(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (role == CatalogOids.BOOTSTRAP_SUPERUSER) {
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop role %s because it is required by the database system", name.name());
            }
            Map<String, Object> attributes = context.catalog().roleAttributes(context.transaction(), role)
                    .orElseThrow();
            if (Boolean.TRUE.equals(attributes.get("rolsuper")) && !context.user().superuser()) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers");
            }
            List<String> dependents = context.catalog().roleDependents(context.transaction(), role);
            if (!dependents.isEmpty()) {
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "role \"%s\" cannot be dropped because some objects depend on it", name.name())
                        .withDetail(String.join("\n", dependents));
            }
            context.catalog().dropRole(context.transaction(), role);
        }
        return "DROP ROLE";
    }

    /** GRANT role TO role and REVOKE role FROM role. */
    public static String grantOrRevoke(CommandContext context, AccessCommand.GrantRole grant) {
        int grantor = grant.grantedBy() == null ? context.user().oid() : Privileges.roleOid(context, grant.grantedBy());
        if (grant.grantedBy() != null && grantor != context.user().oid() && !context.user().superuser()) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to set grantor");
        }
        for (RoleSpec granted : grant.roles()) {
            int role = Privileges.roleOid(context, granted);
            String roleName = context.catalog().roleName(context.transaction(), role).orElseThrow();
            checkAdmin(context, role, roleName);
            for (RoleSpec grantee : grant.grantees()) {
                int member = Privileges.roleOid(context, grantee);
                String memberName = context.catalog().roleName(context.transaction(), member).orElseThrow();
                if (grant.revoke()) {
                    revoke(context, role, roleName, member, memberName, grant.adminOption());
                } else {
                    grant(context, role, roleName, member, memberName, grantor, grant.adminOption());
                }
            }
        }
        return grant.tag();
    }

    private static void grant(CommandContext context, int role, String roleName, int member, String memberName,
                              int grantor, boolean adminOption) {
        if (context.catalog().rolesOf(context.transaction(), role, false).contains(member)) {
            throw SqlException.of(SqlState.INVALID_GRANT_OPERATION, "role \"%s\" is a member of role \"%s\"",
                    roleName, memberName);
        }
        Optional<Boolean> existing = context.catalog().membership(context.transaction(), role, member);
        if (existing.isPresent() && (!adminOption || existing.get())) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "role \"%s\" is already a member of role \"%s\"".formatted(memberName, roleName), null, null, 0,
                    null));
            return;
        }
        context.catalog().grantMembership(context.transaction(), role, member, grantor, adminOption);
    }

    private static void revoke(CommandContext context, int role, String roleName, int member, String memberName,
                               boolean adminOptionOnly) {
        if (context.catalog().membership(context.transaction(), role, member).isEmpty()) {
            context.notices().notice(new SqlException(Severity.WARNING, SqlState.WARNING,
                    "role \"%s\" is not a member of role \"%s\"".formatted(memberName, roleName), null, null, 0,
                    null));
            return;
        }
        context.catalog().revokeMembership(context.transaction(), role, member, adminOptionOnly);
    }

    private static void addMember(CommandContext context, int role, int member, boolean adminOption) {
        String roleName = context.catalog().roleName(context.transaction(), role).orElseThrow();
        String memberName = context.catalog().roleName(context.transaction(), member).orElseThrow();
        grant(context, role, roleName, member, memberName, context.user().oid(), adminOption);
    }

    /** Who may grant a role: superusers for a superuser role; else CREATEROLE or the role's ADMIN OPTION. */
    private static void checkAdmin(CommandContext context, int role, String roleName) {
        RoleInfo user = context.user();
        if (user.superuser()) {
            return;
        }
        if (isSuperuserRole(context, role)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superusers");
        }
        if (canCreateRoles(context) || adminOf(context, user.oid(), role)) {
            return;
        }
        throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must have admin option on role \"%s\"", roleName);
    }

    /** Whether {@code member} holds ADMIN OPTION on {@code role}, itself or through a role it belongs to. */
    private static boolean adminOf(CommandContext context, int member, int role) {
        Optional<Boolean> direct = context.catalog().membership(context.transaction(), role, member);
        return direct.orElse(false);
    }

    private static boolean isSuperuserRole(CommandContext context, int role) {
        return context.catalog().roleAttributes(context.transaction(), role)
                .map(attributes -> Boolean.TRUE.equals(attributes.get("rolsuper"))).orElse(false);
    }

    /** {@code have_createrole_privilege}: superuser or CREATEROLE. */
    private static boolean canCreateRoles(CommandContext context) {
        RoleInfo user = context.user();
        return user.superuser() || context.catalog().roleAttributes(context.transaction(), user.oid())
                .map(attributes -> Boolean.TRUE.equals(attributes.get("rolcreaterole"))).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static List<RoleSpec> roles(AccessCommand.RoleOption option) {
        return (List<RoleSpec>) option.value();
    }

    /** One pg_authid attribute from a role option; a repeated one is 42601 {@code conflicting or redundant options}. */
    private static void attribute(CommandContext context, AccessCommand.RoleOption option,
                                  Map<String, Object> attributes) {
        String column = switch (option.name()) {
            case "superuser" -> "rolsuper";
            case "createdb" -> "rolcreatedb";
            case "createrole" -> "rolcreaterole";
            case "inherit" -> "rolinherit";
            case "login" -> "rolcanlogin";
            case "replication" -> "rolreplication";
            case "bypassrls" -> "rolbypassrls";
            case "connectionlimit" -> "rolconnlimit";
            case "password" -> "rolpassword";
            case "validuntil" -> "rolvaliduntil";
            default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "option \"%s\" not recognized", option.name());
        };
        if (attributes.containsKey(column)) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                    .withPosition(option.location() + 1);
        }
        Object value = option.value();
        if (column.equals("rolconnlimit") && (Integer) value < -1) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: %d", value);
        }
        if (column.equals("rolpassword") && value != null) {
            String password = (String) value;
            value = password.isEmpty() ? null : Scram.isVerifier(password) ? password : Scram.makeVerifier(password);
            if (password.isEmpty()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "empty string is not a valid password, clearing password", null, null, 0, null));
            }
        }
        if (column.equals("rolvaliduntil")) {
            value = context.types().type(TypeOids.TIMESTAMPTZ).io().input((String) value, -1,
                    context.formatSettings());
        }
        attributes.put(column, value);
    }
}
