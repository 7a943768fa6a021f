package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.woolly.catalog.CatalogDefinitions.PG_AUTHID;
import static org.woolly.catalog.CatalogDefinitions.PG_AUTH_MEMBERS;
import static org.woolly.catalog.CatalogDefinitions.PG_DB_ROLE_SETTING;

/**
 * The shared catalogs of roles: pg_authid rows ({@code user.c}'s CreateRole, AlterRole,
 * RenameRole, DropRole) and role membership in pg_auth_members ({@code AddRoleMems},
 * {@code DelRoleMems}), with the membership closure {@code acl.c}'s {@code roles_is_member_of}
 * computes. Shared catalogs live in database 0; a change is noted like any catalog change, so
 * the shared image is reloaded when the transaction commits and the transaction itself reads
 * pg_authid with its own snapshot meanwhile.
 */
final class RoleDdl {
    /** The OID keyed for invalidation when pg_authid or pg_auth_members change. */
    private static final int INVALIDATION_KEY = PG_AUTHID.oid();

    private final SystemCatalog system;

    RoleDdl(SystemCatalog system) {
        this.system = system;
    }

    /** Inserts a pg_authid row: the defaults of CREATE ROLE, overridden by {@code attributes} (column to value). */
    int create(Transaction tx, String name, Map<String, Object> attributes) {
        if (system.lookupRole(tx, name).isPresent()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", name);
        }
        int oid = system.storage().allocateOid();
        RowBuilder row = new RowBuilder(PG_AUTHID).set("oid", oid).set("rolname", name).set("rolsuper", false)
                .set("rolinherit", true).set("rolcreaterole", false).set("rolcreatedb", false)
                .set("rolcanlogin", false).set("rolreplication", false).set("rolbypassrls", false)
                .set("rolconnlimit", -1);
        attributes.forEach(row::set);
        system.noteCatalogChange(tx, INVALIDATION_KEY);
        system.heap().insert(PG_AUTHID, 0, row.build(), tx);
        tx.incrementCommandId();
        return oid;
    }

