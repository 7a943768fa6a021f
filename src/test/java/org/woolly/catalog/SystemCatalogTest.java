package org.woolly.catalog;

import org.woolly.access.transam.StorageServices;

/** SystemCatalog against the in-memory storage (fast, and checks each row's Java value types). */
class SystemCatalogTest extends SystemCatalogContract {

    @Override
    protected StorageServices newStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected CatalogTupleCodec codec() {
        return new CheckingTupleCodec();
    }
}
