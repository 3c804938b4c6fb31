package dev.cantrip.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.account.Role;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChangeRule} as the world enforces it: owners, the character rule, carrying, and owners kept on disk. */
class OwnershipTest {

    @TempDir
    Path dir;
    Store store;
    GameLoop loop;
    World world;
    Acting acting;
    // Accounts 10 (Mallory, a Builder), 11 (Bob, a Player), 12 (Ada, an Admin); their characters are made in start().
    Actor mallory;
    Actor bob;
    Actor ada;
    GameObject malloryBody;
    GameObject bobBody;
    GameObject wizardBody;

    @BeforeEach
    void start() {
        open();
        run(() -> {
            malloryBody = world.create(ObjectKind.CHARACTER, "Mallory", world.limbo());
            bobBody = world.create(ObjectKind.CHARACTER, "Bob", world.limbo());
            wizardBody = world.create(ObjectKind.CHARACTER, "Wizard", world.limbo());
        });
        mallory = new Actor.Account(10, "Mallory", Role.BUILDER, malloryBody.id());
        bob = new Actor.Account(11, "Bob", Role.PLAYER, bobBody.id());
        ada = new Actor.Account(12, "Ada", Role.ADMIN, -1);
    }

    private void open() {
        store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        loop = GameLoop.start("ownership-test-loop");
        acting = new Acting();
        acting.accountNames(id -> Map.of(10L, "Mallory", 11L, "Bob", 12L, "Ada").getOrDefault(id, "#" + id));
        world = on(() -> World.load(store.load(), loop, store, (o, text) -> { }, acting));
    }

    @AfterEach
    void stop() {
        loop.shutdown(Duration.ofSeconds(5));
        store.close();
    }