    /** Sets pg_authid columns of a role (ALTER ROLE, RENAME). */
    void update(Transaction tx, int roleOid, Map<String, Object> attributes) {
        if (attributes.containsKey("rolname")) {
            String name = (String) attributes.get("rolname");
            if (system.lookupRole(tx, name).isPresent()) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", name);
            }
        }
        Snapshot snapshot = begin(tx);
        for (CatalogRow row : scan(PG_AUTHID, snapshot, candidate -> candidate.getOid("oid") == roleOid)) {
            Object[] values = row.values().clone();
            attributes.forEach((column, value) -> values[PG_AUTHID.column(column)] = value);
            system.heap().update(row, 0, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Deletes the role's pg_authid row, its memberships both ways and its pg_db_role_setting rows. */
    void drop(Transaction tx, int roleOid) {
        Snapshot snapshot = begin(tx);
        for (CatalogRow row : scan(PG_AUTHID, snapshot, candidate -> candidate.getOid("oid") == roleOid)) {
            system.heap().delete(row, 0, tx, snapshot);
        }
        for (CatalogRow row : scan(PG_AUTH_MEMBERS, snapshot,
                candidate -> candidate.getOid("roleid") == roleOid || candidate.getOid("member") == roleOid)) {
            system.heap().delete(row, 0, tx, snapshot);
        }
        for (CatalogRow row : scan(PG_DB_ROLE_SETTING, snapshot,
                candidate -> candidate.getOid("setrole") == roleOid)) {
            system.heap().delete(row, 0, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** The {@code name=value} texts stored for (database, role) in pg_db_role_setting, empty when none. */
    List<String> settings(Transaction tx, int databaseOid, int roleOid) {
        List<CatalogRow> rows = settingRows(tx.takeSnapshot(), databaseOid, roleOid);
        return rows.isEmpty() ? List.of() : configOf(rows.getFirst());
    }

    /**
     * Replaces the texts stored for (database, role) ({@code AlterSetting}): the row goes when
     * {@code config} is empty, is added when there was none.
     */
    void storeSettings(Transaction tx, int databaseOid, int roleOid, List<String> config) {
        Snapshot snapshot = begin(tx);
        List<CatalogRow> rows = settingRows(snapshot, databaseOid, roleOid);
        ArrayValue stored = config.isEmpty() ? null : ArrayValue.of(TypeOids.TEXT, config);
        if (rows.isEmpty() && stored != null) {
            system.heap().insert(PG_DB_ROLE_SETTING, 0, new RowBuilder(PG_DB_ROLE_SETTING).set("setdatabase",
                    databaseOid).set("setrole", roleOid).set("setconfig", stored).build(), tx);
        } else if (!rows.isEmpty() && stored == null) {
            system.heap().delete(rows.getFirst(), 0, tx, snapshot);
        } else if (!rows.isEmpty()) {
            Object[] values = rows.getFirst().values().clone();
            values[PG_DB_ROLE_SETTING.column("setconfig")] = stored;
            system.heap().update(rows.getFirst(), 0, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    private List<CatalogRow> settingRows(Snapshot snapshot, int databaseOid, int roleOid) {
        return scan(PG_DB_ROLE_SETTING, snapshot, row -> row.getOid("setdatabase") == databaseOid
                && row.getOid("setrole") == roleOid);
    }

    /** A pg_db_role_setting row's setconfig texts. */
    static List<String> configOf(CatalogRow row) {
        ArrayValue config = (ArrayValue) row.get("setconfig");
        return config == null ? List.of() : config.elements().stream().map(String.class::cast).toList();
    }

    /** The pg_auth_members row making {@code member} a member of {@code role}, or null. */
    CatalogRow membership(Transaction tx, int role, int member) {
        for (CatalogRow row : system.memberships(tx)) {
            if (row.getOid("roleid") == role && row.getOid("member") == member) {
                return row;
            }
        }
        return null;
    }

    /** Adds (or, for a new ADMIN OPTION, updates) the membership. */
    void addMember(Transaction tx, int role, int member, int grantor, boolean adminOption) {
        Snapshot snapshot = begin(tx);
        List<CatalogRow> existing = scan(PG_AUTH_MEMBERS, snapshot,
                row -> row.getOid("roleid") == role && row.getOid("member") == member);
        if (existing.isEmpty()) {
            system.heap().insert(PG_AUTH_MEMBERS, 0, new RowBuilder(PG_AUTH_MEMBERS).set("roleid", role)
                    .set("member", member).set("grantor", grantor).set("admin_option", adminOption).build(), tx);
        } else if (adminOption) {
            CatalogRow row = existing.getFirst();
            Object[] values = row.values().clone();
            values[PG_AUTH_MEMBERS.column("admin_option")] = true;
            system.heap().update(row, 0, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Removes the membership, or only its ADMIN OPTION. */
    void removeMember(Transaction tx, int role, int member, boolean adminOptionOnly) {
        Snapshot snapshot = begin(tx);
        for (CatalogRow row : scan(PG_AUTH_MEMBERS, snapshot,
                candidate -> candidate.getOid("roleid") == role && candidate.getOid("member") == member)) {
            if (adminOptionOnly) {
                Object[] values = row.values().clone();
                values[PG_AUTH_MEMBERS.column("admin_option")] = false;
                system.heap().update(row, 0, values, tx, snapshot);
            } else {
                system.heap().delete(row, 0, tx, snapshot);
            }
        }
        tx.incrementCommandId();
    }

    /**
     * The roles {@code member} belongs to, itself included, following memberships transitively
     * ({@code roles_is_member_of}); with {@code inheritingOnly}, a role without INHERIT passes
     * nothing on ({@code ROLERECURSE_PRIVS}).
     */
    Set<Integer> rolesOf(Transaction tx, int member, boolean inheritingOnly) {
        List<CatalogRow> memberships = system.memberships(tx);
        Set<Integer> roles = new LinkedHashSet<>();
        Deque<Integer> pending = new ArrayDeque<>();
        pending.add(member);
        roles.add(member);
        while (!pending.isEmpty()) {
            int current = pending.poll();
            if (inheritingOnly) {
                CatalogRow row = system.roleRow(tx, current);
                if (row == null || !row.getBool("rolinherit")) {
                    continue;
                }
            }
            for (CatalogRow row : memberships) {
                if (row.getOid("member") == current && roles.add(row.getOid("roleid"))) {
                    pending.add(row.getOid("roleid"));
                }
            }
        }
        return roles;
    }

    private Snapshot begin(Transaction tx) {
        system.noteCatalogChange(tx, INVALIDATION_KEY);
        return tx.takeSnapshot();
    }

    private List<CatalogRow> scan(CatalogDefinition catalog, Snapshot snapshot, Predicate<CatalogRow> filter) {
        return system.heap().scan(catalog, 0, snapshot, filter);
    }
}
