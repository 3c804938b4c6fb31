package dev.cantrip.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandInputTest {

    @Test
    void splitsNameSwitchesAndArguments() {
        CommandInput in = CommandInput.parse("  Java/Time/noecho  1 + 1 ");
        assertThat(in.name()).isEqualTo("java");
        assertThat(in.switches()).isEqualTo(List.of("time", "noecho"));
        assertThat(in.args()).isEqualTo("1 + 1");
        assertThat(in.has("time")).isTrue();
    }

    @Test
    void argumentsKeepTheirSlashesAndInnerSpacing() {
        CommandInput in = CommandInput.parse("@set sword/damage =  12   3");
        assertThat(in.name()).isEqualTo("@set");
        assertThat(in.switches()).isEmpty();
        assertThat(in.args()).isEqualTo("sword/damage =  12   3");
    }

    @Test
    void aBareWordHasNoArguments() {
        assertThat(CommandInput.parse("look")).isEqualTo(new CommandInput("look", List.of(), ""));
        assertThat(CommandInput.parse("who//")).isEqualTo(new CommandInput("who", List.of(), ""));
    }

    @Test
    void argumentsSplitAtTheFirstEqualsSign() {
        CommandInput in = CommandInput.parse("@set lamp/note = a = b ");
        assertThat(in.lhs()).isEqualTo("lamp/note");
        assertThat(in.rhs()).contains("a = b");
        assertThat(CommandInput.parse("@set lamp/note =").rhs()).contains("");
        CommandInput none = CommandInput.parse("@perm Bob");
        assertThat(none.lhs()).isEqualTo("Bob");
        assertThat(none.rhs()).isEmpty();
    }
}
