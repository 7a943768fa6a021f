package org.woolly.catalog;

/** Fills a catalog row by column name; {@code "char"} values are one-character Strings (none: ""). */
final class RowBuilder {
    private final CatalogDefinition catalog;
    private final Object[] values;

    RowBuilder(CatalogDefinition catalog) {
        this.catalog = catalog;
        this.values = catalog.emptyRow();
    }

    RowBuilder set(String column, Object value) {
        values[catalog.column(column)] = value;
        return this;
    }

    RowBuilder setChar(String column, char value) {
        return set(column, value == '\0' ? "" : String.valueOf(value));
    }

    RowBuilder setShort(String column, int value) {
        return set(column, (short) value);
    }

    Object[] build() {
        for (int i = 0; i < values.length; i++) {
            CatalogColumn column = catalog.columns().get(i);
            if (values[i] == null && column.notNull()) {
                throw new IllegalStateException("catalog row " + catalog.name() + " lacks NOT NULL column "
                        + column.name());
            }
        }
        return values;
    }
}
