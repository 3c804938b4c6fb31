package dev.cantrip.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void rolesRiseInOrder() {
        assertThat(Role.values()).containsExactly(Role.PLAYER, Role.BUILDER, Role.ADMIN, Role.DEVELOPER);
        assertThat(Role.ADMIN.atLeast(Role.BUILDER)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.BUILDER.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.DEVELOPER.atLeast(Role.PLAYER)).isTrue();
        assertThat(Role.PLAYER.atLeast(Role.DEVELOPER)).isFalse();
    }

    @Test
    void parsesIgnoringCase() {
        assertThat(Role.parse("builder")).contains(Role.BUILDER);
        assertThat(Role.parse(" Developer ")).contains(Role.DEVELOPER);
        assertThat(Role.parse("ADMIN")).contains(Role.ADMIN);
        assertThat(Role.parse("wizard")).isEmpty();
        assertThat(Role.parse("")).isEmpty();
    }

    @Test
    void displayNames() {
        assertThat(Arrays.stream(Role.values()).map(Role::displayName)).containsExactly("Player", "Builder", "Admin", "Developer");
        for (Role role : Role.values()) {
            assertThat(Role.parse(role.displayName())).contains(role);
        }
    }
}
