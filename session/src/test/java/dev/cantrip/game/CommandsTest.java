package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() {
        h = new GameHarness(dir);
        h.account("Dev", "dev-password", Role.DEVELOPER);
        h.account("Pat", "pat-password", Role.PLAYER);
        dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        pat = h.connect();
        pat.loginAs("Pat", "pat-password");
        dev.expect("Pat has connected.");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void lookShowsTheRoomItsExitsAndWhoIsHere() {
        String look = pat.say("look", "You see:");
        assertThat(look).contains("Limbo").contains("Exits: north").contains("Dev");
        // Players do not see ids; builders do.
        assertThat(look).doesNotContain("#1");
        assertThat(dev.say("look", "You see:")).contains("Limbo (#1)");
    }

    @Test
    void sayReachesEveryoneInTheRoom() {
        pat.say("say hello there", "You say, \"hello there\"");
        dev.expect("Pat says, \"hello there\"");
    }

    @Test
    void walkingBetweenRoomsByExitNameAndGo() {
        String garden = pat.say("north", "Exits: south");
        assertThat(garden).contains("Garden");
        dev.expect("Pat leaves north.");
        pat.say("go south", "Limbo");
        dev.expect("Pat arrives.");
        pat.say("go nowhere", "There is no exit 'nowhere' here. Exits: north.");
    }

    @Test
    void whoListsConnectedPlayers() {
        String who = pat.say("who", "players.");
        assertThat(who).contains("Dev").contains("Pat").contains("2 players.");
        assertThat(who).doesNotContain("telnet").doesNotContain("192.0.2.1");
        assertThat(dev.say("who", "players.")).contains("Developer").contains("192.0.2.1");
    }

    @Test
    void buildingCreatesDigsSetsExaminesAndDestroys() {
        String created = dev.say("@create brass lamp", "Created brass lamp");
        String lampId = created.replaceAll("(?s).*Created brass lamp \\((#\\d+)\\).*", "$1");
        dev.say("inventory", "brass lamp");
        dev.say("@set lamp/lit = true", "Set brass lamp/lit = true  (bool)");
        dev.say("@set lamp/desc = A battered brass lamp.", "(string)");
        dev.say("@set lamp/stats = {\"fuel\": 3, \"tags\": [\"old\"]}", "(map)");
        dev.say("@set lamp/bad = [1, 2", "put it in double quotes");
        dev.say("@set lamp/lit", "lit = true");
        dev.say("@dig Cellar = down, up", "Dug Cellar");
        String ex = dev.say("@examine lamp", "stats = ");
        assertThat(ex).contains("Kind: thing").contains("Location: Dev").contains("lit = true  (bool)");
        dev.say("drop lamp", "You drop brass lamp.");
        pat.say("look lamp", "A battered brass lamp.");
        pat.say("get lamp", "You pick up brass lamp.");
        // Pat holds it now: out of Dev's sight by name, in reach by id.
        dev.say("@destroy lamp", "You don't see 'lamp' here.");
        dev.say("@destroy " + lampId, "Destroyed brass lamp");
        pat.say("inventory", "You are not carrying anything.");
        dev.say("down", "Cellar");
        dev.say("@set here/desc = Damp.", "Set Cellar/desc");
        dev.say("@destroy here", "leave it before destroying it");
        dev.say("up", "Limbo");
        dev.say("@destroy Pat", "cannot be destroyed");
    }

    @Test
    void referencesMustNameExistingObjects() {
        dev.say("@set me/home = #1", "Set Dev/home = #1  (ref)");
        dev.say("@set me/home = #9999", "#9999 does not exist");
    }

    @Test
    void changesSurviveAReloadAndPlayersStayLoggedIn() {
        dev.say("@set here/mood = \"calm\"", "(string)");
        pat.say("north", "Garden");
        dev.say("@reload", "Reload complete.");
        pat.expect("Reload complete.");
        pat.say("look", "Garden");
        dev.say("@set here/mood", "mood = \"calm\"");
    }

    @Test
    void shutdownIsForDevelopersOnly() {
        pat.say("@shutdown", "Huh?");
        assertThat(h.shutdownRequests).isEmpty();
        dev.type("@shutdown");
        h.onLoop(() -> { });
        assertThat(h.shutdownRequests).containsExactly("Dev");
    }

    @Test
    void playersChangeTheirPasswordAfterProvingTheCurrentOne() {
        pat.say("password wrong-password = new-password-1", "not your current password");
        pat.say("password pat-password = short", "password");
        pat.say("password", "Current password:");
        assertThat(pat.hidden).isTrue();
        pat.say("pat-password", "New password:");
        pat.say("new-password-1", "New password again:");
        pat.say("new-password-1", "Your password has been changed.");
        assertThat(pat.hidden).isFalse();
        // Back at the command prompt, and the new password works from now on.
        pat.say("look", "Limbo");
        GameHarness.Client again = h.connect();
        again.expect("Welcome to Cantrip");
        again.say("connect Pat pat-password", "Wrong name or password.");
        again.say("connect Pat new-password-1", "Welcome, Pat!");
        dev.say("password dev-password = dev-password-2", "Your password has been changed.");
    }

    @Test
    void aDigWithABadExitNameMakesNothing() {
        int before = h.onLoop(() -> h.game.world().size());
        dev.say("@dig Kitchen = #east", "cannot start with '#'");
        assertThat(h.onLoop(() -> h.game.world().size())).isEqualTo(before);
        dev.say("@reload", "Reload complete.");
        dev.say("@reload", "Reload complete.");
    }

    @Test
    void commandsThatNeedAnArgumentShowTheirUsageWithout() {
        pat.say("say", "Usage: say <text>");
        pat.say("go", "Usage: go <exit>");
        dev.say("@destroy", "Usage: @destroy <object>");
        // Role checks come first: a Player still gets Huh? for a Builder command typed bare.
        pat.say("@create", "Huh?");
    }

    @Test
    void quoteIsShortForSay() {
        pat.say("'hello there", "You say, \"hello there\"");
        dev.expect("Pat says, \"hello there\"");
        pat.say("\"again", "You say, \"again\"");
    }

    @Test
    void aStrandedPlayerGoesHomeAndIsToldWhenTheirRoomVanishes() {
        dev.say("@dig Island = east", "Dug Island");
        pat.say("east", "Island");
        dev.say("@destroy east", "Destroyed east");
        pat.say("look", "Island");
        pat.say("home", "There's no place like home");
        pat.expect("Limbo");
        dev.expect("Pat arrives home.");
        pat.say("home", "You are already home.");
        dev.say("@dig Ruin = west", "Dug Ruin");
        pat.say("west", "Ruin");
        String ruinId = h.onLoop(() -> h.game.world().search("Ruin").getFirst().ref());
        dev.say("@destroy " + ruinId, "Destroyed Ruin");
        pat.expect("The room around you dissolves; you find yourself in Limbo.");
        pat.say("look", "Limbo");
    }
}
