package dev.cantrip.world;

import dev.cantrip.world.attr.AttrRejectedException;
import dev.cantrip.world.attr.AttrValidator;
import dev.cantrip.world.attr.AttrValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A live object of the game world: a room, a character, an exit or a thing, with a stable id shown
 * as {@code #N}, a key (its name), a location, contents and typed persistent attributes.
 *
 * <p>Objects belong to the game loop. Every method except {@link #id()}, {@link #ref()},
 * {@link #msg(String)} and {@link #toString()} throws {@link dev.cantrip.host.WrongThreadException}
 * when called from another thread. Every change is saved: it reaches the database in the order
 * made, and the command that made it is acknowledged once it is on disk.
 *
 * <p>Every change is made for whoever acts at that moment ({@link Acting}: the player whose
 * command or code runs, the owner of a task's callback, or the game itself) and is refused with a
 * {@link ChangeRefusedException} when they may not make it ({@link ChangeRule}: below Admin, a
 * character only by its own player, anything else only by its owner).
 */
public final class GameObject {

    private final World world;
    private final long id;
    private final ObjectKind kind;
    private volatile String key;
    private GameObject location;
    private GameObject destination;
    private final LinkedHashSet<GameObject> contents = new LinkedHashSet<>();
    private final LinkedHashMap<String, AttrValue> attributes = new LinkedHashMap<>();
    private boolean destroyed;
    private Long owner; // the owning account's id; null: nobody's (only Admins and above change it)

    GameObject(World world, long id, ObjectKind kind, String key, Long owner) {
        this.world = world;
        this.id = id;
        this.kind = kind;
        this.key = key;
        this.owner = owner;
    }

    /** The stable id; never reused. Safe from any thread. */
    public long id() {
        return id;
    }

    /** The id as players see it: {@code #N}. Safe from any thread. */
    public String ref() {
        return "#" + id;
    }

    /** The object's name. */
    public String key() {
        check("read the key of " + ref());
        return key;
    }

    /** What the object is. */
    public ObjectKind kind() {
        check("read the kind of " + ref());
        return kind;
    }


    /** Where the object is: a room for characters, exits and things on the floor; null for rooms. */
    public GameObject location() {
        check("read the location of " + ref());
        return location;
    }

    /** For an exit, the room it leads to; otherwise null. */
    public GameObject destination() {
        check("read the destination of " + ref());
        return destination;
    }

    /** What is inside (for a room: characters, things and exits), in the order they arrived. */
    public List<GameObject> contents() {
        check("read the contents of " + ref());
        return List.copyOf(contents);
    }

    /** The exits leading out of this room. */
    public List<GameObject> exits() {
        check("read the exits of " + ref());
        List<GameObject> exits = new ArrayList<>();
        for (GameObject o : contents) {
            if (o.kind == ObjectKind.EXIT) {
                exits.add(o);
            }
        }
        return exits;
    }

    /**
     * The id of the account that owns the object: the one that created it, or that an Admin gave it
     * to ({@code @chown}). Empty when nobody owns it (the starting world, objects made before owners
     * were kept, what the game made itself): then only Admins and above may change it. Characters
     * are changed by their own player whatever this says.
     */
    public OptionalLong owner() {
        check("read the owner of " + ref());
        return owner == null ? OptionalLong.empty() : OptionalLong.of(owner);
    }

    /** Whether the object has been destroyed; a destroyed object can no longer be changed. */
    public boolean destroyed() {
        check("read the state of " + ref());
        return destroyed;
    }

    /** Renames the object (if the one acting may change it, see {@link ChangeRule}). */
    public void setKey(String newKey) {
        check("rename " + ref());
        requireAlive();
        world.checkChange(this);
        String k = World.checkKey(newKey);
        world.checkCharacterName(this, k);
        this.key = k;
        world.saved(this);
    }

    /**
     * Moves the object into {@code target}. Moving counts as changing the object moved (not the
     * place it goes): the one acting must be allowed to change it, except that anyone may carry a
     * thing between the room their character is in and their character.
     *
     * @throws WorldException if the move is impossible (a room cannot be moved, nothing goes into
     *     an exit, nothing goes inside itself)
     * @throws ChangeRefusedException if the one acting may not move it
     */
    public void moveTo(GameObject target) {
        check("move " + ref());
        Objects.requireNonNull(target, "target");
        requireAlive();
        target.requireAlive();
        world.checkMove(this, target);
        if (kind == ObjectKind.ROOM) {
            throw new WorldException("rooms have no location; " + this + " cannot be moved.");
        }
        if (target.kind == ObjectKind.EXIT) {
            throw new WorldException("nothing can be put inside an exit (" + target + ").");
        }
        for (GameObject at = target; at != null; at = at.location) {
            if (at == this) {
                throw new WorldException(this + " cannot be moved inside itself.");
            }
        }
        placeIn(target);
        world.saved(this);
    }

    /** The value of an attribute as a plain Java value (Long, Double, String, Boolean, List, Map,
     *  GameObject), or null when it is not set. A reference to a destroyed object reads as null. */
    public Object attr(String name) {
        check("read attribute " + name + " of " + ref());
        AttrValue v = attributes.get(name);
        return v == null ? null : world.toJava(v);
    }

    /** The typed value of an attribute. */
    public Optional<AttrValue> attrValue(String name) {
        check("read attribute " + name + " of " + ref());
        return Optional.ofNullable(attributes.get(name));
    }

    /** All attributes, by name, in the order they were first set. */
    public Map<String, AttrValue> attributes() {
        check("read the attributes of " + ref());
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Sets an attribute from a plain Java value: numbers, strings, booleans, game objects, and
     * lists, sets and maps (string keys) of those.
     *
     * @throws AttrRejectedException naming the value and its type when it cannot be stored
     */
    public void setAttr(String name, Object value) {
        check("set attribute " + name + " of " + ref());
        requireAlive();
        world.checkChange(this); // before the value is converted: a refused change costs nothing
        setAttrValue(name, AttrValue.fromJava(value, o -> o instanceof GameObject g
                ? OptionalLong.of(g.id) : OptionalLong.empty()));
    }

    /**
     * Sets an attribute to a typed value.
     *
     * @throws AttrRejectedException when the name or value cannot be stored
     * @throws WorldException when the value refers to an object that does not exist
     */
    public void setAttrValue(String name, AttrValue value) {
        check("set attribute " + name + " of " + ref());
        Objects.requireNonNull(value, "value");
        requireAlive();
        world.checkChange(this);
        AttrValidator.validateName(name);
        AttrValidator.validate(value);
        world.checkReferences(value);
        attributes.put(name, value);
        world.attributeSet(this, name, value);
    }

    /** Removes an attribute; returns whether it was set. */
    public boolean removeAttr(String name) {
        check("remove attribute " + name + " of " + ref());
        requireAlive();
        world.checkChange(this);
        if (attributes.remove(name) == null) {
            return false;
        }
        world.attributeRemoved(this, name);
        return true;
    }

    /**
     * Sends text to the sessions puppeting this object (nothing if none is); said to a room, it
     * is heard by every character in it ({@code here.msg("The bell rings.")}). Safe from any
     * thread (off the loop, a room's occupants are found on the loop, a moment later).
     *
     * <p>Sent by a snippet's run, what each player receives is charged to the run's output budget
     * (with what it prints; past it the run is stopped before the message goes). Off the loop (a
     * run's background work) messages wait for the loop in the run's bounded outbox: a run with
     * 1,000 messages waiting is refused the next one.
     *
     * @throws IllegalStateException when background work has too many messages waiting
     */
    public void msg(String text) {
        String t = String.valueOf(text);
        Object run = dev.cantrip.repl.RunCharges.run();
        if (world.loop().inLoop()) {
            if (run != null) {
                world.chargeMessage(Outboxes.charge(t, listeners()));
            }
            deliver(t);
            return;
        }
        if (run != null) {
            Outboxes.send(run, this, t);
        } else if (kind != ObjectKind.ROOM) {
            world.messenger().deliver(this, t); // host code's own message: at once, from its thread
        } else {
            world.loop().execute(() -> deliver(t));
        }
    }

    /**
     * How many sessions a message to this object reaches now: those puppeting it, or for a room
     * those puppeting a character in it. Loop only, for a room.
     */
    int listeners() {
        if (kind != ObjectKind.ROOM) {
            return world.messenger().listeners(this);
        }
        if (destroyed) {
            return 0;
        }
        int n = 0;
        for (GameObject o : contents) {
            if (o.kind == ObjectKind.CHARACTER) {
                n += world.messenger().listeners(o);
            }
        }
        return n;
    }

    /** Delivers text to this object's listeners, charging nothing. Loop only, for a room. */
    void deliver(String text) {
        if (kind != ObjectKind.ROOM) {
            world.messenger().deliver(this, text);
            return;
        }
        if (destroyed) {
            return;
        }
        for (GameObject o : contents) {
            if (o.kind == ObjectKind.CHARACTER) {
                world.messenger().deliver(o, text);
            }
        }
    }

    World world() {
        return world;
    }

    /** {@code key(#id)}. Safe from any thread (the key may be a moment old). */
    @Override
    public String toString() {
        return key + "(#" + id + ")";
    }

    // ---- package-private: used by World, which keeps the invariants ----

    void placeIn(GameObject target) {
        if (location != null) {
            location.contents.remove(this);
        }
        location = target;
        if (target != null) {
            target.contents.add(this);
        }
    }

    void setDestinationRaw(GameObject target) {
        destination = target;
    }

    void putAttributeRaw(String name, AttrValue value) {
        attributes.put(name, value);
    }


    Set<GameObject> contentsRaw() {
        return contents;
    }

    GameObject locationRaw() {
        return location;
    }

    GameObject destinationRaw() {
        return destination;
    }

    ObjectKind kindRaw() {
        return kind;
    }

    String keyRaw() {
        return key;
    }

    Long ownerRaw() {
        return owner;
    }

    void setOwnerRaw(Long accountId) {
        owner = accountId;
    }

    void markDestroyed() {
        destroyed = true;
    }

    void requireAlive() {
        if (destroyed) {
            throw new WorldException(this + " has been destroyed.");
        }
    }

    private void check(String what) {
        world.loop().checkInLoop(what);
    }
}
