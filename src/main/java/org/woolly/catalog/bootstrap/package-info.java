/**
 * initdb's catalog part: creates the storage of every system catalog and fills it for the
 * databases template1, template0 and postgres. Entry point: {@link org.woolly.catalog.bootstrap.InitDb#bootstrap}.
 * PostgreSQL counterpart: {@code src/backend/bootstrap}, {@code src/bin/initdb}.
 */
package org.woolly.catalog.bootstrap;
