/**
 * The 8 KB slotted page format shared by every relation fork: header, line pointers, items,
 * special space and the page checksum. Counterpart of {@code src/backend/storage/page}
 * ({@code bufpage.c}, {@code checksum.c}). Entry point: {@link org.woolly.storage.page.Page};
 * the byte layout is in README.md beside this file.
 */
package org.woolly.storage.page;
