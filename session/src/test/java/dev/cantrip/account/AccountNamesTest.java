package dev.cantrip.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bob", "admin", "Admin", "x_1", "Zed99", "abcdefghijklmnopqrst", "connector", "selfish"})
    void acceptsNames(String name) {
        assertThat(AccountNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Al|3 to 20 characters",
        "abcdefghijklmnopqrstu|3 to 20 characters",
        "9lives|start with a letter",
        "_bob|start with a letter",
        "bob smith|only letters",
        "bob-smith|only letters",
        "José|only letters",
        "connect|login screen",
        "CREATE|login screen",
        "Quit|login screen",
        "help|login screen",
        "look|login screen",
        "here|login screen",
        "self|login screen",
    })
    void refusesNamesSayingWhy(String name, String problem) {
        assertThat(AccountNames.problem(name)).hasValueSatisfying(p -> assertThat(p).contains(problem));
    }

    @Test
    void meIsTooShortAnyway() {
        assertThat(AccountNames.problem("me")).isPresent();
    }

    @Test
    void acceptsPasswords() {
        assertThat(AccountNames.passwordProblem("12345678", "bob")).isEmpty();
        assertThat(AccountNames.passwordProblem("x".repeat(128), "bob")).isEmpty();
        assertThat(AccountNames.passwordProblem("pass word inside", "bob")).isEmpty();
        assertThat(AccountNames.passwordProblem("😀😀😀😀😀😀😀😀", "bob")).isEmpty();
    }

    @Test
    void refusesPasswordsSayingWhy() {
        assertThat(AccountNames.passwordProblem("1234567", "bob")).hasValueSatisfying(p -> assertThat(p).contains("at least 8"));
        assertThat(AccountNames.passwordProblem("😀😀😀😀", "bob")).hasValueSatisfying(p -> assertThat(p).contains("at least 8"));
        assertThat(AccountNames.passwordProblem("x".repeat(129), "bob")).hasValueSatisfying(p -> assertThat(p).contains("at most 128"));
        assertThat(AccountNames.passwordProblem("Gandalf99", "gandalf99")).hasValueSatisfying(p -> assertThat(p).contains("name"));
        assertThat(AccountNames.passwordProblem(" leading space", "bob")).hasValueSatisfying(p -> assertThat(p).contains("space"));
        assertThat(AccountNames.passwordProblem("trailing space ", "bob")).hasValueSatisfying(p -> assertThat(p).contains("space"));
        assertThat(AccountNames.passwordProblem("nbsp\u00A0at end\u00A0", "bob")).isPresent();
        assertThat(AccountNames.passwordProblem("tab\tinside", "bob")).hasValueSatisfying(p -> assertThat(p).contains("control"));
        assertThat(AccountNames.passwordProblem("bell\u0007inside", "bob")).hasValueSatisfying(p -> assertThat(p).contains("control"));
    }
}
