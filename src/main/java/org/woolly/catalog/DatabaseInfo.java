package org.woolly.catalog;

/**
 * One pg_database row as the commands on databases and the connection start need it
 * ({@code Form_pg_database}).
 */
public record DatabaseInfo(int oid, String name, int ownerOid, int encoding, String collate, String ctype,
                           boolean isTemplate, boolean allowConnections, int connectionLimit) {

    static DatabaseInfo of(CatalogRow row) {
        return new DatabaseInfo(row.getOid("oid"), row.getString("datname"), row.getOid("datdba"),
                row.getInt("encoding"), row.getString("datcollate"), row.getString("datctype"),
                row.getBool("datistemplate"), row.getBool("datallowconn"), row.getInt("datconnlimit"));
    }
}
