package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builders reach only what is theirs, through every path that changes the world: commands,
 * {@code java}, and the callbacks of their tasks; {@code @chown} hands objects over; {@code $api}
 * and the server's internals stay out of reach.
 */
class BuilderReachTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client wiz;
    GameHarness.Client ada;
    GameHarness.Client mal;

    @BeforeEach
    void start() {
        h = new GameHarness(dir, new JavaSettings(Role.BUILDER, Duration.ofMinutes(30), 1, null));
        h.account("Wiz", "wiz-password", Role.DEVELOPER);
        h.account("Ada", "ada-password", Role.ADMIN);
        h.account("Mal", "mal-password", Role.BUILDER);
        h.account("Bob", "bob-password", Role.PLAYER);
        wiz = h.connect();
        wiz.loginAs("Wiz", "wiz-password");
        ada = h.connect();
        ada.loginAs("Ada", "ada-password");
        mal = h.connect();
        mal.loginAs("Mal", "mal-password");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String keyOf(long id) {
        return h.onLoop(() -> h.game.world().find(id).orElseThrow().key());
    }

    private long idOf(String name) {
        return h.onLoop(() -> h.game.world().search(name).getFirst().id());
    }

    @Test
    void aBuildersSnippetsMayNotChangeOthersCharactersOrTheStartingWorld() {
        long wizId = idOf("Wiz");
        long bobId = idOf("Bob");
        mal.say("java search(\"wiz\").get(0).setKey(\"Bob\")",
                "You may not change Wiz (#" + wizId + "): it is a character, and only its player or an Admin may.");
        mal.say("java search(\"bob\").get(0).moveTo(self)",
                "You may not change Bob (#" + bobId + "): it is a character, and only its player or an Admin may.");
        mal.say("java obj(1).setKey(\"Renamed\")", "You may not change Limbo (#1): it belongs to no Builder");
        assertThat(keyOf(wizId)).isEqualTo("Wiz");
        assertThat(keyOf(1)).isEqualTo("Limbo");
        assertThat(h.onLoop(() -> h.game.world().find(bobId).orElseThrow().location().id())).isEqualTo(1L);
        // What she makes is hers, by command and by java alike.
        mal.say("@create lamp", "Created lamp");
        mal.say("java search(\"lamp\").get(0).setKey(\"brass lamp\")", ">>> search");
        mal.say("@set brass lamp/lit = true", "Set brass lamp/lit = true");
        mal.say("java self.setAttr(\"title\", \"the Builder\")", ">>> self.setAttr");
        wiz.say("java obj(1).setAttr(\"mood\", \"calm\")", ">>> obj(1)"); // a Developer may change anything
        ada.say("@set Mal/title = the Watched", "Set Mal/title");
    }

    @Test
    void commandsObeyTheSameRule() {
        mal.say("@set here/desc = Mine now.", "You may not change Limbo (#1): it belongs to no Builder");
        mal.say("@destroy north", "You may not change north (#3): it belongs to no Builder");
        mal.say("@dig Workshop = east, west", "Dug Workshop"); // a new room and its exits are hers, even in Limbo
        long workshop = idOf("Workshop");
        mal.say("@set #" + workshop + "/desc = Sawdust.", "Set Workshop/desc");
        mal.say("@examine #" + workshop, "Owner: Mal");
        mal.say("@destroy east", "Destroyed east");
        assertThat(h.onLoop(() -> h.game.world().limbo().attr("desc"))).asString().startsWith("A featureless");
    }

    @Test
    void aTasksCallbackActsAsItsOwner() {
        mal.say("@create bell", "Created bell");
        mal.say("java delay(0, () -> search(\"bell\").get(0).setAttr(\"rung\", true))", ">>> delay");
        mal.say("java delay(0, () -> obj(1).setKey(\"Renamed\"))", "You may not change Limbo (#1)");
        assertThat(eventually(() -> h.game.world().search("bell").getFirst().attr("rung"))).isEqualTo(true);
        assertThat(keyOf(1)).isEqualTo("Limbo");
        // An Admin's task has an Admin's reach.
        ada.say("java delay(0, () -> obj(1).setAttr(\"tolled\", true))", ">>> delay");
        assertThat(eventually(() -> h.game.world().limbo().attr("tolled"))).isEqualTo(true);
    }

    /** What {@code read} gives on the loop once it is not null (a callback has run), or null after 30 s. */
    private Object eventually(java.util.function.Supplier<Object> read) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Object v;
        while ((v = h.onLoop(read)) == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return v;
    }

    @Test
    void chownHandsAnObjectToABuilder() {
        mal.say("@chown here = Mal", "Huh?");
        ada.say("@chown here", "Limbo (#1) is owned by nobody.");
        ada.say("@chown Mal = Mal", "is a character: only its player (and Admins) change it");
        ada.say("@chown here = Nobody-Such", "There is no account named 'Nobody-Such'");
        ada.say("@chown here = Mal", "Limbo (#1) now belongs to Mal.");
        mal.say("@set here/desc = The hall of Mal.", "Set Limbo/desc");
        mal.say("java here.setKey(\"Hall\")", ">>> here.setKey");
        mal.say("@examine here", "Owner: Mal");
        ada.say("@chown here = nobody", "Hall (#1) now belongs to nobody");
        mal.say("@set here/desc = again", "You may not change Hall (#1): it belongs to no Builder");
        ada.say("help @chown", "Gives an object to an account");
    }

    @Test
    void theApiBindingIsRefusedAndServerInternalsAreForDevelopers() {
        mal.say("java inspect($api)", "Rejected: $api is the engine's own and cannot be used in snippets");
        wiz.say("java $api.obj(1)", "Rejected: $api is the engine's own and cannot be used in snippets");
        mal.say("java Runnable r = () -> System.out.println($api); r.run();", "Rejected: $api is the engine's own");
        mal.say("java inspect(session)", "inspect(...) of Session is for Developers");
        mal.say("java inspect(account)", "inspect(...) of Account is for Developers");
        String room = mal.say("java inspect(here)", "owner = nobody");
        assertThat(room).contains("GameObject Limbo (#1)", "kind = room").doesNotContain("world =", "store");
        String mine = mal.say("java inspect(List.of(self, session, 7))", "[2] = 7");
        assertThat(mine).contains("GameObject Mal(#", "Session (part of the server").doesNotContain("connection");
        mal.say("java record P(int x) { } inspect(new P(3))", "x = 3");
        // The inspect startup method reaches the API the way the functions do; Developers see everything.
        String full = wiz.say("java inspect(here)", "key = \"Limbo\"");
        assertThat(full).contains("GameObject (dev.cantrip.world.GameObject)");
        wiz.say("java inspect(session)", "Session (dev.cantrip.session.Session)");
    }
}
