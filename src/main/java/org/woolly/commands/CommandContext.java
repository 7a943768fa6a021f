package org.woolly.commands;

import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.Analyzer;
import org.woolly.analyzer.TypeSystem;
import org.woolly.access.transam.StorageServices;
import org.woolly.catalog.CatalogAccess;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.guc.SessionSettings;

/** What a utility command may touch: the catalog in the current transaction, settings, notices, storage (heap and indexes). */
public record CommandContext(CatalogAccess catalog, Transaction transaction, TypeSystem types, Analyzer analyzer,
                             SessionSettings settings, NoticeSink notices, boolean inTransactionBlock,
                             StorageServices storage) {

    public FormatSettings formatSettings() {
        return settings.formatSettings();
    }
}
