/**
 * Password hashing and SCRAM-SHA-256: {@link org.woolly.utils.crypt.Scram#makeVerifier(String)}
 * builds the verifier stored in {@code pg_authid.rolpassword};
 * {@link org.woolly.utils.crypt.ScramServerExchange} runs the server side of authentication.
 * PostgreSQL counterpart: {@code src/common/scram-common.c}, {@code src/backend/libpq/auth-scram.c}.
 */
package org.woolly.utils.crypt;
