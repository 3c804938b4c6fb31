package dev.cantrip.world;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.store.Change;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import dev.cantrip.world.attr.AttrCodec;
import dev.cantrip.world.attr.AttrRejectedException;
import dev.cantrip.world.attr.AttrValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All game objects, in memory, owned by the game loop. Built from the store's {@link Snapshot};
 * every change made through it or its objects is submitted to the store in order. Ids come from a
 * persistent counter and are never reused.
 *
 * <p>Every change is checked against whoever acts ({@link Acting}, {@link ChangeRule}); new objects
 * belong to the account acting when they are made (none when the game makes them).
 *
 * <p>Only the loop thread may call it, except {@link #loop()} and {@link #messenger()}.
 */
public final class World {

    private static final System.Logger LOG = System.getLogger(World.class.getName());
    static final String OBJECT_COUNTER = "object";
    private static final int MAX_KEY_LENGTH = 200;

    private final GameLoop loop;
    private final Store store;
    private final Messenger messenger;
    private final Acting acting;
    private final MessageRate messageRate = new MessageRate();
    private final Map<Long, GameObject> objects = new LinkedHashMap<>();
    private long nextId;
    private GameObject limbo;

    private World(GameLoop loop, Store store, Messenger messenger, Acting acting) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.store = Objects.requireNonNull(store, "store");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.acting = Objects.requireNonNull(acting, "acting");
    }

    /**
     * {@link #load(Snapshot, GameLoop, Store, Messenger, Acting)} with a context of its own, where
     * the game itself always acts (for tools and tests that have no players).
     */
    public static World load(Snapshot snapshot, GameLoop loop, Store store, Messenger messenger) {
        return load(snapshot, loop, store, messenger, new Acting());
    }

    /**
     * Builds the world from a snapshot; a snapshot with no objects gets the starting world
     * (Limbo and a garden, joined by exits, owned by nobody). Must run on the loop thread.
     *
     * @param acting who acts at each moment; every change is checked against it
     */
    public static World load(Snapshot snapshot, GameLoop loop, Store store, Messenger messenger, Acting acting) {
        loop.checkInLoop("load the world");
        World world = new World(loop, store, messenger, acting);
        world.fill(snapshot);
        if (world.objects.isEmpty()) {
            world.createStartingWorld();
        }
        world.limbo = world.objects.values().stream()
                .filter(o -> o.kindRaw() == ObjectKind.ROOM)
                .findFirst()
                .orElseGet(() -> world.create(ObjectKind.ROOM, "Limbo", null));
        return world;
    }

    private void fill(Snapshot snapshot) {
        for (Snapshot.ObjectRow row : snapshot.objects()) {
            ObjectKind kind = ObjectKind.parse(row.kind()).orElse(ObjectKind.THING);
            objects.put(row.id(), new GameObject(this, row.id(), kind, row.key(), row.ownerId()));
        }
        for (Snapshot.ObjectRow row : snapshot.objects()) {
            GameObject o = objects.get(row.id());
            if (row.locationId() != null) {
                GameObject at = objects.get(row.locationId());
                if (at == null) {
                    LOG.log(System.Logger.Level.WARNING, "{0} is in missing object #{1}; it is placed nowhere",
                            o, row.locationId());
                } else {
                    o.placeIn(at);
                }
            }
            if (row.destinationId() != null) {
                o.setDestinationRaw(objects.get(row.destinationId()));
            }
        }
        for (Snapshot.AttributeRow row : snapshot.attributes()) {
            GameObject o = objects.get(row.objectId());
            if (o == null) {
                continue;
            }
            try {
                o.putAttributeRaw(row.name(), AttrCodec.decode(row.encoded()));
            } catch (RuntimeException e) {
                // Keep the stored text untouched; the object just does not show the attribute.
                LOG.log(System.Logger.Level.WARNING, "attribute {0} of {1} cannot be read and is left as stored: {2}",
                        row.name(), o, e.getMessage());
            }
        }
        long maxId = objects.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        nextId = Math.max(maxId + 1, snapshot.counters().getOrDefault(OBJECT_COUNTER, 1L));
    }

    private void createStartingWorld() {
        // Made by the game itself, whoever is acting: the starting world belongs to no one.
        acting.as(Actor.HOST, this::createStartingRooms);
    }

    private void createStartingRooms() {
        GameObject limboRoom = create(ObjectKind.ROOM, "Limbo", null);
        limboRoom.setAttr("desc", "A featureless grey expanse. A path leads north to a garden.");
        GameObject garden = create(ObjectKind.ROOM, "Garden", null);
        garden.setAttr("desc", "A small walled garden. The path leads back south to Limbo.");
        createExit("north", limboRoom, garden);
        createExit("south", garden, limboRoom);
    }

    /** Who acts now: every change is made for them, and checked against them. */
    /**
     * Charges the acting account's code (if an account acts) for {@code bytes} it sends to players,
     * all its runs together ({@link MessageRate}), below Admin. Host code is never charged. Loop only.
     *
     * @throws IllegalStateException past the account's allowance: the message is not sent
     */
    void chargeMessage(long bytes) {
        if (acting.current() instanceof Actor.Account a && !a.role().atLeast(dev.cantrip.account.Role.ADMIN)
                && !messageRate.take(a.accountId(), bytes, System.nanoTime())) {
            throw new IllegalStateException("msg refused: the code of " + a.name() + " has sent players more than "
                    + MessageRate.BURST_BYTES / 1024 + " KiB at once and " + MessageRate.BYTES_PER_SECOND / 1024
                    + " KiB a second since (all its runs and tasks together); send less, or wait");
        }
    }

    public Acting acting() {
        check("read who acts");
        return acting;
    }

    /** The loop that owns this world. Safe from any thread. */
    public GameLoop loop() {
        return loop;
    }

    /** Where {@link GameObject#msg} sends text. Safe from any thread. */
    public Messenger messenger() {
        return messenger;
    }

    /** The starting room: where new characters appear and where the contents of destroyed rooms go. */
    public GameObject limbo() {
        check("read the starting room");
        return limbo;
    }

    /** The object with this id, if it exists. */
    public Optional<GameObject> find(long id) {
        check("look up #" + id);
        return Optional.ofNullable(objects.get(id));
    }

    /** Objects whose key equals {@code key}, ignoring case. */
    public List<GameObject> search(String key) {
        check("search the world");
        String k = key.trim().toLowerCase(Locale.ROOT);
        List<GameObject> found = new ArrayList<>();
        for (GameObject o : objects.values()) {
            if (o.keyRaw().toLowerCase(Locale.ROOT).equals(k)) {
                found.add(o);
            }
        }
        return found;
    }

    /** Every object, by id. */
    public Collection<GameObject> objects() {
        check("list the world");
        return Collections.unmodifiableCollection(new ArrayList<>(objects.values()));
    }

    /** How many objects there are. */
    public int size() {
        check("count the world");
        return objects.size();
    }

    /**
     * Creates an object, owned by the account acting (by nobody when the game itself makes it).
     * Rooms take no location; exits are made with {@link #createExit}. Making an object inside
     * another changes only the new object, so it needs no right to the place it is made in.
     *
     * @throws WorldException if the key or location is not acceptable
     */
    public GameObject create(ObjectKind kind, String key, GameObject location) {
        check("create an object");
        Objects.requireNonNull(kind, "kind");
        String k = checkKey(key);
        if (kind == ObjectKind.ROOM && location != null) {
            throw new WorldException("a room cannot be inside anything.");
        }
        if (kind != ObjectKind.ROOM && location == null) {
            throw new WorldException("a " + kind.label() + " needs a location.");
        }
        if (location != null && location.kindRaw() == ObjectKind.EXIT) {
            throw new WorldException("nothing can be put inside an exit.");
        }
        long id = nextId++;
        store.submit(new Change.CounterAdvanced(OBJECT_COUNTER, nextId));
        Long owner = acting.current() instanceof Actor.Account a ? a.accountId() : null;
        GameObject o = new GameObject(this, id, kind, k, owner);
        objects.put(id, o);
        o.placeIn(location);
        saved(o);
        return o;
    }

    /** Creates an exit named {@code key} in room {@code from}, leading to room {@code to}. */
    public GameObject createExit(String key, GameObject from, GameObject to) {
        check("create an exit");
        if (from.kindRaw() != ObjectKind.ROOM || to.kindRaw() != ObjectKind.ROOM) {
            throw new WorldException("exits lead from a room to a room.");
        }
        GameObject exit = create(ObjectKind.EXIT, key, from);
        exit.setDestinationRaw(to);
        saved(exit);
        return exit;
    }

    /**
     * Destroys an object. Its contents move to its location (for a room: to the starting room);
     * exits that led to a destroyed room are destroyed too (consequences of the change, made
     * whoever owns them).
     *
     * @throws WorldException for the starting room
     * @throws ChangeRefusedException if the one acting may not change {@code o}
     */
    public void destroy(GameObject o) {
        check("destroy " + o.ref());
        if (o.destroyed()) {
            return;
        }
        if (o == limbo) {
            throw new WorldException("the starting room " + o + " cannot be destroyed.");
        }
        checkChange(o);
        destroyUnchecked(o);
    }

    private void destroyUnchecked(GameObject o) {
        if (o.destroyed()) {
            return;
        }
        GameObject fallback = o.kindRaw() == ObjectKind.ROOM ? limbo : o.locationRaw();
        for (GameObject inside : new ArrayList<>(o.contentsRaw())) {
            if (inside.kindRaw() == ObjectKind.EXIT) {
                destroyUnchecked(inside);
            } else if (fallback != null) {
                inside.placeIn(fallback);
                saved(inside);
            }
        }
        if (o.kindRaw() == ObjectKind.ROOM) {
            for (GameObject other : new ArrayList<>(objects.values())) {
                if (other.kindRaw() == ObjectKind.EXIT && other.destinationRaw() == o) {
                    destroyUnchecked(other);
                }
            }
        }
        o.placeIn(null);
        o.markDestroyed();
        objects.remove(o.id());
        store.submit(new Change.ObjectDeleted(o.id()));
    }

    /**
     * Gives {@code o} to account {@code accountId}, or to nobody when it is null (then only Admins
     * and above may change it). Only the game itself and Admins and above may.
     *
     * @throws ChangeRefusedException if the one acting is below Admin
     * @throws WorldException for a character: it belongs to its player
     */
    public void setOwner(GameObject o, Long accountId) {
        check("change the owner of " + o.ref());
        Objects.requireNonNull(o, "o");
        o.requireAlive();
        if (acting.current() instanceof Actor.Account a && !a.role().atLeast(dev.cantrip.account.Role.ADMIN)) {
            throw new ChangeRefusedException("You may not give " + o.keyRaw() + " (" + o.ref()
                    + ") away: only an Admin may say who owns what.");
        }
        if (o.kindRaw() == ObjectKind.CHARACTER) {
            throw new WorldException(o.keyRaw() + " (" + o.ref() + ") is a character: it is changed by its player"
                    + " (and Admins), whoever owns it, so it has no owner to set.");
        }
        o.setOwnerRaw(accountId);
        saved(o);
    }

    // ---- package-private: called by GameObject ----

    /** Refuses the change of {@code o} unless the one acting may make it ({@link ChangeRule}). */
    void checkChange(GameObject o) {
        String refusal = ChangeRule.refusal(acting.current(), o, acting);
        if (refusal != null) {
            throw new ChangeRefusedException(refusal);
        }
    }

    /**
     * Refuses, below Admin, naming a character as another character is named (ignoring case): a
     * Builder who renamed her own character "Bob" was shown as Bob in {@code say} and found by
     * {@code search("bob")} before him, the impersonation the change rule keeps others from.
     */
    void checkCharacterName(GameObject o, String key) {
        if (o.kindRaw() != ObjectKind.CHARACTER || !(acting.current() instanceof Actor.Account a)
                || a.role().atLeast(dev.cantrip.account.Role.ADMIN)) {
            return;
        }
        for (GameObject other : objects.values()) {
            if (other != o && other.kindRaw() == ObjectKind.CHARACTER && other.keyRaw().equalsIgnoreCase(key)) {
                throw new ChangeRefusedException("You may not name " + o.keyRaw() + " (" + o.ref() + ") " + key
                        + ": another character (" + other.ref() + ") is called that; pick a name of your own.");
            }
        }
    }

    /** Refuses moving {@code o} into {@code target} unless the one acting may change it, or is carrying it. */
    void checkMove(GameObject o, GameObject target) {
        Actor actor = acting.current();
        String refusal = ChangeRule.refusal(actor, o, acting);
        if (refusal == null) {
            return;
        }
        GameObject character = actor instanceof Actor.Account a ? objects.get(a.characterId()) : null;
        if (!ChangeRule.carrying(actor, o, target, character)) {
            throw new ChangeRefusedException(refusal);
        }
    }

    void saved(GameObject o) {
        GameObject at = o.locationRaw();
        GameObject dest = o.destinationRaw();
        store.submit(new Change.ObjectSaved(o.id(), o.keyRaw(), o.kindRaw().label(),
                at == null ? null : at.id(), dest == null ? null : dest.id(), o.ownerRaw()));
    }

    void attributeSet(GameObject o, String name, AttrValue value) {
        store.submit(new Change.AttributeSet(o.id(), name, AttrCodec.encode(value)));
    }

    void attributeRemoved(GameObject o, String name) {
        store.submit(new Change.AttributeDeleted(o.id(), name));
    }

    void checkReferences(AttrValue value) {
        switch (value) {
            case AttrValue.Ref r -> {
                if (!objects.containsKey(r.objectId())) {
                    throw new AttrRejectedException("#" + r.objectId() + " does not exist; a reference must name"
                            + " an existing object.");
                }
            }
            case AttrValue.ListOf l -> l.items().forEach(this::checkReferences);
            case AttrValue.MapOf m -> m.entries().values().forEach(this::checkReferences);
            default -> { }
        }
    }

    Object toJava(AttrValue value) {
        return switch (value) {
            case AttrValue.Ref r -> objects.get(r.objectId());
            case AttrValue.ListOf l -> {
                List<Object> out = new ArrayList<>(l.items().size());
                for (AttrValue item : l.items()) {
                    out.add(toJava(item));
                }
                yield Collections.unmodifiableList(out);
            }
            case AttrValue.MapOf m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(k, toJava(v)));
                yield Collections.unmodifiableMap(out);
            }
            default -> value.toJava();
        };
    }

    /**
     * Checks a name for an object and returns it trimmed.
     *
     * @throws WorldException saying what is wrong with it
     */
    public static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new WorldException("a name cannot be empty.");
        }
        String k = key.strip();
        if (k.length() > MAX_KEY_LENGTH) {
            throw new WorldException("a name can be at most " + MAX_KEY_LENGTH + " characters (this one has "
                    + k.length() + ").");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(k, i)) {
                throw new WorldException("a name cannot contain control characters or broken Unicode.");
            }
        }
        if (k.startsWith("#")) {
            throw new WorldException("a name cannot start with '#': that is how ids are written.");
        }
        return k;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private void check(String what) {
        loop.checkInLoop(what);
    }
}
