package dev.cantrip.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void hashesVerifyAndDescribeThemselves() {
        String stored = hasher.hash("hunter22".toCharArray());
        assertThat(stored).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        assertThat(hasher.verify("hunter22".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("hunter23".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("".toCharArray(), stored)).isFalse();
    }

    @Test
    void saltsDiffer() {
        assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
    }

    @Test
    void matchesAnIndependentPbkdf2Implementation() {
        // Computed with Python's hashlib.pbkdf2_hmac("sha256", password_utf8, b"0123456789abcdef", 1000, 32).
        String salt = "MDEyMzQ1Njc4OWFiY2RlZg==";
        assertThat(hasher.verify("correct horse battery staple".toCharArray(),
                "pbkdf2-sha256$1000$" + salt + "$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=")).isTrue();
        assertThat(hasher.verify("pässwörd😀".toCharArray(),
                "pbkdf2-sha256$1000$" + salt + "$t6PofzIf8vJoyET6oh4D709E9Dislu5Bw4sDykILq4w=")).isTrue();
    }

    @Test
    void verifyUsesTheStoredIterations() {
        String stored = new PasswordHasher(500).hash("password".toCharArray());
        assertThat(hasher.verify("password".toCharArray(), stored)).isTrue();
        assertThat(hasher.needsRehash(stored)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("password".toCharArray()))).isFalse();
        assertThat(hasher.needsRehash("garbage")).isTrue();
    }

    @Test
    void leavesTheCallersArrayAlone() {
        char[] password = "do not zero me".toCharArray();
        String stored = hasher.hash(password);
        assertThat(new String(password)).isEqualTo("do not zero me");
        hasher.verify(password, stored);
        assertThat(new String(password)).isEqualTo("do not zero me");
    }

    @Test
    void emptyAndUnicodePasswordsWork() {
        String empty = hasher.hash(new char[0]);
        assertThat(hasher.verify(new char[0], empty)).isTrue();
        String unicode = hasher.hash("Ünïcødé 😀".toCharArray());
        assertThat(hasher.verify("Ünïcødé 😀".toCharArray(), unicode)).isTrue();
        assertThat(hasher.verify("Unicode 😀".toCharArray(), unicode)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "x", "$$$", "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==",
        "bcrypt$1000$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$0$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$-5$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$99999999999$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$2000000000$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$1000$!!notbase64!!$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$c2hvcnQ=",
        "pbkdf2-sha256$1000$$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
        "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=$",
        "pbkdf2-sha256$ 1000$MDEyMzQ1Njc4OWFiY2RlZg==$yqSq2SygY1sB4EcH9f2FG0JTMES+wqLsOT5YmiRBplI=",
    })
    void malformedStoredStringsAreFalseNotExceptions(String stored) {
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), stored)).isFalse();
    }

    @Test
    void refusesSillyIterationCounts() {
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(PasswordHasher.MAX_ITERATIONS + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultIterations() {
        var standard = new PasswordHasher();
        assertThat(standard.iterations()).isEqualTo(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(210_000);
        String stored = standard.hash("a good password".toCharArray());
        assertThat(stored).startsWith("pbkdf2-sha256$210000$");
        assertThat(standard.verify("a good password".toCharArray(), stored)).isTrue();
    }
}
