package dev.cantrip.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.sandbox.TierOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The game's tier files agree with each other: the builder tier allows nothing the developer tier
 * denies, checked at every rule either file has (the only places where two tiers can differ).
 */
class TierFilesAgreeTest {

    @Test
    void theBuilderTierAllowsNothingTheDeveloperTierDenies() throws IOException {
        assertThat(TierOrder.allowedOnlyBy("builder.policy", read("builder"), "developer.policy", read("developer")))
                .isEmpty();
    }

    @Test
    void theCheckFindsARuleOnlyTheNarrowerTierAllows() {
        String developer = "allow java.util.*\ndeny java.util.Formatter\nallow dev.cantrip.world.attr.AttrValue\n"
                + "deny dev.cantrip.world.attr.AttrValue$ListOf#<init>\n";
        String builder = "allow java.util.List\nallow java.util.Formatter#format\nallow dev.cantrip.world.attr.AttrValue\n";
        assertThat(TierOrder.allowedOnlyBy("b.policy", builder, "d.policy", developer)).containsExactly(
                "java.util.Formatter#format: allowed by b.policy:2, denied by d.policy:2",
                "java.util.Formatter (as a type): allowed by no rule (denied), denied by d.policy:2",
                "dev.cantrip.world.attr.AttrValue$ListOf#<init>: allowed by b.policy:3, denied by d.policy:4");
        assertThat(TierOrder.allowedOnlyBy("d.policy", developer, "b.policy", builder))
                .contains("java.util.*: allowed by d.policy:1, denied by no rule (denied)");
    }

    private static String read(String tier) throws IOException {
        try (InputStream in = JavaTiers.class.getResourceAsStream("tiers/" + tier + ".policy")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
