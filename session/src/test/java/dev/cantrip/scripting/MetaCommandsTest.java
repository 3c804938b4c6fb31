package dev.cantrip.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetaCommandsTest {

    @Test
    void typesAreShownWithoutTheirPackages() {
        assertThat(MetaCommands.simpleNames("dev.cantrip.world.GameObject")).isEqualTo("GameObject");
        assertThat(MetaCommands.simpleNames("java.util.Map<java.lang.String, java.util.List<dev.cantrip.world.GameObject>>"))
                .isEqualTo("Map<String, List<GameObject>>");
        assertThat(MetaCommands.simpleNames("int[]")).isEqualTo("int[]");
        assertThat(MetaCommands.simpleNames("Map.Entry<String, Integer>")).isEqualTo("Map.Entry<String, Integer>");
    }

    @Test
    void onlyASlashAndALetterMakeAConsoleCommand() {
        assertThat(MetaCommands.isMeta("/vars")).isTrue();
        assertThat(MetaCommands.isMeta("  /drop x")).isTrue();
        assertThat(MetaCommands.isMeta("// a comment")).isFalse();
        assertThat(MetaCommands.isMeta("/* a comment */")).isFalse();
        assertThat(MetaCommands.isMeta("/")).isFalse();
    }
}
