package org.woolly.commands;

import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.Analyzer;
import org.woolly.analyzer.TypeSystem;
import org.woolly.access.transam.StorageServices;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RoleInfo;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.guc.SessionSettings;

/**
 * What a utility command may touch: the catalog in the current transaction, settings, notices,
 * storage (heap and indexes), and the roles it runs as: {@code user} is the current user (what
 * privileges are checked against, changed by SET ROLE), {@code sessionUser} the one that logged in
 * (or SET SESSION AUTHORIZATION's); null where no session stands behind the command (tests).
 * {@code maintenance} takes what VACUUM and ANALYZE measured; null where no statistics are kept.
 */
public record CommandContext(CatalogAccess catalog, Transaction transaction, TypeSystem types, Analyzer analyzer,
                             SessionSettings settings, NoticeSink notices, boolean inTransactionBlock,
                             StorageServices storage, RoleInfo user, RoleInfo sessionUser,
                             org.woolly.pgstat.MaintenanceReporter maintenance) {

    public CommandContext(CatalogAccess catalog, Transaction transaction, TypeSystem types, Analyzer analyzer,
                          SessionSettings settings, NoticeSink notices, boolean inTransactionBlock,
                          StorageServices storage, RoleInfo user, RoleInfo sessionUser) {
        this(catalog, transaction, types, analyzer, settings, notices, inTransactionBlock, storage, user, sessionUser,
                null);
    }

    public CommandContext(CatalogAccess catalog, Transaction transaction, TypeSystem types, Analyzer analyzer,
                          SessionSettings settings, NoticeSink notices, boolean inTransactionBlock,
                          StorageServices storage) {
        this(catalog, transaction, types, analyzer, settings, notices, inTransactionBlock, storage, null, null);
    }

    public FormatSettings formatSettings() {
        return settings.formatSettings();
    }

    /** The same context over another catalog view (another search_path). */
    public CommandContext withCatalog(CatalogAccess other) {
        return new CommandContext(other, transaction, types, analyzer, settings, notices, inTransactionBlock, storage,
                user, sessionUser, maintenance);
    }
}
