package org.woolly.utils.crypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange without channel binding, as
 * {@code src/backend/libpq/auth-scram.c} runs it: client-first -> server-first,
 * client-final -> server-final (or failure). For an unknown role or one without a SCRAM
 * verifier the exchange is run against a made-up verifier and always fails at the end, so a
 * client cannot tell whether the role exists.
 */
public final class ScramServerExchange {

    private final Scram.Verifier verifier;
    private final boolean mock;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;
    private String combinedNonce;
    private String gs2Header;

    /** @param storedVerifier the role's stored SCRAM verifier, or null for a mock exchange */
    public ScramServerExchange(String storedVerifier) {
        this(storedVerifier, Scram.randomNonce());
    }

    /** With a given server nonce (tests use the RFC 7677 vector's). */
    public ScramServerExchange(String storedVerifier, String serverNonce) {
        if (Scram.isVerifier(storedVerifier)) {
            this.verifier = Scram.Verifier.parse(storedVerifier);
            this.mock = false;
        } else {
            this.verifier = new Scram.Verifier(Scram.DEFAULT_ITERATIONS, Scram.randomSalt(), new byte[32],
                    new byte[32]);
            this.mock = true;
        }
        this.serverNonce = serverNonce;
    }

    /** Thrown when the client's messages are malformed or its proof is wrong. */
    public static final class ScramFailure extends Exception {
        public ScramFailure(String message) {
            super(message);
        }
    }

    /** Handles client-first-message; returns server-first-message. */
    public String handleClientFirst(String clientFirst) throws ScramFailure {
        if (clientFirst.startsWith("p=")) {
            throw new ScramFailure("channel binding is not supported");
        }
        if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
            throw new ScramFailure("malformed SCRAM message (unexpected channel-binding flag)");
        }
        int secondComma = clientFirst.indexOf(',', 2);
        if (secondComma < 0) {
            throw new ScramFailure("malformed SCRAM message");
        }
        gs2Header = clientFirst.substring(0, secondComma + 1);
        clientFirstBare = clientFirst.substring(secondComma + 1);
        String clientNonce = null;
        for (String attribute : clientFirstBare.split(",")) {
            if (attribute.startsWith("r=")) {
                clientNonce = attribute.substring(2);
            } else if (attribute.startsWith("m=")) {
                throw new ScramFailure("unsupported SCRAM extension");
            }
        }
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw new ScramFailure("malformed SCRAM message (nonce missing)");
        }
        combinedNonce = clientNonce + serverNonce;
        serverFirst = "r=" + combinedNonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
                + verifier.iterations();
        return serverFirst;
    }

    /** Handles client-final-message; returns server-final-message when the proof is right. */
    public String handleClientFinal(String clientFinal) throws ScramFailure {
        if (serverFirst == null) {
            throw new ScramFailure("malformed SCRAM message (client-final before client-first)");
        }
        int proofStart = clientFinal.lastIndexOf(",p=");
        if (proofStart < 0) {
            throw new ScramFailure("malformed SCRAM message (proof missing)");
        }
        String withoutProof = clientFinal.substring(0, proofStart);
        String channelBinding = null;
        String nonce = null;
        for (String attribute : withoutProof.split(",")) {
            if (attribute.startsWith("c=")) {
                channelBinding = attribute.substring(2);
            } else if (attribute.startsWith("r=")) {
                nonce = attribute.substring(2);
            }
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(channelBinding)) {
            throw new ScramFailure("SCRAM channel binding check failed");
        }
        if (!combinedNonce.equals(nonce)) {
            throw new ScramFailure("SCRAM nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofStart + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramFailure("malformed SCRAM message (invalid proof)");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Scram.hmac(verifier.storedKey(), authMessage);
        if (proof.length != clientSignature.length || mock) {
            throw new ScramFailure("password authentication failed");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(Scram.sha256(clientKey), verifier.storedKey())) {
            throw new ScramFailure("password authentication failed");
        }
        byte[] serverSignature = Scram.hmac(verifier.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }
}
