package io.berth.core.auth.scram;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server side of SCRAM against RFC 7677's SCRAM-SHA-256 example (section 3). */
class ScramServerTest {

    static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    static final ScramCredential PENCIL = ScramCredential.derive(ScramMechanism.SHA_256, b("pencil"), SALT, 4096);
    static final ScramCredentialStore STORE = (user, m) -> user.equals("user") ? Optional.of(PENCIL)
            : Optional.empty();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ScramServer server() {
        return new ScramServer(ScramMechanism.SHA_256, STORE, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    }

    @Test
    void rfc7677Example_givesTheServerFirstAndServerFinalOfTheRfc() throws Exception {
        ScramServer s = server();
        assertThat(new String(s.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")), StandardCharsets.UTF_8))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        byte[] last = s.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(new String(last, StandardCharsets.UTF_8))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(s.username()).isEqualTo("user");
    }

    @Test
    void wrongProof_nonceMismatch_andOutOfOrderSteps_fail() throws Exception {
        ScramServer s = server();
        s.clientFirst(b("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThatThrownBy(() -> s.clientFinal(b("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=AHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))).hasMessage("wrong proof");
        ScramServer t = server();
        t.clientFirst(b("n,,n=user,r=abc"));
        assertThatThrownBy(() -> t.clientFinal(b("c=biws,r=abcX,p=AAAA"))).hasMessage("nonce does not match");
        assertThatThrownBy(() -> server().clientFinal(b("c=biws,r=x,p=AAAA"))).hasMessageContaining("out of order");
        assertThatThrownBy(() -> server().clientFirst(b("p=tls-unique,,n=user,r=x")))
                .hasMessageContaining("channel binding");
    }

    @Test
    void unknownUser_getsAStableMadeUpSalt_andFailsAtTheProof() throws Exception {
        String first1 = new String(server().clientFirst(b("n,,n=nobody,r=a")), StandardCharsets.UTF_8);
        String first2 = new String(server().clientFirst(b("n,,n=nobody,r=a")), StandardCharsets.UTF_8);
        assertThat(first1).isEqualTo(first2).contains(",i=4096");
    }

    @Test
    void credential_roundTripsThroughItsText() {
        ScramCredential c = ScramCredential.decode(PENCIL.encode());
        assertThat(c.storedKey()).isEqualTo(PENCIL.storedKey());
        assertThat(c.serverKey()).isEqualTo(PENCIL.serverKey());
        assertThat(c.iterations()).isEqualTo(4096);
    }
}
