/**
 * PL/pgSQL, PostgreSQL's procedural language ({@code src/pl/plpgsql}): the body's parser
 * ({@code pl_gram.y}, {@code pl_scanner.c}) into a statement tree, and the interpreter
 * ({@code pl_exec.c}) that runs it, evaluating every expression and query through the SQL
 * engine by way of {@link org.woolly.pl.plpgsql.Spi} (PostgreSQL's SPI), with the variables as
 * statement parameters.
 */
package org.woolly.pl.plpgsql;