    private <T> T on(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, loop::execute).join();
    }

    private void run(Runnable work) {
        CompletableFuture.runAsync(work, loop::execute).join();
    }

    /** Runs {@code work} on the loop with {@code actor} acting. */
    private void as(Actor actor, Runnable work) {
        run(() -> acting.as(actor, work));
    }

    @Test
    void aBuilderMayNotRenameOrMoveAnotherPlayersCharacter() {
        as(mallory, () -> {
            assertThatThrownBy(() -> wizardBody.setKey("Bob")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("You may not change Wizard (#" + wizardBody.id() + "): it is a character, and only its"
                            + " player or an Admin may.");
            assertThatThrownBy(() -> bobBody.moveTo(malloryBody)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("You may not change Bob (#" + bobBody.id() + "): it is a character, and only its"
                            + " player or an Admin may.");
            assertThatThrownBy(() -> bobBody.setAttr("home", world.limbo())).isInstanceOf(ChangeRefusedException.class);
            assertThatThrownBy(() -> world.destroy(bobBody)).isInstanceOf(ChangeRefusedException.class);
            assertThat(wizardBody.key()).isEqualTo("Wizard");
            assertThat(bobBody.location()).isSameAs(world.limbo());
            assertThat(bobBody.attributes()).isEmpty();
            // Her own character is hers.
            malloryBody.setAttr("title", "the Builder");
            malloryBody.setKey("Mal");
            assertThat(malloryBody.key()).isEqualTo("Mal");
        });
    }

    @Test
    void theStartingWorldBelongsToNoBuilder() {
        as(mallory, () -> {
            GameObject limbo = world.limbo();
            assertThat(limbo.owner()).isEqualTo(OptionalLong.empty());
            assertThatThrownBy(() -> limbo.setKey("Renamed")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("You may not change Limbo (#1): it belongs to no Builder, and only an Admin may (an"
                            + " Admin can give it to you with @chown).");
            assertThatThrownBy(() -> limbo.setAttr("desc", "mine")).isInstanceOf(ChangeRefusedException.class);
            assertThatThrownBy(() -> limbo.removeAttr("desc")).isInstanceOf(ChangeRefusedException.class);
            GameObject north = limbo.exits().getFirst();
            assertThatThrownBy(() -> world.destroy(north)).isInstanceOf(ChangeRefusedException.class);
            assertThat(limbo.key()).isEqualTo("Limbo");
            assertThat(limbo.attr("desc")).asString().startsWith("A featureless grey expanse");
            assertThat(north.destroyed()).isFalse();
        });
    }

    @Test
    void whatABuilderMakesIsHersAndOnlyHers() {
        GameObject[] made = new GameObject[2];
        as(mallory, () -> {
            made[0] = world.create(ObjectKind.THING, "lamp", malloryBody);
            made[1] = world.create(ObjectKind.ROOM, "Workshop", null);
            GameObject exit = world.createExit("workshop", world.limbo(), made[1]); // made in Limbo, but hers
            assertThat(made[0].owner()).isEqualTo(OptionalLong.of(10));
            assertThat(exit.owner()).isEqualTo(OptionalLong.of(10));
            made[0].setKey("brass lamp");
            made[0].setAttr("lit", true);
            made[0].moveTo(made[1]);
            made[1].setAttr("desc", "Sawdust.");
            exit.setKey("shop");
        });
        as(bob, () -> {
            assertThatThrownBy(() -> made[0].setKey("mine")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("You may not change brass lamp (#" + made[0].id() + "): it belongs to Mallory, and only"
                            + " its owner or an Admin may.");
            assertThatThrownBy(() -> made[1].removeAttr("desc")).isInstanceOf(ChangeRefusedException.class);
        });
        as(mallory, () -> {
            world.destroy(made[1]); // her room; its exit in Limbo goes with it, and the lamp to Limbo
            assertThat(made[0].location()).isSameAs(world.limbo());
        });
    }

    @Test
    void anyoneMayCarryAThingBetweenTheirRoomAndThemselvesAndNoFurther() {
        GameObject[] lamp = new GameObject[1];
        GameObject[] garden = new GameObject[1];
        as(mallory, () -> lamp[0] = world.create(ObjectKind.THING, "lamp", world.limbo()));
        run(() -> garden[0] = world.search("Garden").getFirst());
        as(bob, () -> {
            lamp[0].moveTo(bobBody); // get
            assertThat(lamp[0].location()).isSameAs(bobBody);
            assertThatThrownBy(() -> lamp[0].moveTo(garden[0])).isInstanceOf(ChangeRefusedException.class);
            lamp[0].moveTo(world.limbo()); // drop
            assertThatThrownBy(() -> lamp[0].moveTo(malloryBody)).isInstanceOf(ChangeRefusedException.class);
            assertThat(lamp[0].location()).isSameAs(world.limbo());
            bobBody.moveTo(garden[0]); // his own character goes where he likes
            assertThatThrownBy(() -> lamp[0].moveTo(bobBody)).as("not in his room any more")
                    .isInstanceOf(ChangeRefusedException.class);
        });
    }

    @Test
    void adminsAndTheGameMayChangeAnything() {
        as(ada, () -> {
            wizardBody.setAttr("title", "the Grey");
            bobBody.moveTo(world.limbo());
            world.limbo().setAttr("desc", "Grey, still.");
        });
        run(() -> world.limbo().setKey("Limbo")); // the game itself
        as(new Actor.Account(13, "Dev", Role.DEVELOPER, -1), () -> world.limbo().setAttr("dev", 1));
    }

    @Test
    void onlyAnAdminMayGiveAnObjectAndTheOwnerIsKept() {
        GameObject[] lamp = new GameObject[1];
        as(ada, () -> lamp[0] = world.create(ObjectKind.THING, "lamp", world.limbo()));
        as(mallory, () -> {
            assertThatThrownBy(() -> world.setOwner(lamp[0], 10L)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("only an Admin may say who owns what");
            assertThatThrownBy(() -> lamp[0].setKey("mine")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("it belongs to Ada");
        });
        as(ada, () -> {
            world.setOwner(lamp[0], 10L);
            assertThatThrownBy(() -> world.setOwner(bobBody, 10L)).isInstanceOf(WorldException.class)
                    .hasMessageContaining("is a character");
        });
        as(mallory, () -> lamp[0].setKey("Mallory's lamp"));
        long id = lamp[0].id();
        store.flush(Duration.ofSeconds(10));
        loop.shutdown(Duration.ofSeconds(5));
        store.close();
        open();
        run(() -> {
            GameObject back = world.find(id).orElseThrow();
            assertThat(back.owner()).isEqualTo(OptionalLong.of(10));
            assertThat(back.key()).isEqualTo("Mallory's lamp");
            assertThat(world.limbo().owner()).isEmpty();
        });
        as(bob, () -> assertThatThrownBy(() -> world.find(id).orElseThrow().setKey("x"))
                .hasMessageContaining("it belongs to Mallory"));
    }
}
