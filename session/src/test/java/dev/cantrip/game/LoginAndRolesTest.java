package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginAndRolesTest {

    @TempDir
    Path dir;
    GameHarness h;

    @BeforeEach
    void start() {
        h = new GameHarness(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void createThenConnectAgainAfterQuitting() {
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.say("create Alice s3cret-pass", "Welcome, Alice");
        c.expect("Limbo");
        c.say("quit", "Goodbye");
        assertThat(c.open).isFalse();

        GameHarness.Client again = h.connect();
        again.expect("Welcome to Cantrip");
        again.say("connect alice s3cret-pass", "Welcome, Alice!");
    }

    @Test
    void wrongPasswordAndUnknownNameGetTheSameAnswer() {
        h.account("Bob", "right-password", Role.PLAYER);
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.say("connect Bob wrong-password", "Wrong name or password.");
        c.say("connect Nobody whatever-pass", "Wrong name or password.");
    }

    @Test
    void repeatedFailuresAreThrottledPerAddress() {
        h.account("Bob", "right-password", Role.PLAYER);
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        for (int i = 0; i < 5; i++) {
            c.say("connect Bob nope-nope-" + i, "Wrong name or password.");
        }
        // Even the right password is refused while the address is locked out.
        c.say("connect Bob right-password", "Too many failed password checks from your address");
    }

    @Test
    void passwordPromptHidesInputThenRestoresIt() {
        h.account("Carol", "carol-password", Role.PLAYER);
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.say("connect Carol", "Password:");
        assertThat(c.hidden).isTrue();
        c.say("carol-password", "Welcome, Carol");
        assertThat(c.hidden).isFalse();
    }

    @Test
    void badNamesAndPasswordsAreRefusedWithAReason() {
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.type("create x pw");
        String answer = c.expect("");
        assertThat(answer).doesNotContain("Welcome,");
        c.say("create Dave short", "password");
        c.say("look", "connect <name> <password>");
    }

    @Test
    void takenNamesAreRefused() {
        h.account("Erin", "erin-password", Role.PLAYER);
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.say("create erin another-password", "taken");
    }

    @Test
    void commandsAboveTheRoleAnswerLikeUnknownOnes() {
        h.account("Pat", "pat-password", Role.PLAYER);
        GameHarness.Client c = h.connect();
        c.loginAs("Pat", "pat-password");
        String unknown = c.say("frobnicate", "Huh?");
        String hidden = c.say("@set me/x = 1", "Huh?");
        assertThat(unknown.strip()).endsWith("Huh? 'frobnicate' is not a command here. Type \"help\" for the commands you can use.");
        assertThat(hidden.strip()).endsWith("Huh? '@set' is not a command here. Type \"help\" for the commands you can use.");
        String help = c.say("help", "Type the name of an exit");
        assertThat(help).contains("look").doesNotContain("@set").doesNotContain("@reload");
        c.say("help @reload", "There is no help on '@reload'");
    }

    @Test
    void developersGrantRolesAndTheTargetIsTold() {
        h.account("Dev", "dev-password", Role.DEVELOPER);
        h.account("Pat", "pat-password", Role.PLAYER);
        GameHarness.Client dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        GameHarness.Client pat = h.connect();
        pat.loginAs("Pat", "pat-password");
        pat.say("@create rock", "Huh?");
        dev.say("@perm Pat = builder", "Pat is now a Builder.");
        pat.expect("You are now a Builder.");
        pat.say("@create rock", "Created rock");
        dev.say("@perm Pat = emperor", "'emperor' is not a role");
        dev.say("@perm Dev = player", "last Developer");
    }

    @Test
    void idleLoginScreensAreClosed() {
        h.close();
        h = new GameHarness(dir, Duration.ofSeconds(1));
        GameHarness.Client c = h.connect();
        c.expect("Welcome to Cantrip");
        c.expect("idle on the login screen");
        assertThat(c.open).isFalse();
    }

    @Test
    void parallelConnectionsFromOneAddressCannotGuessPastTheThrottle() {
        h.close();
        // Slow hashes, as in production, so that the checks overlap.
        h = new GameHarness(dir, Duration.ofMinutes(5), 200_000);
        h.account("Bob", "right-password", Role.PLAYER);
        GameHarness.Client a = h.connect();
        GameHarness.Client b = h.connect();
        a.expect("Welcome to Cantrip");
        b.expect("Welcome to Cantrip");
        a.type("connect Bob guess-one-1");
        b.type("connect Bob guess-two-2");
        b.expect("Another password from your address is being checked");
        a.expect("Wrong name or password.");
    }

    @Test
    void nothingTypedAfterQuitRuns() {
        h.account("Pat", "pat-password", Role.PLAYER);
        h.account("Sam", "sam-password", Role.PLAYER);
        GameHarness.Client sam = h.connect();
        sam.loginAs("Sam", "sam-password");
        GameHarness.Client pat = h.connect();
        pat.loginAs("Pat", "pat-password");
        sam.expect("Pat has connected.");
        pat.type("quit");
        pat.type("say still here after quit");
        sam.expect("Pat has disconnected.");
        sam.say("say are you there?", "You say");
        assertThat(sam.transcript.toString()).doesNotContain("still here after quit");
    }

    @Test
    void aReloadRightAfterACreateKeepsTheNewAccount() {
        h.account("Dev", "dev-password", Role.DEVELOPER);
        GameHarness.Client dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        GameHarness.Client carol = h.connect();
        carol.expect("Welcome to Cantrip");
        carol.type("create Carol carol-password");
        dev.type("@reload");
        carol.expect("Welcome, Carol!");
        dev.expect("Reload complete.");
        carol.say("look", "Limbo");
        assertThat(carol.transcript.toString()).doesNotContain("no longer exists");
        h.onLoop(() -> assertThat(h.game.accounts().find("Carol")).isPresent());
    }

    @Test
    void accountCreationIsLimitedPerAddress() {
        h.close();
        h = new GameHarness(dir, Duration.ofMinutes(5), 1_000, 2);
        for (String name : new String[] {"Ann", "Ben"}) {
            GameHarness.Client c = h.connect();
            c.expect("Welcome to Cantrip");
            c.say("create " + name + " password-" + name, "Welcome, " + name + "!");
        }
        GameHarness.Client third = h.connect();
        third.expect("Welcome to Cantrip");
        third.say("create Cid password-cid", "Too many accounts were created from your address");
        h.onLoop(() -> assertThat(h.game.accounts().find("Cid")).isEmpty());
    }
}
