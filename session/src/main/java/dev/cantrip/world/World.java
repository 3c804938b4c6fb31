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
 * <p>Only the loop thread may call it, except {@link #loop()} and {@link #messenger()}.
 */
public final class World {

    private static final System.Logger LOG = System.getLogger(World.class.getName());
    static final String OBJECT_COUNTER = "object";
    private static final int MAX_KEY_LENGTH = 200;

    private final GameLoop loop;
    private final Store store;
    private final Messenger messenger;
    private final Map<Long, GameObject> objects = new LinkedHashMap<>();
    private long nextId;
    private GameObject limbo;

    private World(GameLoop loop, Store store, Messenger messenger) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.store = Objects.requireNonNull(store, "store");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
    }

    /**
     * Builds the world from a snapshot; a snapshot with no objects gets the starting world
     * (Limbo and a garden, joined by exits). Must run on the loop thread.
     */
    public static World load(Snapshot snapshot, GameLoop loop, Store store, Messenger messenger) {
        loop.checkInLoop("load the world");
        World world = new World(loop, store, messenger);
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
            objects.put(row.id(), new GameObject(this, row.id(), kind, row.key()));
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
        GameObject limboRoom = create(ObjectKind.ROOM, "Limbo", null);
        limboRoom.setAttr("desc", "A featureless grey expanse. A path leads north to a garden.");
        GameObject garden = create(ObjectKind.ROOM, "Garden", null);
        garden.setAttr("desc", "A small walled garden. The path leads back south to Limbo.");
        createExit("north", limboRoom, garden);
        createExit("south", garden, limboRoom);
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
     * Creates an object. Rooms take no location; exits are made with {@link #createExit}.
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
        GameObject o = new GameObject(this, id, kind, k);
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
     * exits that led to a destroyed room are destroyed too.
     *
     * @throws WorldException for the starting room
     */
    public void destroy(GameObject o) {
        check("destroy " + o.ref());
        if (o.destroyed()) {
            return;
        }
        if (o == limbo) {
            throw new WorldException("the starting room " + o + " cannot be destroyed.");
        }
        GameObject fallback = o.kindRaw() == ObjectKind.ROOM ? limbo : o.locationRaw();
        for (GameObject inside : new ArrayList<>(o.contentsRaw())) {
            if (inside.kindRaw() == ObjectKind.EXIT) {
                destroy(inside);
            } else if (fallback != null) {
                inside.placeIn(fallback);
                saved(inside);
            }
        }
        if (o.kindRaw() == ObjectKind.ROOM) {
            for (GameObject other : new ArrayList<>(objects.values())) {
                if (other.kindRaw() == ObjectKind.EXIT && other.destinationRaw() == o) {
                    destroy(other);
                }
            }
        }
        o.placeIn(null);
        o.markDestroyed();
        objects.remove(o.id());
        store.submit(new Change.ObjectDeleted(o.id()));
    }

    // ---- package-private: called by GameObject ----

    void saved(GameObject o) {
        GameObject at = o.locationRaw();
        GameObject dest = o.destinationRaw();
        store.submit(new Change.ObjectSaved(o.id(), o.keyRaw(), o.kindRaw().label(),
                at == null ? null : at.id(), dest == null ? null : dest.id()));
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
