package org.woolly.utils.crypt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 primitives (RFC 5802, RFC 7677) and PostgreSQL's stored verifier format
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (all base64).
 * Counterpart of {@code src/common/scram-common.c} and {@code scram_build_secret}.
 * Passwords are used as UTF-8 without SASLprep normalization (same result for ASCII passwords).
 */
public final class Scram {

    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final int SALT_LENGTH = 16;
    private static final int KEY_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {}

    /** A stored verifier for {@code password} with a fresh random salt and 4096 iterations. */
    public static String makeVerifier(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return makeVerifier(password, salt, DEFAULT_ITERATIONS);
    }

    public static String makeVerifier(String password, byte[] salt, int iterations) {
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        byte[] storedKey = sha256(hmac(saltedPassword, "Client Key"));
        byte[] serverKey = hmac(saltedPassword, "Server Key");
        Base64.Encoder base64 = Base64.getEncoder();
        return MECHANISM + "$" + iterations + ":" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
    }

    /** Whether {@code stored} is a SCRAM-SHA-256 verifier (rather than a plain or md5 password). */
    public static boolean isVerifier(String stored) {
        return stored != null && stored.startsWith(MECHANISM + "$");
    }

    /** Checks a cleartext password (the "password" authentication method) against a stored one. */
    public static boolean checkPassword(String password, String stored) {
        if (stored == null) {
            return false;
        }
        if (!isVerifier(stored)) {
            return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        Verifier verifier = Verifier.parse(stored);
        byte[] saltedPassword = saltedPassword(password, verifier.salt(), verifier.iterations());
        return MessageDigest.isEqual(sha256(hmac(saltedPassword, "Client Key")), verifier.storedKey());
    }

    /** A parsed stored verifier. */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        public static Verifier parse(String stored) {
            try {
                String[] parts = stored.split("\\$");
                String[] iterationsAndSalt = parts[1].split(":");
                String[] keys = parts[2].split(":");
                Base64.Decoder base64 = Base64.getDecoder();
                return new Verifier(Integer.parseInt(iterationsAndSalt[0]), base64.decode(iterationsAndSalt[1]),
                        base64.decode(keys[0]), base64.decode(keys[1]));
            } catch (RuntimeException e) {
                throw SqlException.of(SqlState.INVALID_PASSWORD, "invalid SCRAM secret");
            }
        }
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_LENGTH * 8);
            return factory.generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String randomNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] randomSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
