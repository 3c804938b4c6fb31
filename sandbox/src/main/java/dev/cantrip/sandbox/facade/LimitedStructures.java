package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code hashCode}, {@code equals} and {@code toString} of the JDK's collections, maps, entries,
 * optionals and nested arrays ({@code Arrays.deepHashCode} and its kin), for snippets: the same
 * values and the same text as the JDK's, worked out here, where the run's budget is checked as the
 * walk goes and the text it builds is charged to the allocation budget.
 *
 * <p>Why: inside the JDK's own methods no check reaches, and a kilobyte of shared structure (a list
 * of 45 levels, each holding the level below twice) makes {@code AbstractList.hashCode} call itself
 * 2^45 times. Here hash codes and equality of the JDK's structures are remembered per object for the
 * length of one call, so shared parts are walked once: that hash code takes 45 steps. Text cannot be
 * shared (it really is 2^45 elements long): it is charged as it grows, so the run is stopped at its
 * allocation budget.
 *
 * <p>Only what the JDK's own classes declare is worked out here: a snippet's (or the host's) own
 * {@code hashCode}, {@code equals} or {@code toString} is called as it is (snippet code checks its
 * own budget, and its calls to these methods come here too). A JDK view that wraps another
 * collection ({@code Collections.unmodifiableList(x)}) is rendered from its elements in the JDK's
 * format, as the JDK renders every collection of its own; a wrapped snippet collection with a
 * {@code toString} of its own is therefore shown in the JDK's format here.
 */
public final class LimitedStructures {

    /** The budget is checked after this many objects visited. */
    private static final int CHECK_EVERY = 256;
    /** Text is charged in steps of this many characters. */
    private static final int CHARGE_EVERY = 8192;

    // Sets and maps whose membership is decided by hashCode and equals, as worked out here.
    private static final Set<String> HASHED = Set.of("java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.HashMap$KeySet", "java.util.LinkedHashMap$LinkedKeySet", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Set12", "java.util.Collections$SingletonSet", "java.util.Collections$EmptySet",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.Hashtable", "java.util.ImmutableCollections$MapN",
            "java.util.ImmutableCollections$Map1", "java.util.Collections$SingletonMap", "java.util.Collections$EmptyMap");

    private LimitedStructures() {}

    // ---- Object's methods, as a snippet calls them on any receiver ----

    /** {@code o.hashCode()}. */
    public static int objectHashCode(Object o) {
        return new Walk().hash(requireReceiver(o, "hashCode()"), Kinds.of(o.getClass()).hash);
    }

    /** {@code a.equals(b)}. */
    public static boolean objectEquals(Object a, Object b) {
        return new Walk().equal(requireReceiver(a, "equals(Object)"), b, Kinds.of(a.getClass()).equality);
    }

    /** {@code o.toString()}. */
    public static String objectToString(Object o) {
        Walk w = new Walk();
        w.text(requireReceiver(o, "toString()"), Kinds.of(o.getClass()).text);
        return w.out.toString();
    }

    /** {@code super.hashCode()} in a snippet class extending {@code named}. */
    public static int superHashCode(Object self, Class<?> named) {
        Kind k = Kinds.of(named).hash;
        return k.walked() ? new Walk().hash(self, k) : System.identityHashCode(self);
    }

    /** {@code super.equals(b)} in a snippet class extending {@code named}. */
    public static boolean superEquals(Object self, Object b, Class<?> named) {
        Kind k = Kinds.of(named).equality;
        return k.walked() ? new Walk().equal(self, b, k) : self == b;
    }

    /** {@code super.toString()} in a snippet class extending {@code named}. */
    public static String superToString(Object self, Class<?> named) {
        Kind k = Kinds.of(named).text;
        if (!k.walked()) {
            return self.getClass().getName() + "@" + Integer.toHexString(self.hashCode());
        }
        Walk w = new Walk();
        w.text(self, k);
        return w.out.toString();
    }

    // ---- java.util.Objects and String.valueOf ----

    public static int objectsHashCode(Object o) {
        return o == null ? 0 : objectHashCode(o);
    }

    public static boolean objectsEquals(Object a, Object b) {
        return a == b || (a != null && objectEquals(a, b));
    }

    public static boolean objectsDeepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && new Walk().deepEqual0(a, b);
    }

    public static String objectsToString(Object o) {
        return valueOf(o);
    }

    public static String objectsToString(Object o, String nullDefault) {
        return o == null ? nullDefault : objectToString(o);
    }

    public static int objectsHash(Object... values) {
        return hashCode(values);
    }

    /** {@code String.valueOf(Object)}. */
    public static String valueOf(Object o) {
        return o == null ? "null" : objectToString(o);
    }

    // ---- java.util.Arrays ----

    public static int hashCode(Object[] a) {
        if (a == null) {
            return 0;
        }
        Walk w = new Walk();
        int h = 1;
        for (Object e : a) {
            h = 31 * h + (e == null ? 0 : w.hash(e, Kinds.of(e.getClass()).hash));
        }
        return h;
    }

    public static boolean equals(Object[] a, Object[] b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        Walk w = new Walk();
        for (int i = 0; i < a.length; i++) {
            if (!w.same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    public static String toString(Object[] a) {
        if (a == null) {
            return "null";
        }
        if (a.length == 0) {
            return "[]";
        }
        Walk w = new Walk();
        w.out.append('[');
        for (int i = 0; ; i++) {
            w.textOrNull(a[i]);
            if (i == a.length - 1) {
                return w.out.append(']').toString();
            }
            w.out.append(", ");
        }
    }

    public static int deepHashCode(Object[] a) {
        return a == null ? 0 : new Walk().deepHash(a);
    }

    public static boolean deepEquals(Object[] a, Object[] b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && new Walk().deepEqual(a, b);
    }

    public static String deepToString(Object[] a) {
        if (a == null) {
            return "null";
        }
        Walk w = new Walk();
        w.deepText(a, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return w.out.toString();
    }

    // ---- Text made of an object: the object's text is worked out here first ----

    public static StringBuilder append(StringBuilder sb, Object o) {
        return sb.append(valueOf(o));
    }

    public static StringBuilder insert(StringBuilder sb, int offset, Object o) {
        return sb.insert(offset, valueOf(o));
    }

    public static StringBuffer append(StringBuffer sb, Object o) {
        return sb.append(valueOf(o));
    }

    public static void println(PrintStream out, Object o) {
        out.println(valueOf(o));
    }

    public static void print(PrintStream out, Object o) {
        out.print(valueOf(o));
    }

    public static void println(PrintWriter out, Object o) {
        out.println(valueOf(o));
    }

    public static void print(PrintWriter out, Object o) {
        out.print(valueOf(o));
    }

    /**
     * Walks the text of every argument a formatter would turn into text, within the budget, before
     * the JDK formats them (unchecked): what passes here costs the JDK no more than it cost here.
     */
    public static void preWalk(Object[] args) {
        if (args == null) {
            return;
        }
        for (Object a : args) {
            if (a != null && Kinds.of(a.getClass()).text.walked()) {
                objectToString(a);
            }
        }
    }

    // ---- String concatenation ----

    /** Concatenated as they are: their text is their own and cheap to make. */
    public static final java.util.Set<Class<?>> PLAIN_IN_CONCAT = java.util.Set.of(String.class, Integer.class,
            Long.class, Short.class, Byte.class, Character.class, Boolean.class, Double.class, Float.class);

    /** Whether a concatenation argument of this type could hold other objects (a reference, not plain text or a number). */
    public static boolean walkedInConcat(Class<?> type) {
        return !type.isPrimitive() && !PLAIN_IN_CONCAT.contains(type);
    }

    /**
     * Stands in for {@code StringConcatFactory.makeConcatWithConstants}, the bootstrap javac gives
     * string concatenation ({@code "" + list}): the JDK's concatenation, with each argument that may
     * hold others turned into text by {@link #valueOf} first (as {@code String.valueOf} would, here
     * within the budget). The arguments are filtered where they enter the call site, so the code
     * around it is untouched.
     */
    public static java.lang.invoke.CallSite concatWithConstants(java.lang.invoke.MethodHandles.Lookup lookup,
                                                                 String name, java.lang.invoke.MethodType type,
                                                                 String recipe, Object... constants)
            throws java.lang.invoke.StringConcatException, ReflectiveOperationException {
        java.lang.invoke.MethodType text = textType(type);
        return filtered(java.lang.invoke.StringConcatFactory.makeConcatWithConstants(lookup, name, text, recipe,
                constants).getTarget(), type);
    }

    /** Stands in for {@code StringConcatFactory.makeConcat}, as {@link #concatWithConstants} does. */
    public static java.lang.invoke.CallSite concat(java.lang.invoke.MethodHandles.Lookup lookup, String name,
                                                   java.lang.invoke.MethodType type)
            throws java.lang.invoke.StringConcatException, ReflectiveOperationException {
        return filtered(java.lang.invoke.StringConcatFactory.makeConcat(lookup, name, textType(type)).getTarget(), type);
    }

    /** {@code type} with every walked argument taken as text. */
    private static java.lang.invoke.MethodType textType(java.lang.invoke.MethodType type) {
        java.lang.invoke.MethodType text = type;
        for (int k = 0; k < type.parameterCount(); k++) {
            if (walkedInConcat(type.parameterType(k))) {
                text = text.changeParameterType(k, String.class);
            }
        }
        return text;
    }

    private static java.lang.invoke.CallSite filtered(java.lang.invoke.MethodHandle target, java.lang.invoke.MethodType type)
            throws ReflectiveOperationException {
        java.lang.invoke.MethodHandle valueOf = java.lang.invoke.MethodHandles.lookup().findStatic(LimitedStructures.class,
                "valueOf", java.lang.invoke.MethodType.methodType(String.class, Object.class));
        for (int k = 0; k < type.parameterCount(); k++) {
            if (walkedInConcat(type.parameterType(k))) {
                target = java.lang.invoke.MethodHandles.filterArguments(target, k, valueOf);
            }
        }
        return new java.lang.invoke.ConstantCallSite(target.asType(type));
    }

    // ---- A snippet record's hashCode, equals and toString ----

    /**
     * Stands in for {@code java.lang.runtime.ObjectMethods.bootstrap}, the bootstrap javac gives a
     * record's {@code hashCode}, {@code equals} and {@code toString}: the same results (hash
     * {@code 31 * h + hash(component)} from 0; components compared as {@code Objects.equals}, or as
     * their boxes, which compare primitives as the JDK's record does; text {@code Name[a=1, b=2]}),
     * with the components' own worked out here.
     */
    public static Object recordMethod(java.lang.invoke.MethodHandles.Lookup lookup, String name,
                                      java.lang.invoke.TypeDescriptor type, Class<?> recordClass, String names,
                                      java.lang.invoke.MethodHandle... getters) throws ReflectiveOperationException {
        java.lang.invoke.MethodHandle[] boxed = new java.lang.invoke.MethodHandle[getters.length];
        for (int i = 0; i < getters.length; i++) {
            boxed[i] = getters[i].asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
        }
        var self = java.lang.invoke.MethodHandles.lookup();
        java.lang.invoke.MethodHandle target = switch (name) {
            case "hashCode" -> self.findStatic(LimitedStructures.class, "recordHash",
                    java.lang.invoke.MethodType.methodType(int.class, java.lang.invoke.MethodHandle[].class, Object.class))
                    .bindTo(boxed);
            case "equals" -> java.lang.invoke.MethodHandles.insertArguments(self.findStatic(LimitedStructures.class,
                    "recordEquals", java.lang.invoke.MethodType.methodType(boolean.class,
                            java.lang.invoke.MethodHandle[].class, Class.class, Object.class, Object.class)), 0, boxed,
                    recordClass);
            case "toString" -> java.lang.invoke.MethodHandles.insertArguments(self.findStatic(LimitedStructures.class,
                    "recordText", java.lang.invoke.MethodType.methodType(String.class,
                            java.lang.invoke.MethodHandle[].class, String.class, Object.class)), 0, boxed,
                    recordClass.getSimpleName() + "\u0000" + names);
            default -> throw new IllegalArgumentException("no record method " + name);
        };
        java.lang.invoke.MethodType mt = type instanceof java.lang.invoke.MethodType m ? m
                : java.lang.invoke.MethodType.fromMethodDescriptorString(type.descriptorString(), recordClass.getClassLoader());
        return new java.lang.invoke.ConstantCallSite(target.asType(mt));
    }

    private static Object component(java.lang.invoke.MethodHandle getter, Object record) {
        try {
            return getter.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int recordHash(java.lang.invoke.MethodHandle[] getters, Object record) {
        int h = 0;
        for (var g : getters) {
            h = h * 31 + objectsHashCode(component(g, record));
        }
        return h;
    }

    static boolean recordEquals(java.lang.invoke.MethodHandle[] getters, Class<?> recordClass, Object a, Object b) {
        if (!recordClass.isInstance(b)) {
            return false;
        }
        for (var g : getters) {
            if (!objectsEquals(component(g, a), component(g, b))) {
                return false;
            }
        }
        return true;
    }

    static String recordText(java.lang.invoke.MethodHandle[] getters, String nameAndComponents, Object record) {
        int cut = nameAndComponents.indexOf('\u0000');
        StringBuilder b = new StringBuilder(nameAndComponents.substring(0, cut)).append('[');
        String names = nameAndComponents.substring(cut + 1);
        String[] each = names.isEmpty() ? new String[0] : names.split(";");
        for (int i = 0; i < getters.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(each[i]).append('=').append(valueOf(component(getters[i], record)));
        }
        return b.append(']').toString();
    }

    private static Object requireReceiver(Object o, String method) {
        if (o == null) {
            throw new NullPointerException("Cannot invoke \"" + method + "\" because the object is null");
        }
        return o;
    }

    // ---- What a class's methods do ----

    /** What one of a class's methods does, as far as a walk is concerned. */
    enum Kind {
        /** Its own code (a snippet's, the host's, or the JDK's without elements to walk): called as it is. */
        OWN, LIST, SET, MAP, ENTRY, OPTIONAL, COLLECTION_TEXT, ATOMIC_TEXT, ATOMIC_ARRAY_TEXT;

        boolean walked() {
            return this != OWN;
        }
    }

    /** The kinds of a class's hashCode, equals and toString. */
    private record Kinds(Kind hash, Kind equality, Kind text) {

        private static final ClassValue<Kinds> KINDS = new ClassValue<>() {
            @Override
            protected Kinds computeValue(Class<?> c) {
                return new Kinds(kind(c, "hashCode"), kind(c, "equals", Object.class), kind(c, "toString"));
            }
        };

        static Kinds of(Class<?> c) {
            return KINDS.get(c);
        }

        private static Kind kind(Class<?> c, String name, Class<?>... params) {
            Class<?> declaring;
            try {
                declaring = c.getMethod(name, params).getDeclaringClass();
            } catch (NoSuchMethodException e) {
                return Kind.OWN; // an interface: its implementations are looked at when called
            }
            if (declaring == Object.class || !isJdk(declaring) || java.util.IdentityHashMap.class.isAssignableFrom(c)) {
                return Kind.OWN;
            }
            boolean text = name.equals("toString");
            if (List.class.isAssignableFrom(c)) {
                return text ? Kind.COLLECTION_TEXT : Kind.LIST;
            }
            if (Set.class.isAssignableFrom(c)) {
                return text ? Kind.COLLECTION_TEXT : Kind.SET;
            }
            if (Collection.class.isAssignableFrom(c)) {
                return text ? Kind.COLLECTION_TEXT : Kind.OWN;
            }
            if (Map.class.isAssignableFrom(c)) {
                return Kind.MAP;
            }
            if (Map.Entry.class.isAssignableFrom(c)) {
                return Kind.ENTRY;
            }
            if (c == Optional.class) {
                return Kind.OPTIONAL;
            }
            if (text && AtomicReference.class.isAssignableFrom(c)) {
                return Kind.ATOMIC_TEXT;
            }
            if (text && AtomicReferenceArray.class.isAssignableFrom(c)) {
                return Kind.ATOMIC_ARRAY_TEXT;
            }
            return Kind.OWN;
        }

        private static boolean isJdk(Class<?> c) {
            ClassLoader l = c.getClassLoader();
            return l == null || l == ClassLoader.getPlatformClassLoader();
        }
    }

    // ---- One call's walk ----

    /** One call's walk: counts what it visits, remembers what it worked out, builds its text. */
    private static final class Walk {
        final StringBuilder out = new StringBuilder();
        private int visits;
        private int charged;
        private IdentityHashMap<Object, Integer> hashes;
        private IdentityHashMap<Object, IdentityHashMap<Object, Boolean>> equalities;

        private void visit() {
            if (++visits >= CHECK_EVERY) {
                visits = 0;
                Checkpoint.check();
            }
        }

        private void grew() {
            int length = out.length();
            if (length - charged >= CHARGE_EVERY) {
                Checkpoint.charge(2L * (length - charged));
                charged = length;
            }
        }

        // -- hash codes --

        int hash(Object o, Kind k) {
            if (!k.walked()) {
                return o.hashCode();
            }
            if (hashes == null) {
                hashes = new IdentityHashMap<>();
            }
            Integer known = hashes.get(o);
            if (known != null) {
                return known;
            }
            visit();
            int h = switch (k) {
                case LIST -> {
                    int r = 1;
                    for (Object e : elements((List<?>) o)) {
                        r = 31 * r + hashOrZero(e);
                    }
                    yield r;
                }
                case SET -> {
                    int r = 0;
                    for (Object e : (Set<?>) o) {
                        r += hashOrZero(e);
                    }
                    yield r;
                }
                case MAP -> {
                    int r = 0;
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                        r += hashOrZero(e.getKey()) ^ hashOrZero(e.getValue());
                    }
                    yield r;
                }
                case ENTRY -> hashOrZero(((Map.Entry<?, ?>) o).getKey()) ^ hashOrZero(((Map.Entry<?, ?>) o).getValue());
                case OPTIONAL -> hashOrZero(((Optional<?>) o).orElse(null));
                default -> o.hashCode();
            };
            hashes.put(o, h);
            return h;
        }

        int hashOrZero(Object e) {
            visit();
            return e == null ? 0 : hash(e, Kinds.of(e.getClass()).hash);
        }

        int deepHash(Object[] a) {
            if (hashes == null) {
                hashes = new IdentityHashMap<>();
            }
            Integer known = hashes.get(a);
            if (known != null) {
                return known;
            }
            int r = 1;
            for (Object e : a) {
                visit();
                int h;
                if (e == null) {
                    h = 0;
                } else if (e instanceof Object[] inner) {
                    h = deepHash(inner);
                } else if (e.getClass().isArray()) {
                    h = primitiveHash(e);
                } else {
                    h = hash(e, Kinds.of(e.getClass()).hash);
                }
                r = 31 * r + h;
            }
            hashes.put(a, r);
            return r;
        }

        // -- equality --

        /** {@code a.equals(b)}, a not null, as a's class does it. */
        boolean equal(Object a, Object b, Kind k) {
            if (!k.walked()) {
                return a.equals(b);
            }
            if (a == b) {
                return true;
            }
            if (equalities == null) {
                equalities = new IdentityHashMap<>();
            }
            Boolean known = equalities.computeIfAbsent(a, x -> new IdentityHashMap<>()).get(b);
            if (known != null) {
                return known;
            }
            visit();
            boolean r = switch (k) {
                case LIST -> b instanceof List<?> other && sameElements(elements((List<?>) a), elements(other));
                case SET -> b instanceof Set<?> other && equalSets((Set<?>) a, other);
                case MAP -> b instanceof Map<?, ?> other && equalMaps((Map<?, ?>) a, other);
                case ENTRY -> b instanceof Map.Entry<?, ?> e && same(((Map.Entry<?, ?>) a).getKey(), e.getKey())
                        && same(((Map.Entry<?, ?>) a).getValue(), e.getValue());
                case OPTIONAL -> b instanceof Optional<?> o && same(((Optional<?>) a).orElse(null), o.orElse(null));
                default -> a.equals(b);
            };
            equalities.get(a).put(b, r);
            return r;
        }

        /** {@code Objects.equals(x, y)}, as {@code x}'s class does it. */
        boolean same(Object x, Object y) {
            visit();
            return x == y || (x != null && equal(x, y, Kinds.of(x.getClass()).equality));
        }

        private boolean sameElements(Iterable<?> a, Iterable<?> b) {
            Iterator<?> i = a.iterator();
            Iterator<?> j = b.iterator();
            while (i.hasNext() && j.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return !(i.hasNext() || j.hasNext());
        }

        /** {@code AbstractSet.equals}: the same size, and every element of b is in a. */
        private boolean equalSets(Set<?> a, Set<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            try {
                if (a instanceof SortedSet<?> || !HASHED.contains(a.getClass().getName())) {
                    return a.containsAll(b); // by a comparator, or by a rule of a's own: a's answer
                }
                Map<Integer, List<Object>> buckets = buckets(a, false);
                for (Object e : b) {
                    if (find(buckets, e, false) == NOT_FOUND) {
                        return false;
                    }
                }
                return true;
            } catch (ClassCastException | NullPointerException e) {
                return false;
            }
        }

        /** {@code AbstractMap.equals}: the same size, and each key of a maps to an equal value in b. */
        private boolean equalMaps(Map<?, ?> a, Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            try {
                boolean sorted = b instanceof SortedMap<?, ?>;
                if (!sorted && !HASHED.contains(b.getClass().getName())) {
                    return a.equals(b); // a lookup rule of b's own: the JDK's answer
                }
                // b's entries by the hash codes of their keys, as b looks them up (sorted: by its comparator).
                Map<Integer, List<Object>> buckets = sorted ? null : buckets(b.entrySet(), true);
                for (Map.Entry<?, ?> e : a.entrySet()) {
                    Object key = e.getKey();
                    Object value = e.getValue();
                    boolean present;
                    Object other;
                    if (sorted) {
                        other = b.get(key);
                        present = other != null || b.containsKey(key);
                    } else {
                        Object found = find(buckets, key, true);
                        present = found != NOT_FOUND;
                        other = present ? ((Map.Entry<?, ?>) found).getValue() : null;
                    }
                    if (value == null ? !(other == null && present) : !(present && same(value, other))) {
                        return false;
                    }
                }
                return true;
            } catch (ClassCastException | NullPointerException e) {
                return false;
            }
        }

        private static final Object NOT_FOUND = new Object();

        /** Elements (or, with entries, map entries by their keys) by hash code. */
        private Map<Integer, List<Object>> buckets(Collection<?> elements, boolean entries) {
            Map<Integer, List<Object>> buckets = new HashMap<>();
            for (Object x : elements) {
                Object k = entries ? ((Map.Entry<?, ?>) x).getKey() : x;
                buckets.computeIfAbsent(hashOrZero(k), h -> new ArrayList<>(1)).add(x);
            }
            return buckets;
        }

        /** What a hashed set or map holds that {@code probe} finds there (as HashMap looks), or NOT_FOUND. */
        private Object find(Map<Integer, List<Object>> buckets, Object probe, boolean entries) {
            List<Object> candidates = buckets.get(hashOrZero(probe));
            if (candidates != null) {
                for (Object x : candidates) {
                    Object k = entries ? ((Map.Entry<?, ?>) x).getKey() : x;
                    if (k == probe || (probe != null && equal(probe, k, Kinds.of(probe.getClass()).equality))) {
                        return x;
                    }
                }
            }
            return NOT_FOUND;
        }

        boolean deepEqual(Object[] a, Object[] b) {
            if (a == b) {
                return true;
            }
            if (a.length != b.length) {
                return false;
            }
            if (equalities == null) {
                equalities = new IdentityHashMap<>();
            }
            Boolean known = equalities.computeIfAbsent(a, x -> new IdentityHashMap<>()).get(b);
            if (known != null) {
                return known;
            }
            boolean r = true;
            for (int i = 0; i < a.length && r; i++) {
                visit();
                Object x = a[i];
                Object y = b[i];
                r = x == y || (x != null && y != null && deepEqual0(x, y));
            }
            equalities.get(a).put(b, r);
            return r;
        }

        /** {@code Arrays.deepEquals0}. */
        boolean deepEqual0(Object x, Object y) {
            if (x instanceof Object[] p && y instanceof Object[] q) {
                return deepEqual(p, q);
            }
            if (x.getClass().isArray() && x.getClass() == y.getClass() && x.getClass().getComponentType().isPrimitive()) {
                return primitiveEquals(x, y);
            }
            if (x.getClass().isArray() && x.getClass().getComponentType().isPrimitive()) {
                return false; // a primitive array equals only its own kind, and then by identity
            }
            return equal(x, y, Kinds.of(x.getClass()).equality);
        }

        // -- text --

        void textOrNull(Object o) {
            visit();
            if (o == null) {
                out.append("null");
            } else {
                text(o, Kinds.of(o.getClass()).text);
            }
            grew();
        }

        void text(Object o, Kind k) {
            visit();
            switch (k) {
                case COLLECTION_TEXT -> {
                    Iterator<?> it = ((Collection<?>) o).iterator();
                    if (!it.hasNext()) {
                        out.append("[]");
                        return;
                    }
                    out.append('[');
                    for (;;) {
                        Object e = it.next();
                        if (e == o) {
                            out.append("(this Collection)");
                        } else {
                            textOrNull(e);
                        }
                        if (!it.hasNext()) {
                            out.append(']');
                            return;
                        }
                        out.append(", ");
                    }
                }
                case MAP -> {
                    Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) o).entrySet().iterator();
                    if (!it.hasNext()) {
                        out.append("{}");
                        return;
                    }
                    out.append('{');
                    for (;;) {
                        Map.Entry<?, ?> e = it.next();
                        mapPart(e.getKey(), o);
                        out.append('=');
                        mapPart(e.getValue(), o);
                        if (!it.hasNext()) {
                            out.append('}');
                            return;
                        }
                        out.append(", ");
                    }
                }
                case ENTRY -> {
                    textOrNull(((Map.Entry<?, ?>) o).getKey());
                    out.append('=');
                    textOrNull(((Map.Entry<?, ?>) o).getValue());
                }
                case OPTIONAL -> {
                    Optional<?> opt = (Optional<?>) o;
                    if (opt.isEmpty()) {
                        out.append("Optional.empty");
                    } else {
                        out.append("Optional[");
                        textOrNull(opt.get());
                        out.append(']');
                    }
                }
                case ATOMIC_TEXT -> textOrNull(((AtomicReference<?>) o).get());
                case ATOMIC_ARRAY_TEXT -> {
                    AtomicReferenceArray<?> a = (AtomicReferenceArray<?>) o;
                    int last = a.length() - 1;
                    if (last == -1) {
                        out.append("[]");
                        return;
                    }
                    out.append('[');
                    for (int i = 0; ; i++) {
                        textOrNull(a.get(i));
                        if (i == last) {
                            out.append(']');
                            return;
                        }
                        out.append(", ");
                    }
                }
                default -> out.append(o.toString());
            }
            grew();
        }

        private void mapPart(Object part, Object map) {
            if (part == map) {
                out.append("(this Map)");
            } else {
                textOrNull(part);
            }
        }

        void deepText(Object[] a, Set<Object[]> dejaVu) {
            if (a.length == 0) {
                out.append("[]");
                return;
            }
            dejaVu.add(a);
            out.append('[');
            for (int i = 0; ; i++) {
                visit();
                Object e = a[i];
                if (e == null) {
                    out.append("null");
                } else if (e instanceof Object[] inner) {
                    if (dejaVu.contains(inner)) {
                        out.append("[...]");
                    } else {
                        deepText(inner, dejaVu);
                    }
                } else if (e.getClass().isArray()) {
                    out.append(primitiveText(e));
                } else {
                    text(e, Kinds.of(e.getClass()).text);
                }
                grew();
                if (i == a.length - 1) {
                    break;
                }
                out.append(", ");
            }
            out.append(']');
            dejaVu.remove(a);
        }
    }

    /** A list's elements, by index where the list says that is how to read it (as ArrayList's own methods do). */
    private static Iterable<?> elements(List<?> list) {
        if (!(list instanceof RandomAccess)) {
            return list;
        }
        return () -> new Iterator<Object>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < list.size();
            }

            @Override
            public Object next() {
                return list.get(i++);
            }
        };
    }

    private static int primitiveHash(Object a) {
        return switch (a) {
            case byte[] x -> Arrays.hashCode(x);
            case short[] x -> Arrays.hashCode(x);
            case int[] x -> Arrays.hashCode(x);
            case long[] x -> Arrays.hashCode(x);
            case char[] x -> Arrays.hashCode(x);
            case float[] x -> Arrays.hashCode(x);
            case double[] x -> Arrays.hashCode(x);
            case boolean[] x -> Arrays.hashCode(x);
            default -> throw new IllegalArgumentException("not a primitive array: " + a.getClass().getName());
        };
    }

    private static boolean primitiveEquals(Object a, Object b) {
        return switch (a) {
            case byte[] x -> Arrays.equals(x, (byte[]) b);
            case short[] x -> Arrays.equals(x, (short[]) b);
            case int[] x -> Arrays.equals(x, (int[]) b);
            case long[] x -> Arrays.equals(x, (long[]) b);
            case char[] x -> Arrays.equals(x, (char[]) b);
            case float[] x -> Arrays.equals(x, (float[]) b);
            case double[] x -> Arrays.equals(x, (double[]) b);
            case boolean[] x -> Arrays.equals(x, (boolean[]) b);
            default -> throw new IllegalArgumentException("not a primitive array: " + a.getClass().getName());
        };
    }

    private static String primitiveText(Object a) {
        return switch (a) {
            case byte[] x -> Arrays.toString(x);
            case short[] x -> Arrays.toString(x);
            case int[] x -> Arrays.toString(x);
            case long[] x -> Arrays.toString(x);
            case char[] x -> Arrays.toString(x);
            case float[] x -> Arrays.toString(x);
            case double[] x -> Arrays.toString(x);
            case boolean[] x -> Arrays.toString(x);
            default -> throw new IllegalArgumentException("not a primitive array: " + a.getClass().getName());
        };
    }
}
