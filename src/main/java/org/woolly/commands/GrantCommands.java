package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.woolly.catalog.DatabaseInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.acl.Acl;
import org.woolly.nodes.parse.AccessCommand;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RoleSpec;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * GRANT and REVOKE of privileges on tables, sequences, schemas and databases: counterpart of
 * {@code aclchk.c}'s {@code ExecuteGrantStmt} / {@code ExecGrant_Relation} /
 * {@code ExecGrant_Namespace} / {@code ExecGrant_Database}. The owner (or a superuser, acting as the owner) grants any
 * privilege; another role only what it holds WITH GRANT OPTION, with PostgreSQL's warnings
 * when that is less than asked. The new ACL is written to relacl / nspacl in aclitem[] text.
 */
public final class GrantCommands {

    private GrantCommands() {}

    public static String run(CommandContext context, AccessCommand.GrantPrivileges grant) {
        String objectType = grant.objectType();
        List<Integer> grantees = new ArrayList<>();
        for (RoleSpec grantee : grant.grantees()) {
            grantees.add(grantee.kind() == RoleSpec.Kind.PUBLIC ? Acl.PUBLIC : Privileges.roleOid(context, grantee));
        }
        // PostgreSQL 15 takes GRANTED BY only naming the current user
        if (grant.grantedBy() != null && context.user() != null
                && Privileges.roleOid(context, grant.grantedBy()) != context.user().oid()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "grantor must be current user");
        }
        if (grant.grantOption() && !grant.revoke() && grantees.contains(Acl.PUBLIC)) {
            throw SqlException.of(SqlState.INVALID_GRANT_OPERATION, "grant options can only be granted to roles");
        }
        switch (objectType) {
            case "DATABASE" -> {
                int mask = mask(grant.privileges(), Acl.ObjectType.DATABASE, "database");
                for (QualifiedName name : grant.objects()) {
                    DatabaseInfo database = context.catalog().databases().lookup(context.transaction(), name.name())
                            .orElseThrow(() -> SqlException.of(SqlState.INVALID_CATALOG_NAME,
                                    "database \"%s\" does not exist", name.name()));
                    String acl = change(context, grant, grantees, mask, Acl.ObjectType.DATABASE,
                            context.catalog().databases().acl(context.transaction(), database.oid()),
                            database.ownerOid(), "database", database.name());
                    context.catalog().databases().update(context.transaction(), database.oid(),
                            java.util.Map.of("datacl", acl));
                }
            }
            case "SCHEMA" -> {
                int mask = mask(grant.privileges(), Acl.ObjectType.SCHEMA, "schema");
                for (QualifiedName name : grant.objects()) {
                    NamespaceInfo namespace = schema(context, name.name());
                    String acl = change(context, grant, grantees, mask, Acl.ObjectType.SCHEMA, namespace.acl(),
                            namespace.ownerOid(), "schema", namespace.name());
                    context.catalog().setNamespaceAcl(context.transaction(), namespace, acl);
                }
            }
            case "ALL TABLES IN SCHEMA" -> {
                int mask = mask(grant.privileges(), Acl.ObjectType.TABLE, "table");
                for (QualifiedName name : grant.objects()) {
                    NamespaceInfo namespace = schema(context, name.name());
                    for (RelationInfo relation : context.catalog().namespaceDependents(context.transaction(),
                            namespace)) {
                        if (relation.kind() == 'r' || relation.kind() == 'v') {
                            relation(context, grant, grantees, mask, relation);
                        }
                    }
                }
            }
            default -> {
                boolean sequence = objectType.equals("SEQUENCE");
                Acl.ObjectType type = sequence ? Acl.ObjectType.SEQUENCE : Acl.ObjectType.TABLE;
                int mask = mask(grant.privileges(), type, sequence ? "sequence" : "table");
                for (QualifiedName name : grant.objects()) {
                    RelationInfo relation = context.catalog().openRelation(context.transaction(), name.schema(),
                            name.name(), LockMode.ROW_EXCLUSIVE).orElseThrow(() -> SqlException.of(
                            SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name));
                    if (sequence && relation.kind() != 'S') {
                        throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", name.name());
                    }
                    relation(context, grant, grantees, mask, relation);
                }
            }
        }
        return grant.tag();
    }

    private static void relation(CommandContext context, AccessCommand.GrantPrivileges grant, List<Integer> grantees,
                                 int mask, RelationInfo relation) {
        Acl.ObjectType type = relation.kind() == 'S' ? Acl.ObjectType.SEQUENCE : Acl.ObjectType.TABLE;
        String kind = relation.kind() == 'S' ? "sequence" : relation.kind() == 'v' ? "view" : "table";
        int owner = context.catalog().relationOwner(context.transaction(), relation);
        String acl = change(context, grant, grantees, mask & type.all(), type,
                context.catalog().relationAcl(context.transaction(), relation), owner, kind, relation.name());
        context.catalog().setRelationAcl(context.transaction(), relation, acl);
    }

    /** The new ACL text of one object after the GRANT or REVOKE ({@code merge_acl_with_grant}). */
    private static String change(CommandContext context, AccessCommand.GrantPrivileges grant, List<Integer> grantees,
                                 int mask, Acl.ObjectType type, String aclText, int owner, String kind, String name) {
        Acl acl = Acl.parse(aclText, type, owner,
                roleName -> context.catalog().aclRoleOid(context.transaction(), roleName));
        int grantor;
        int allowed;
        if (Privileges.hasPrivilegesOf(context, owner)) {
            grantor = owner;
            allowed = mask;
        } else {
            grantor = context.user().oid();
            Set<Integer> inherited = context.catalog().rolesOf(context.transaction(), grantor, true);
            allowed = acl.grantOptionsOf(grantor, mask, inherited::contains);
            if (allowed == 0 && acl.privilegesOf(grantor, type.all(), inherited::contains) == 0) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for %s %s", kind, name);
            }
            if (allowed == 0) {
                warn(context, grant.revoke() ? "no privileges could be revoked for \"%s\""
                        : "no privileges were granted for \"%s\"", name);
            } else if (allowed != mask && !grant.privileges().isEmpty()) {
                warn(context, grant.revoke() ? "not all privileges could be revoked for \"%s\""
                        : "not all privileges were granted for \"%s\"", name);
            }
        }
        for (int grantee : grantees) {
            if (grant.revoke()) {
                int optionsBefore = optionsFrom(acl, grantee, grantor);
                acl = acl.revoke(grantee, grantor, allowed, grant.grantOption());
                acl = revokeDependents(acl, grantee, optionsBefore & ~optionsFrom(acl, grantee, grantor),
                        grant.cascade());
            } else {
                acl = acl.grant(grantee, grantor, allowed, grant.grantOption());
            }
        }
        return acl.format(oid -> context.catalog().roleName(context.transaction(), oid)
                .orElse(Integer.toUnsignedString(oid)));
    }

    /** The grant options {@code grantee} holds from {@code grantor} under the ACL. */
    private static int optionsFrom(Acl acl, int grantee, int grantor) {
        int options = 0;
        for (Acl.Item item : acl.items()) {
            if (item.grantee() == grantee && item.grantor() == grantor) {
                options |= item.grantOptions();
            }
        }
        return options;
    }

    /**
     * {@code recursive_revoke}: {@code grantee} lost the grant options {@code lost}, so what it
     * granted with them goes as well with CASCADE, and is 2BP01 without, unless it still holds
     * those options from another grantor.
     */
    private static Acl revokeDependents(Acl acl, int grantee, int lost, boolean cascade) {
        if (lost == 0 || grantee == Acl.PUBLIC || acl.grantOptionsOf(grantee, lost, role -> false) == lost) {
            return acl;
        }
        for (Acl.Item item : acl.items()) {
            if (item.grantor() == grantee && item.grantee() != grantee && (item.privileges() & lost) != 0) {
                if (!cascade) {
                    throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist")
                            .withHint("Use CASCADE to revoke them too.");
                }
                int optionsBefore = optionsFrom(acl, item.grantee(), grantee);
                acl = acl.revoke(item.grantee(), grantee, lost, false);
                return revokeDependents(revokeDependents(acl, item.grantee(),
                        optionsBefore & ~optionsFrom(acl, item.grantee(), grantee), true), grantee, lost, true);
            }
        }
        return acl;
    }

    private static void warn(CommandContext context, String format, String name) {
        SqlState state = format.contains("revoked") ? SqlState.WARNING_PRIVILEGE_NOT_REVOKED
                : SqlState.WARNING_PRIVILEGE_NOT_GRANTED;
        context.notices().notice(new SqlException(Severity.WARNING, state, format.formatted(name), null, null, 0,
                null));
    }

    /** The privilege bits named (ALL when none): 0LP01 for one the object type lacks, 42601 for an unknown word. */
    private static int mask(List<String> privileges, Acl.ObjectType type, String kind) {
        if (privileges.isEmpty()) {
            return type.all();
        }
        int mask = 0;
        for (String privilege : privileges) {
            char letter = switch (privilege) {
                case "select" -> 'r';
                case "insert" -> 'a';
                case "update" -> 'w';
                case "delete" -> 'd';
                case "truncate" -> 'D';
                case "references" -> 'x';
                case "trigger" -> 't';
                case "execute" -> 'X';
                case "usage" -> 'U';
                case "create" -> 'C';
                case "temporary", "temp" -> 'T';
                case "connect" -> 'c';
                default -> throw SqlException.of(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"%s\"",
                        privilege);
            };
            int bit = Acl.bit(letter);
            if ((type.all() & bit) == 0) {
                throw SqlException.of(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type %s for %s",
                        privilege.equals("temp") ? "TEMPORARY" : privilege.toUpperCase(Locale.ROOT), kind);
            }
            mask |= bit;
        }
        return mask;
    }

    private static NamespaceInfo schema(CommandContext context, String name) {
        return context.catalog().namespace(context.transaction(), name).orElseThrow(
                () -> SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name));
    }
}
