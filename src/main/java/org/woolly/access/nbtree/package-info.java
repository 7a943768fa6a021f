/**
 * The B-tree index access method ({@code src/backend/access/nbtree}); see README.md for the
 * page layout, WAL records and locking rules.
 */
package org.woolly.access.nbtree;
