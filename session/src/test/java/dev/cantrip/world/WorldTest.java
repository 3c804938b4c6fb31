package dev.cantrip.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.host.WrongThreadException;
import dev.cantrip.store.Store;
import dev.cantrip.world.attr.AttrRejectedException;
import dev.cantrip.world.attr.AttrValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldTest {

    @TempDir
    Path dir;
    Store store;
    GameLoop loop;
    World world;
    final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        open();
    }

    private void open() {
        store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        loop = GameLoop.start("world-test-loop");
        world = on(() -> World.load(store.load(), loop, store, (o, text) -> delivered.add(o.ref() + ":" + text)));
    }

    private void reopen() {
        store.flush(Duration.ofSeconds(10));
        loop.shutdown(Duration.ofSeconds(5));
        store.close();
        open();
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

    @Test
    void aFreshWorldHasLimboAndAGardenJoinedByExits() {
        run(() -> {
            GameObject limbo = world.limbo();
            assertThat(limbo.key()).isEqualTo("Limbo");
            assertThat(limbo.id()).isEqualTo(1);
            GameObject north = limbo.exits().getFirst();
            assertThat(north.key()).isEqualTo("north");
            assertThat(north.destination().key()).isEqualTo("Garden");
            assertThat(north.destination().exits().getFirst().destination()).isSameAs(limbo);
        });
    }

    @Test
    void objectsAttributesAndPlacesSurviveAReopen() {
        long id = on(() -> {
            GameObject ball = world.create(ObjectKind.THING, "ball", world.limbo());
            ball.setAttr("weight", 3);
            ball.setAttr("tags", List.of("red", "bouncy"));
            ball.setAttr("owner", world.limbo());
            ball.setAttr("stats", Map.of("hp", 2.5));
            ball.setAttrValue("lit", new AttrValue.Bool(true));
            return ball.id();
        });
        reopen();
        run(() -> {
            GameObject ball = world.find(id).orElseThrow();
            assertThat(ball.location()).isSameAs(world.limbo());
            assertThat(world.limbo().contents()).contains(ball);
            assertThat(ball.attr("weight")).isEqualTo(3L);
            assertThat(ball.attr("tags")).isEqualTo(List.of("red", "bouncy"));
            assertThat(ball.attr("owner")).isSameAs(world.limbo());
            assertThat(ball.attr("stats")).isEqualTo(Map.of("hp", 2.5));
            assertThat(ball.attrValue("lit")).contains(new AttrValue.Bool(true));
        });
    }

    @Test
    void idsAreNeverReusedEvenAfterTheNewestObjectIsDestroyed() {
        long first = on(() -> {
            GameObject a = world.create(ObjectKind.THING, "a", world.limbo());
            world.destroy(a);
            return a.id();
        });
        reopen();
        long second = on(() -> world.create(ObjectKind.THING, "b", world.limbo()).id());
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void destroyingARoomMovesItsContentsToLimboAndRemovesExitsToIt() {
        run(() -> {
            GameObject garden = world.limbo().exits().getFirst().destination();
            GameObject rock = world.create(ObjectKind.THING, "rock", garden);
            world.destroy(garden);
            assertThat(rock.location()).isSameAs(world.limbo());
            assertThat(world.limbo().exits()).isEmpty();
            assertThat(garden.destroyed()).isTrue();
            assertThatThrownBy(() -> garden.setKey("x")).isInstanceOf(WorldException.class);
            assertThatThrownBy(() -> world.destroy(world.limbo())).isInstanceOf(WorldException.class)
                    .hasMessageContaining("cannot be destroyed");
        });
    }

    @Test
    void impossibleChangesAreRefusedWithReasons() {
        run(() -> {
            GameObject box = world.create(ObjectKind.THING, "box", world.limbo());
            GameObject inner = world.create(ObjectKind.THING, "inner", box);
            assertThatThrownBy(() -> box.moveTo(inner)).hasMessageContaining("inside itself");
            assertThatThrownBy(() -> world.limbo().moveTo(box)).hasMessageContaining("rooms have no location");
            assertThatThrownBy(() -> box.setKey("  ")).hasMessageContaining("cannot be empty");
            assertThatThrownBy(() -> box.setKey("#5")).hasMessageContaining("cannot start with '#'");
            assertThatThrownBy(() -> box.setAttr("x", new Object())).isInstanceOf(AttrRejectedException.class)
                    .hasMessageContaining("Object");
            assertThatThrownBy(() -> box.setAttrValue("ref", new AttrValue.Ref(9999)))
                    .isInstanceOf(AttrRejectedException.class).hasMessageContaining("#9999 does not exist");
            assertThatThrownBy(() -> box.setAttr("bad name!", 1)).isInstanceOf(AttrRejectedException.class);
        });
    }

    @Test
    void anotherThreadTouchingAWorldObjectIsToldWhichThreadAndWhy() {
        GameObject limbo = on(() -> world.limbo());
        assertThatThrownBy(limbo::key)
                .isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("read the key of #1")
                .hasMessageContaining(Thread.currentThread().getName())
                .hasMessageContaining("world-test-loop");
        assertThatThrownBy(() -> limbo.setAttr("x", 1)).isInstanceOf(WrongThreadException.class);
        // id and msg are safe anywhere; said to a room, msg reaches the characters in it.
        assertThat(limbo.id()).isEqualTo(1);
        GameObject ann = on(() -> world.create(ObjectKind.CHARACTER, "Ann", world.limbo()));
        ann.msg("hello");
        limbo.msg("to everyone here");
        on(() -> null);
        assertThat(delivered).containsExactly(ann.ref() + ":hello", ann.ref() + ":to everyone here");
    }
}
