package io.berth.core.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashesTest {

    /** Written by Debian's mosquitto_passwd 2.0.11 (PBKDF2-SHA512, 101 iterations) for password "secret1". */
    private static final String MOSQUITTO_7 = "$7$101$PzrzEACKdiCPBPci$K5oR7odwC6TT8zpkSBMVJnBGE+37XtdcPcbiIvlxeZA5"
            + "/K6oqI7rr0f+W9dpl61ZM4Vs6iLMlgLU/tNdcA/Duw==";
    /** Written by mosquitto_passwd -H sha512 for password "hunter2". */
    private static final String MOSQUITTO_6 = "$6$wRed60QWrkcwOIV1$QV8BYIR/aQF4eo8W/wjY+FIucHe8/p+KF6N9WWp5pxfOubhIC"
            + "+nun/vrnb8KKHxL6NSB8GIKFGJ0RNBZUVFe+w==";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mosquittoPbkdf2Hash_verifiesItsPasswordOnly() {
        assertThat(PasswordHashes.verify(MOSQUITTO_7, b("secret1"))).isTrue();
        assertThat(PasswordHashes.verify(MOSQUITTO_7, b("secret2"))).isFalse();
        assertThat(PasswordHashes.verify(MOSQUITTO_7, b(""))).isFalse();
    }

    @Test
    void mosquittoSha512Hash_verifiesAndIsReportedWeak() {
        assertThat(PasswordHashes.verify(MOSQUITTO_6, b("hunter2"))).isTrue();
        assertThat(PasswordHashes.verify(MOSQUITTO_6, b("hunter3"))).isFalse();
        assertThat(PasswordHashes.isWeak(MOSQUITTO_6)).isTrue();
        assertThat(PasswordHashes.isWeak(MOSQUITTO_7)).isFalse();
    }

    @Test
    void pbkdf2_isSaltedAndVerifies() {
        String a = PasswordHashes.pbkdf2(b("pässword"), 1000);
        String c = PasswordHashes.pbkdf2(b("pässword"), 1000);
        assertThat(a).startsWith("$7$1000$").isNotEqualTo(c);
        assertThat(PasswordHashes.verify(a, b("pässword"))).isTrue();
        assertThat(PasswordHashes.verify(a, b("password"))).isFalse();
        assertThat(PasswordHashes.problem(a)).isNull();
    }

    @Test
    void bcrypt_isSaltedAndVerifies_andRefusesOverlongPasswords() {
        String a = PasswordHashes.bcrypt(b("s3cret"), 4);
        assertThat(a).startsWith("$2a$04$").hasSize(60).isNotEqualTo(PasswordHashes.bcrypt(b("s3cret"), 4));
        assertThat(PasswordHashes.verify(a, b("s3cret"))).isTrue();
        assertThat(PasswordHashes.verify(a, b("s3creT"))).isFalse();
        assertThatThrownBy(() -> PasswordHashes.bcrypt(new byte[73], 4)).hasMessageContaining("72 bytes");
        assertThat(PasswordHashes.verify(a, new byte[100])).isFalse();
    }

    @Test
    void plainOrMalformedHashes_areRefused_andNeverVerify() {
        assertThat(PasswordHashes.problem("secret")).contains("plain passwords are not accepted");
        assertThat(PasswordHashes.problem("$7$x$abc$def")).isNotNull();
        assertThat(PasswordHashes.problem("$7$101$!!$abc")).isNotNull();
        assertThat(PasswordHashes.verify("secret", b("secret"))).isFalse();
        assertThatThrownBy(() -> new UserRecord("u", "secret", false)).hasMessageContaining("plain");
    }

    @Test
    void nonUtf8Password_neverMatchesPbkdf2() {
        String h = PasswordHashes.pbkdf2(b("\uFFFD"), 1000);
        assertThat(PasswordHashes.verify(h, new byte[] {(byte) 0xC3})).isFalse();
        assertThatThrownBy(() -> PasswordHashes.pbkdf2(new byte[] {(byte) 0xFF}, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
