package dev.cantrip.repl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Estimates how much heap a session's values hold: a walk from named roots (its variables), each
 * object counted once however often it is reached, with a hard cap on the objects visited.
 *
 * <ul>
 * <li>Arrays are sized exactly (header, length times element size, 8-byte alignment, compressed
 *     references) and their elements walked.</li>
 * <li>Strings by their length (one byte a character when every character fits, two otherwise).</li>
 * <li>JDK collections and maps (classes of the JDK itself, never a snippet's subclass) through their
 *     public API: each element or entry walked, plus an estimate of the structure per element
 *     ({@link #LIST_SLOT}, {@link #ENTRY_SLOT}).</li>
 * <li>Objects of snippet classes (and lambdas) by their fields, read by reflection: snippet classes
 *     live in unnamed modules, which are open.</li>
 * <li>Other JDK objects: their own fields' shallow size, not walked further.</li>
 * <li>Host objects (the game's: characters, rooms, accounts) count nothing: they belong to the world,
 *     which bounds them, not to the session that names them.</li>
 * </ul>
 *
 * Past the cap on visits the walk stops; every reference known but not visited (queued, or the rest
 * of a collection by its size) is counted at {@link #UNVISITED} bytes, generously, and the result
 * says it is not exact. Nothing of a snippet is run: a JDK wrapper around a snippet's collection
 * that would call its code finds it refused outside a run, and that part is counted as unvisited.
 * Safe on any thread; a value changed by another thread while it is walked is counted as it is seen
 * (a collection that fails to iterate counts as its shallow size and is marked not exact).
 */
public final class RetainedSize {

    /** Bytes counted per reference the walk knows of but did not visit (past its cap). */
    public static final long UNVISITED = 64;
    /** Estimated bytes of a list's or a queue's structure per element (a slot of its array). */
    static final long LIST_SLOT = 8;
    /** Estimated bytes of a set's or a map's structure per entry (a node and its table slot). */
    static final long ENTRY_SLOT = 48;
    private static final int HEADER = 12;
    private static final int ARRAY_HEADER = 16;
    private static final int REF = 4;

    private static final Map<Class<?>, Long> SHALLOW = new ConcurrentHashMap<>();

    private final Predicate<Class<?>> snippetClass;
    private final int maxVisits;

    /**
     * @param snippetClass whether a class was defined by the session (its fields are walked)
     * @param maxVisits the most objects one walk visits
     */
    public RetainedSize(Predicate<Class<?>> snippetClass, int maxVisits) {
        if (maxVisits < 1) {
            throw new IllegalArgumentException("maxVisits must be positive, got " + maxVisits);
        }
        this.snippetClass = snippetClass;
        this.maxVisits = maxVisits;
    }

    /**
     * What a walk found.
     *
     * @param bytes the estimate for everything, shared objects counted once
     * @param byRoot each root's share, in the order given: what was first reached from it
     * @param visits objects visited
     * @param exact false if the cap was reached or part could not be walked: {@code bytes} then
     *     includes {@link #UNVISITED} bytes per reference not visited
     * @param nanos how long the walk took
     */
    public record Result(long bytes, Map<String, Long> byRoot, int visits, boolean exact, long nanos) {
        public Result {
            byRoot = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRoot));
        }
    }

    /** Walks from each root in turn (name to value); a root's share is what no earlier root reached. */
    public Result measure(Map<String, ?> roots) {
        long start = System.nanoTime();
        Walk w = new Walk();
        Map<String, Long> byRoot = new LinkedHashMap<>();
        for (Map.Entry<String, ?> r : roots.entrySet()) {
            long before = w.bytes;
            w.walk(r.getValue());
            byRoot.merge(r.getKey(), w.bytes - before, Long::sum);
        }
        return new Result(w.bytes, byRoot, w.visits, w.exact, System.nanoTime() - start);
    }

    private final class Walk {
        final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        final ArrayDeque<Object> todo = new ArrayDeque<>();
        long bytes;
        int visits;
        boolean exact = true;

        void walk(Object root) {
            push(root);
            while (!todo.isEmpty()) {
                if (visits >= maxVisits) {
                    exact = false;
                    bytes += UNVISITED * todo.size();
                    todo.clear();
                    return;
                }
                visit(todo.poll());
            }
        }

        void push(Object o) {
            if (o != null && !seen.containsKey(o)) {
                seen.put(o, Boolean.TRUE);
                todo.add(o);
            }
        }

        void visit(Object o) {
            visits++;
            Class<?> c = o.getClass();
            if (c.isArray()) {
                array(o, c.getComponentType());
            } else if (o instanceof String s) {
                bytes += align(HEADER + 4 + 4 + 1 + 1) + align(ARRAY_HEADER + (long) s.length() * (latin1(s) ? 1 : 2));
            } else if (snippetClass.test(c)) {
                snippetObject(o, c);
                // A snippet's subclass of a JDK collection keeps its elements in the JDK's private
                // fields: read through the public API (a method the snippet overrode is its code,
                // refused outside a run, and that part counted as not exact).
                if (o instanceof Collection<?> coll) {
                    collection(coll);
                } else if (o instanceof Map<?, ?> map) {
                    map(map);
                }
            } else if (isJdk(c)) {
                bytes += shallow(c);
                if (o instanceof Collection<?> coll) {
                    collection(coll);
                } else if (o instanceof Map<?, ?> map) {
                    map(map);
                }
            }
            // Otherwise a host object: the world's, not the session's.
        }

        void array(Object a, Class<?> component) {
            if (component.isPrimitive()) {
                int n = java.lang.reflect.Array.getLength(a);
                bytes += align(ARRAY_HEADER + (long) n * primitiveSize(component));
                return;
            }
            Object[] arr = (Object[]) a;
            bytes += align(ARRAY_HEADER + (long) arr.length * REF);
            for (int i = 0; i < arr.length; i++) {
                if (visits + todo.size() >= maxVisits) {
                    countRest(arr.length - i);
                    return;
                }
                push(arr[i]);
            }
        }

        void collection(Collection<?> c) {
            int size;
            try {
                size = c.size();
                bytes += (long) size * (c instanceof java.util.Set<?> ? ENTRY_SLOT : LIST_SLOT);
                int i = 0;
                for (Object e : c) {
                    if (visits + todo.size() >= maxVisits) {
                        countRest(size - i);
                        return;
                    }
                    push(e);
                    i++;
                }
            } catch (RuntimeException | Error e) {
                // Changed meanwhile, or a snippet's code inside refused outside a run (its stop is an Error).
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                exact = false;
            }
        }

        void map(Map<?, ?> m) {
            try {
                int size = m.size();
                bytes += (long) size * ENTRY_SLOT;
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (visits + todo.size() >= maxVisits) {
                        countRest(2L * (size - i));
                        return;
                    }
                    push(e.getKey());
                    push(e.getValue());
                    i++;
                }
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                exact = false;
            }
        }

        void countRest(long n) {
            if (n > 0) {
                exact = false;
                bytes += UNVISITED * n;
            }
        }

        void snippetObject(Object o, Class<?> c) {
            bytes += shallow(c);
            for (Class<?> k = c; k != null && snippetClass.test(k); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        push(f.get(o));
                    } catch (RuntimeException | IllegalAccessException e) {
                        exact = false;
                    }
                }
            }
        }
    }

    /** An object's own size: header and fields (references compressed), 8-aligned; cached per class. */
    static long shallow(Class<?> c) {
        return SHALLOW.computeIfAbsent(c, k -> {
            long size = HEADER;
            for (Class<?> x = k; x != null; x = x.getSuperclass()) {
                for (Field f : x.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        size += f.getType().isPrimitive() ? primitiveSize(f.getType()) : REF;
                    }
                }
            }
            return align(size);
        });
    }

    private static boolean isJdk(Class<?> c) {
        ClassLoader l = c.getClassLoader();
        return l == null || l == ClassLoader.getPlatformClassLoader();
    }

    private static boolean latin1(String s) {
        int n = Math.min(s.length(), 1 << 20);
        if (n < s.length()) {
            return false; // longer than a megabyte: counted as two bytes a character rather than read
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static int primitiveSize(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** Sizes in the units people read: "190.7 MiB", "12.0 KiB", "900 bytes". */
    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The names of {@code byRoot} from the largest share down. */
    static List<String> largestFirst(Map<String, Long> byRoot) {
        List<String> names = new ArrayList<>(byRoot.keySet());
        names.sort((a, b) -> Long.compare(byRoot.get(b), byRoot.get(a)));
        return names;
    }
}
