package org.woolly.utils.crypt;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramTest {

    /** RFC 7677 section 3: user "user", password "pencil". */
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    private static String rfcVerifier() {
        return Scram.makeVerifier("pencil", Base64.getDecoder().decode(SALT), 4096);
    }

    @Test
    void rfc7677TestVector() throws Exception {
        ScramServerExchange exchange = new ScramServerExchange(rfcVerifier(), SERVER_NONCE);
        assertThat(exchange.handleClientFirst(CLIENT_FIRST))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(exchange.handleClientFinal(CLIENT_FINAL))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void wrongProofAndMockExchangeFail() throws Exception {
        ScramServerExchange wrong = new ScramServerExchange(rfcVerifier(), SERVER_NONCE);
        wrong.handleClientFirst(CLIENT_FIRST);
        assertThatThrownBy(() -> wrong.handleClientFinal(CLIENT_FINAL.replace("p=dHzb", "p=dHzc")))
                .isInstanceOf(ScramServerExchange.ScramFailure.class);
        ScramServerExchange mock = new ScramServerExchange(null, SERVER_NONCE);
        assertThat(mock.handleClientFirst(CLIENT_FIRST)).startsWith("r=rOprNGfwEbeRWgbNEkqO%hvYDp");
        assertThatThrownBy(() -> mock.handleClientFinal(CLIENT_FINAL))
                .isInstanceOf(ScramServerExchange.ScramFailure.class);
    }

    @Test
    void verifierFormatAndCleartextCheck() {
        String verifier = Scram.makeVerifier("secret");
        assertThat(verifier).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
        assertThat(Scram.checkPassword("secret", verifier)).isTrue();
        assertThat(Scram.checkPassword("Secret", verifier)).isFalse();
    }
}
