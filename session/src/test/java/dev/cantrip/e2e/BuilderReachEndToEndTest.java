package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 9 of issue 14, replayed against a real server as the hostile Builder Mallory: each reach
 * into what is not hers is refused with its reason, the Wizard keeps his name (and his {@code say}
 * shows as his), Bob stays where he is, Limbo keeps its name, and {@code inspect($api)} is refused;
 * meanwhile Mallory still changes what she made, the Wizard (a Developer) changes anything, and an
 * object {@code @chown}ed to her becomes hers to change. Bob types {@code look} throughout.
 */
class BuilderReachEndToEndTest {

    @TempDir
    static Path data;
    static AttackScene scene;

    @BeforeAll
    static void startTheServer() throws Exception {
        scene = AttackScene.start(data);
        patiently(scene.wizard, "java 1 + 1", "==> 2");
        patiently(scene.mallory, "java 2 + 2", "==> 4");
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (scene != null) {
            scene.close();
        }
    }

    /** The id of the object named {@code name} in Limbo, as {@code @examine} shows it to the Wizard. */
    private static long idOf(String name) throws Exception {
        scene.wizard.say("@examine " + name, "Name: ");
        String line = scene.wizard.expect("\n");
        return Long.parseLong(line.substring(line.indexOf("(#") + 2, line.indexOf(')')));
    }

    /**
     * Waits for {@code expected} up to a minute: the first {@code java} after a start waits for the
     * engine's pool on a loaded machine.
     */
    private static void patiently(TelnetTestClient c, String line, String expected) throws Exception {
        c.send(line);
        for (int i = 0; ; i++) {
            try {
                c.expect(expected);
                return;
            } catch (AssertionError e) {
                if (i == 3) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aBuilderReachesOnlyWhatIsHers() throws Exception {
        TelnetTestClient mallory = scene.mallory;
        TelnetTestClient wizard = scene.wizard;
        long wizardId = idOf("wizard");
        long bobId = idOf("bob");
        AttackScene.Bystander bob = scene.watch();
        long started = System.nanoTime();
        // The attack, exactly as the issue has it.
        mallory.say("java search(\"wizard\").get(0).setKey(\"bob\")", "You may not change Wizard (#" + wizardId
                + "): it is a character, and only its player or an Admin may.");
        mallory.say("java search(\"bob\").get(0).moveTo(search(\"mallory\").get(0))", "You may not change Bob (#"
                + bobId + "): it is a character, and only its player or an Admin may.");
        mallory.say("java obj(1).setKey(\"Renamed\")", "You may not change Limbo (#1): it belongs to no Builder, and"
                + " only an Admin may (an Admin can give it to you with @chown).");
        mallory.say("java inspect($api)", "Rejected: $api is the engine's own and cannot be used in snippets");
        // The same rule through the commands.
        mallory.say("@set here/desc = Mallory was here.", "You may not change Limbo (#1)");
        mallory.say("@destroy north", "You may not change north (#3)");
        // Nothing changed.
        mallory.say("java search(\"wizard\").size() + \" \" + search(\"bob\").size()", "==> \"1 1\"");
        mallory.say("java search(\"bob\").get(0).location()", "==> Limbo(#1)");
        mallory.say("java obj(1).key()", "==> \"Limbo\"");
        // What she makes is hers.
        mallory.say("@create widget", "Created widget (#");
        long widget = Long.parseLong(mallory.expect(")").replace(")", "").strip());
        mallory.say("java search(\"widget\").get(0).setKey(\"gadget\")", ">>> search");
        mallory.say("@set gadget/color = red", "Set gadget/color = \"red\"");
        mallory.say("java search(\"gadget\").get(0).attr(\"color\")", "==> \"red\"");
        // A Developer changes anything.
        wizard.say("java obj(2).setAttr(\"season\", \"spring\")", ">>> obj(2)");
        wizard.say("java search(\"bob\").get(0).setAttr(\"watched\", true)", ">>> search");
        wizard.say("@set #" + widget + "/inspected = true", "Set gadget/inspected = true");
        // Handed to her, the garden becomes hers to change.
        mallory.say("java obj(2).setAttr(\"season\", \"winter\")", "You may not change Garden (#2): it belongs to no Builder");
        wizard.say("@chown #2 = Mallory", "Garden (#2) now belongs to Mallory.");
        mallory.say("java obj(2).setAttr(\"season\", \"winter\")", ">>> obj(2)");
        mallory.say("java obj(2).attr(\"season\")", "==> \"winter\"");
        mallory.say("@chown #1 = Mallory", "Huh?");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        bob.close();
        System.out.println("builder reach (finding 9): the replay took " + tookMillis + " ms; bystander: "
                + bob.summary());
        assertThat(bob.worstMillis()).as("the bystander's slowest look, ms").isLessThan(5_000);
        // The Wizard is still the Wizard to everyone, and Bob is where he was.
        wizard.say("say I am still myself", "You say");
        scene.bob.expectAnywhere("Wizard says, \"I am still myself\"");
        assertThat(scene.bob.transcript()).doesNotContain("bob says");
        scene.bob.skipReceived();
        String look = scene.bob.say("look", "Exits:");
        assertThat(look).contains("Limbo").doesNotContain("Renamed");
    }
}
