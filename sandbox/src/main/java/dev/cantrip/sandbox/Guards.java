package dev.cantrip.sandbox;

import dev.cantrip.sandbox.facade.LimitedCollections;
import dev.cantrip.sandbox.facade.LimitedMath;
import dev.cantrip.sandbox.facade.LimitedRegex;
import dev.cantrip.sandbox.facade.LimitedSearch;
import dev.cantrip.sandbox.facade.LimitedStreams;
import dev.cantrip.sandbox.facade.LimitedStructures;
import dev.cantrip.sandbox.facade.LimitedText;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The JDK calls the verifier rewrites, once the tier has allowed them, because they can work long
 * or allocate much inside the JDK where no check reaches (see {@code dev.cantrip.sandbox.facade}):
 * a call {@linkplain Guard.Redirect sent to a stand-in}, a result {@linkplain Guard.Checked checked}
 * after the call, or a size {@linkplain Guard.Charged charged} before it. Keyed by
 * {@code owner#name descriptor}, in internal form.
 */
final class Guards {

    /** What is done to one JDK call. */
    sealed interface Guard {
        /** The call goes to {@code facade.name} instead; an instance call's receiver becomes its first argument. */
        record Redirect(ClassDesc facade, String name, MethodTypeDesc type) implements Guard {}

        /**
         * An overridable method that walks what an object holds ({@code hashCode}, {@code equals},
         * {@code toString}): calls (and method references) go to {@code call}; a snippet class's
         * {@code super.m(...)} goes to {@code superCall}, which takes the class the call names as
         * its last argument, or, when it is null ({@code Object}'s own), stays as it is.
         */
        record Walked(Redirect call, Redirect superCall) implements Guard {}

        /** The call's result passes through {@code facade.name}, which returns it or throws. */
        record Checked(ClassDesc facade, String name, MethodTypeDesc type) implements Guard {}

        /** The call's last argument, an element count, is charged (elements of 2^shift bytes) first. */
        record Charged(int shift) implements Guard {}

        /**
         * An argument is checked by {@code facade.name} (which returns nothing or throws) before the
         * call: the last one, or with {@code belowTop} the one before it (both one slot each).
         */
        record PreChecked(ClassDesc facade, String name, MethodTypeDesc type, boolean belowTop) implements Guard {}
    }

    /** {@code (II)V}: charges a count of elements of 2^shift bytes to the run's allocation budget. */
    static final ClassDesc ALLOCATIONS = ClassDesc.of(dev.cantrip.sandbox.facade.LimitedAllocation.class.getName());

    /** The JDK classes and interfaces that hold other objects and declare their own methods for it. */
    private static final Class<?>[] HOLDERS = {Object.class, java.util.Collection.class, java.util.List.class, java.util.Set.class,
            java.util.Map.class, java.util.Map.Entry.class, java.util.SequencedCollection.class,
            java.util.SequencedSet.class, java.util.SequencedMap.class, java.util.SortedSet.class,
            java.util.SortedMap.class, java.util.NavigableSet.class, java.util.NavigableMap.class,
            java.util.Queue.class, java.util.Deque.class, java.util.AbstractCollection.class,
            java.util.AbstractList.class, java.util.AbstractSequentialList.class, java.util.AbstractSet.class,
            java.util.AbstractQueue.class, java.util.AbstractMap.class, java.util.AbstractMap.SimpleEntry.class,
            java.util.AbstractMap.SimpleImmutableEntry.class, java.util.ArrayList.class, java.util.LinkedList.class,
            java.util.Vector.class, java.util.Stack.class, java.util.ArrayDeque.class, java.util.PriorityQueue.class,
            java.util.HashSet.class, java.util.LinkedHashSet.class, java.util.TreeSet.class, java.util.EnumSet.class,
            java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.Hashtable.class,
            java.util.Properties.class, java.util.EnumMap.class, java.util.IdentityHashMap.class,
            java.util.WeakHashMap.class, java.util.Optional.class,
            java.util.concurrent.atomic.AtomicReference.class,
            java.util.concurrent.atomic.AtomicReferenceArray.class};

    private static final Map<String, Guard> GUARDS = build();

    private Guards() {}

    /** The guard for a call, or null. */
    static Guard of(String owner, String name, String descriptor) {
        return GUARDS.get(owner + "#" + name + descriptor);
    }

    private static Map<String, Guard> build() {
        Map<String, Guard> g = new HashMap<>();
        redirect(g, LimitedRegex.class, String.class, "matches", String.class);
        redirect(g, LimitedRegex.class, String.class, "replaceAll", String.class, String.class);
        redirect(g, LimitedRegex.class, String.class, "replaceFirst", String.class, String.class);
        redirect(g, LimitedRegex.class, String.class, "split", String.class);
        redirect(g, LimitedRegex.class, String.class, "split", String.class, int.class);
        redirect(g, LimitedRegex.class, String.class, "splitWithDelimiters", String.class, int.class);
        redirect(g, LimitedRegex.class, Pattern.class, "matcher", CharSequence.class);
        redirect(g, LimitedRegex.class, Pattern.class, "matches", String.class, CharSequence.class);
        redirect(g, LimitedRegex.class, Pattern.class, "split", CharSequence.class);
        redirect(g, LimitedRegex.class, Pattern.class, "split", CharSequence.class, int.class);
        redirect(g, LimitedRegex.class, Pattern.class, "splitWithDelimiters", CharSequence.class, int.class);
        redirect(g, LimitedRegex.class, Pattern.class, "splitAsStream", CharSequence.class);
        redirect(g, LimitedRegex.class, Matcher.class, "reset", CharSequence.class);

        redirect(g, LimitedText.class, String.class, "repeat", int.class);
        redirect(g, LimitedText.class, StringBuilder.class, "repeat", CharSequence.class, int.class);
        redirect(g, LimitedText.class, StringBuilder.class, "repeat", int.class, int.class);
        redirect(g, LimitedText.class, String.class, "format", String.class, Object[].class);
        redirect(g, LimitedText.class, String.class, "format", java.util.Locale.class, String.class, Object[].class);
        redirect(g, LimitedText.class, String.class, "formatted", Object[].class);
        redirect(g, LimitedText.class, java.io.PrintStream.class, "printf", String.class, Object[].class);
        redirect(g, LimitedText.class, java.io.PrintStream.class, "printf", java.util.Locale.class, String.class,
                Object[].class);
        redirect(g, LimitedText.class, java.io.PrintStream.class, "format", String.class, Object[].class);
        redirect(g, LimitedText.class, java.io.PrintStream.class, "format", java.util.Locale.class, String.class,
                Object[].class);
        redirect(g, LimitedText.class, Collections.class, "nCopies", int.class, Object.class);
        redirect(g, LimitedText.class, String.class, "indent", int.class);
        redirect(g, LimitedText.class, String.class, "join", CharSequence.class, CharSequence[].class);
        redirect(g, LimitedText.class, String.class, "join", CharSequence.class, Iterable.class);
        redirect(g, LimitedText.class, java.io.PrintWriter.class, "printf", String.class, Object[].class);
        redirect(g, LimitedText.class, java.io.PrintWriter.class, "printf", java.util.Locale.class, String.class,
                Object[].class);
        redirect(g, LimitedText.class, java.io.PrintWriter.class, "format", String.class, Object[].class);
        redirect(g, LimitedText.class, java.io.PrintWriter.class, "format", java.util.Locale.class, String.class,
                Object[].class);
        redirect(g, LimitedRegex.class, Pattern.class, "compile", String.class);
        redirect(g, LimitedRegex.class, Pattern.class, "compile", String.class, int.class);

        walked(g);
        searches(g);
        duplicates(g);

        redirect(g, LimitedMath.class, BigInteger.class, "pow", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "shiftLeft", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "shiftRight", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "multiply", BigInteger.class);
        redirect(g, LimitedMath.class, BigInteger.class, "setBit", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "flipBit", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "modPow", BigInteger.class, BigInteger.class);
        redirect(g, LimitedMath.class, BigInteger.class, "isProbablePrime", int.class);
        redirect(g, LimitedMath.class, BigInteger.class, "nextProbablePrime");
        redirect(g, LimitedMath.class, BigInteger.class, "probablePrime", int.class, Random.class);
        redirect(g, LimitedMath.class, BigInteger.class, "gcd", BigInteger.class);
        redirect(g, LimitedMath.class, BigInteger.class, "modInverse", BigInteger.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "pow", int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "pow", int.class, MathContext.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "setScale", int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "setScale", int.class, java.math.RoundingMode.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "setScale", int.class, int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "scaleByPowerOfTen", int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "movePointLeft", int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "movePointRight", int.class);
        redirect(g, LimitedMath.class, BigDecimal.class, "multiply", BigDecimal.class);
        // Numbers made from text or parts: cheap to make, too large to work with.
        for (var c : BigInteger.class.getConstructors()) {
            checked(g, LimitedMath.class, c, BigInteger.class);
        }
        for (var c : BigDecimal.class.getConstructors()) {
            checked(g, LimitedMath.class, c, BigDecimal.class);
        }
        // Text is parsed in time that grows faster than its length: its length is checked first.
        preChecked(g, LimitedMath.class, "checkDigits", BigInteger.class, false, String.class);
        preChecked(g, LimitedMath.class, "checkDigits", BigInteger.class, true, String.class, int.class);
        preChecked(g, LimitedMath.class, "checkDigits", BigDecimal.class, false, String.class);
        preChecked(g, LimitedMath.class, "checkDigits", BigDecimal.class, true, String.class, MathContext.class);
        preChecked(g, LimitedMath.class, "checkDigits", BigDecimal.class, false, char[].class);
        preChecked(g, LimitedMath.class, "checkDigits", BigDecimal.class, true, char[].class, MathContext.class);
        for (var c : MathContext.class.getConstructors()) {
            checked(g, LimitedMath.class, c, MathContext.class);
        }
        checkedResult(g, LimitedMath.class, BigDecimal.class, "valueOf", long.class, int.class);

        redirect(g, LimitedStreams.class, IntStream.class, "range", int.class, int.class);
        redirect(g, LimitedStreams.class, IntStream.class, "rangeClosed", int.class, int.class);
        redirect(g, LimitedStreams.class, LongStream.class, "range", long.class, long.class);
        redirect(g, LimitedStreams.class, LongStream.class, "rangeClosed", long.class, long.class);
        for (Class<?> s : new Class<?>[] {IntStream.class, LongStream.class, DoubleStream.class, Stream.class}) {
            for (Method m : s.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && (m.getName().equals("iterate") || m.getName().equals("generate"))) {
                    redirect(g, LimitedStreams.class, s, m.getName(), m.getParameterTypes());
                }
            }
        }
        redirect(g, LimitedStreams.class, java.time.LocalDate.class, "datesUntil", java.time.LocalDate.class);
        redirect(g, LimitedStreams.class, java.time.LocalDate.class, "datesUntil", java.time.LocalDate.class,
                java.time.Period.class);
        for (Method m : Random.class.getMethods()) {
            if (m.getDeclaringClass() == Random.class
                    && (m.getName().equals("ints") || m.getName().equals("longs") || m.getName().equals("doubles"))) {
                redirect(g, LimitedStreams.class, Random.class, m.getName(), m.getParameterTypes());
            }
        }

        // Capacities: the JDK allocates the whole of them at once.
        charged(g, java.util.ArrayList.class, 2, int.class);
        charged(g, java.util.ArrayDeque.class, 2, int.class);
        charged(g, java.util.HashMap.class, 2, int.class);
        charged(g, java.util.HashSet.class, 2, int.class);
        charged(g, java.util.LinkedHashMap.class, 2, int.class);
        charged(g, java.util.LinkedHashSet.class, 2, int.class);
        charged(g, java.util.PriorityQueue.class, 2, int.class);
        charged(g, java.util.BitSet.class, -3, int.class);
        charged(g, StringBuilder.class, 1, int.class);
        charged(g, StringBuffer.class, 1, int.class);
        charged(g, java.util.Vector.class, 2, int.class);
        charged(g, java.util.concurrent.atomic.AtomicIntegerArray.class, 2, int.class);
        charged(g, java.util.concurrent.atomic.AtomicLongArray.class, 3, int.class);
        charged(g, java.util.concurrent.atomic.AtomicReferenceArray.class, 2, int.class);
        charged(g, java.io.BufferedReader.class, 1, java.io.Reader.class, int.class);
        charged(g, java.io.StringWriter.class, 1, int.class);
        charged(g, StringBuffer.class, "ensureCapacity", 1, int.class);
        charged(g, StringBuffer.class, "setLength", 1, int.class);
        charged(g, java.util.Vector.class, "ensureCapacity", 2, int.class);
        charged(g, java.util.Vector.class, "setSize", 2, int.class);
        charged(g, java.util.ArrayList.class, "ensureCapacity", 2, int.class);
        charged(g, StringBuilder.class, "ensureCapacity", 1, int.class);
        charged(g, StringBuilder.class, "setLength", 1, int.class);
        charged(g, java.util.BitSet.class, "set", -3, int.class);
        charged(g, java.util.BitSet.class, "flip", -3, int.class);
        for (Method m : Arrays.class.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            boolean copyOf = m.getName().equals("copyOf") && p.length == 2 && p[1] == int.class;
            boolean copyOfRange = m.getName().equals("copyOfRange") && p.length == 3 && p[2] == int.class;
            if (copyOf || copyOfRange) {
                Class<?> component = m.getReturnType().getComponentType();
                int shift = component == long.class || component == double.class ? 3
                        : component == int.class || component == float.class || !component.isPrimitive() ? 2
                        : component == char.class || component == short.class ? 1 : 0;
                g.put(key(Arrays.class, m), new Guard.Charged(shift)); // copyOfRange: "to", an upper bound
            }
        }
        charged(g, java.util.HashMap.class, "newHashMap", 2, int.class);
        charged(g, java.util.HashSet.class, "newHashSet", 2, int.class);
        return Map.copyOf(g);
    }

    /**
     * The JDK's hashCode, equals and toString of what holds other objects (collections, maps,
     * entries, optionals, atomic references), wherever a class of the allowed packages declares
     * them, and the static methods that call them on elements (Arrays, Objects, String.valueOf,
     * append, print): all worked out by {@link LimitedStructures}, within the budget.
     */
    private static void walked(Map<String, Guard> g) {

        ClassDesc facade = ClassDesc.of(LimitedStructures.class.getName());
        for (Class<?> c : HOLDERS) {
            walkedMethod(g, facade, c, "hashCode", "objectHashCode", "superHashCode");
            walkedMethod(g, facade, c, "equals", "objectEquals", "superEquals", Object.class);
            walkedMethod(g, facade, c, "toString", "objectToString", "superToString");
        }
        redirectTo(g, LimitedStructures.class, "valueOf", String.class, "valueOf", Object.class);
        redirectTo(g, LimitedStructures.class, "objectsHashCode", java.util.Objects.class, "hashCode", Object.class);
        redirectTo(g, LimitedStructures.class, "objectsEquals", java.util.Objects.class, "equals", Object.class,
                Object.class);
        redirectTo(g, LimitedStructures.class, "objectsDeepEquals", java.util.Objects.class, "deepEquals",
                Object.class, Object.class);
        redirectTo(g, LimitedStructures.class, "objectsToString", java.util.Objects.class, "toString", Object.class);
        redirectTo(g, LimitedStructures.class, "objectsToString", java.util.Objects.class, "toString", Object.class,
                String.class);
        redirectTo(g, LimitedStructures.class, "objectsHash", java.util.Objects.class, "hash", Object[].class);
        redirectTo(g, LimitedStructures.class, "hashCode", Arrays.class, "hashCode", Object[].class);
        redirectTo(g, LimitedStructures.class, "equals", Arrays.class, "equals", Object[].class, Object[].class);
        redirectTo(g, LimitedStructures.class, "toString", Arrays.class, "toString", Object[].class);
        redirectTo(g, LimitedStructures.class, "deepHashCode", Arrays.class, "deepHashCode", Object[].class);
        redirectTo(g, LimitedStructures.class, "deepEquals", Arrays.class, "deepEquals", Object[].class, Object[].class);
        redirectTo(g, LimitedStructures.class, "deepToString", Arrays.class, "deepToString", Object[].class);
        redirectTo(g, LimitedStructures.class, "append", StringBuilder.class, "append", Object.class);
        redirectTo(g, LimitedStructures.class, "insert", StringBuilder.class, "insert", int.class, Object.class);
        redirectTo(g, LimitedStructures.class, "append", StringBuffer.class, "append", Object.class);
        redirectTo(g, LimitedStructures.class, "println", java.io.PrintStream.class, "println", Object.class);
        redirectTo(g, LimitedStructures.class, "print", java.io.PrintStream.class, "print", Object.class);
        redirectTo(g, LimitedStructures.class, "println", java.io.PrintWriter.class, "println", Object.class);
        redirectTo(g, LimitedStructures.class, "print", java.io.PrintWriter.class, "print", Object.class);
    }

    /**
     * What refuses duplicates with a message naming one ({@code Map.of}, {@code Set.of},
     * {@code Collectors.toMap}): the message made by {@link LimitedCollections}, within the budget.
     */
    private static void duplicates(Map<String, Guard> g) {
        for (int n = 2; n <= 10; n++) {
            Class<?>[] pairs = new Class<?>[2 * n];
            Arrays.fill(pairs, Object.class);
            redirectTo(g, LimitedCollections.class, "mapOf", Map.class, "of", pairs);
            redirectTo(g, LimitedCollections.class, "setOf", java.util.Set.class, "of", Arrays.copyOf(pairs, n));
        }
        redirectTo(g, LimitedCollections.class, "setOf", java.util.Set.class, "of", Object[].class);
        redirectTo(g, LimitedCollections.class, "mapOfEntries", Map.class, "ofEntries", Map.Entry[].class);
        for (String collector : new String[] {"toMap", "toUnmodifiableMap", "toConcurrentMap"}) {
            redirect(g, LimitedCollections.class, java.util.stream.Collectors.class, collector,
                    java.util.function.Function.class, java.util.function.Function.class);
        }
    }

    /** Searches whose time is the product of two sizes ({@link LimitedSearch}). */
    private static void searches(Map<String, Guard> g) {
        redirect(g, LimitedSearch.class, String.class, "indexOf", String.class);
        redirect(g, LimitedSearch.class, String.class, "indexOf", String.class, int.class);
        redirect(g, LimitedSearch.class, String.class, "indexOf", String.class, int.class, int.class);
        redirect(g, LimitedSearch.class, String.class, "lastIndexOf", String.class);
        redirect(g, LimitedSearch.class, String.class, "lastIndexOf", String.class, int.class);
        redirect(g, LimitedSearch.class, String.class, "contains", CharSequence.class);
        redirect(g, LimitedSearch.class, String.class, "replace", CharSequence.class, CharSequence.class);
        redirect(g, LimitedSearch.class, StringBuilder.class, "indexOf", String.class);
        redirect(g, LimitedSearch.class, StringBuilder.class, "indexOf", String.class, int.class);
        redirect(g, LimitedSearch.class, StringBuilder.class, "lastIndexOf", String.class);
        redirect(g, LimitedSearch.class, StringBuilder.class, "lastIndexOf", String.class, int.class);
        redirectTo(g, LimitedSearch.class, "disjoint", Collections.class, "disjoint", java.util.Collection.class,
                java.util.Collection.class);
        redirectTo(g, LimitedSearch.class, "indexOfSubList", Collections.class, "indexOfSubList", java.util.List.class,
                java.util.List.class);
        redirectTo(g, LimitedSearch.class, "lastIndexOfSubList", Collections.class, "lastIndexOfSubList",
                java.util.List.class, java.util.List.class);
        ClassDesc facade = ClassDesc.of(LimitedSearch.class.getName());
        for (Class<?> c : HOLDERS) {
            for (String name : new String[] {"containsAll", "removeAll", "retainAll"}) {
                try {
                    Method declared = c.getDeclaredMethod(name, java.util.Collection.class);
                    MethodTypeDesc call = MethodTypeDesc.of(ConstantDescs.CD_boolean, ClassDesc.of("java.util.Collection"),
                            ClassDesc.of("java.util.Collection"));
                    // A subclass's super.removeAll(c) stays as it is: the stand-in would call the subclass again.
                    g.put(key(c, declared), new Guard.Walked(new Guard.Redirect(facade, name, call), null));
                } catch (NoSuchMethodException e) {
                    // inherited: judged where it is declared
                }
            }
        }
    }

    private static void walkedMethod(Map<String, Guard> g, ClassDesc facade, Class<?> owner, String name,
                                     String callName, String superName, Class<?>... params) {
        Method declared;
        try {
            declared = owner.getDeclaredMethod(name, params);
        } catch (NoSuchMethodException e) {
            return; // inherited: judged where it is declared
        }
        MethodTypeDesc original = desc(declared);
        ClassDesc object = ConstantDescs.CD_Object;
        MethodTypeDesc call = MethodTypeDesc.of(original.returnType(), prepend(object, original.parameterList()));
        Guard.Redirect superCall = null;
        if (owner != Object.class && !owner.isInterface()) {
            superCall = new Guard.Redirect(facade, superName,
                    call.insertParameterTypes(call.parameterCount(), ConstantDescs.CD_Class));
        }
        g.put(key(owner, declared), new Guard.Walked(new Guard.Redirect(facade, callName, call), superCall));
    }

    private static java.util.List<ClassDesc> prepend(ClassDesc first, java.util.List<ClassDesc> rest) {
        java.util.List<ClassDesc> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The public method {@code owner.name(params)}; this table is wrong if there is none. */
    private static Method method(Class<?> owner, String name, Class<?>... params) {
        try {
            return owner.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no " + owner.getName() + "." + name + Arrays.toString(params), e);
        }
    }

    /** What a static stand-in for {@code original} takes: its parameters, after the receiver if it has one. */
    private static Class<?>[] standInParams(Method original, Class<?> owner, Class<?>... params) {
        if (Modifier.isStatic(original.getModifiers())) {
            return params;
        }
        Class<?>[] withReceiver = new Class<?>[params.length + 1];
        withReceiver[0] = owner;
        System.arraycopy(params, 0, withReceiver, 1, params.length);
        return withReceiver;
    }

    /** A redirect to a stand-in of another name, whose parameters may be wider than the original's. */
    private static void redirectTo(Map<String, Guard> g, Class<?> facade, String facadeName, Class<?> owner,
                                   String name, Class<?>... params) {
        Method original = method(owner, name, params);
        Class<?>[] facadeParams = standInParams(original, owner, params);
        Method stand = null;
        for (Method m : facade.getMethods()) {
            if (m.getName().equals(facadeName) && Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() == original.getReturnType() && m.getParameterCount() == facadeParams.length) {
                boolean fits = true;
                for (int i = 0; i < facadeParams.length; i++) {
                    fits &= m.getParameterTypes()[i].isAssignableFrom(facadeParams[i]);
                }
                if (fits && (stand == null || java.util.Arrays.equals(m.getParameterTypes(), facadeParams))) {
                    stand = m;
                }
            }
        }
        if (stand == null) {
            throw new IllegalStateException(facade.getSimpleName() + " has no stand-in for " + original);
        }
        g.put(key(owner, original), new Guard.Redirect(ClassDesc.of(facade.getName()), facadeName, desc(stand)));
    }

    private static void redirect(Map<String, Guard> g, Class<?> facade, Class<?> owner, String name, Class<?>... params) {
        Method original = method(owner, name, params);
        Class<?>[] facadeParams = standInParams(original, owner, params);
        Method stand;
        try {
            stand = facade.getMethod(name, facadeParams);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(facade.getSimpleName() + " has no stand-in for " + original, e);
        }
        if (stand.getReturnType() != original.getReturnType() || !Modifier.isStatic(stand.getModifiers())) {
            throw new IllegalStateException(stand + " does not stand in for " + original);
        }
        g.put(key(owner, original), new Guard.Redirect(ClassDesc.of(facade.getName()), name, desc(stand)));
    }

    private static void checked(Map<String, Guard> g, Class<?> facade, Executable original, Class<?> result) {
        g.put(key(original.getDeclaringClass(), original), checker(facade, result));
    }

    private static void checkedResult(Map<String, Guard> g, Class<?> facade, Class<?> owner, String name, Class<?>... params) {
        try {
            Method m = owner.getMethod(name, params);
            g.put(key(owner, m), checker(facade, m.getReturnType()));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no " + owner.getName() + "." + name, e);
        }
    }

    private static Guard.Checked checker(Class<?> facade, Class<?> type) {
        try {
            Method m = facade.getMethod("checked", type);
            return new Guard.Checked(ClassDesc.of(facade.getName()), "checked", desc(m));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(facade.getSimpleName() + " cannot check a " + type.getName(), e);
        }
    }

    private static void preChecked(Map<String, Guard> g, Class<?> facade, String name, Class<?> owner, boolean belowTop,
                                   Class<?>... params) {
        Class<?> checkedType = params[params.length - (belowTop ? 2 : 1)];
        try {
            Method m = facade.getMethod(name, checkedType);
            g.put(key(owner, owner.getConstructor(params)),
                    new Guard.PreChecked(ClassDesc.of(facade.getName()), name, desc(m), belowTop));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no " + name + "(" + checkedType.getName() + ") or constructor of "
                    + owner.getName(), e);
        }
    }

    private static void charged(Map<String, Guard> g, Class<?> owner, int shift, Class<?>... params) {
        try {
            g.put(key(owner, owner.getConstructor(params)), new Guard.Charged(shift));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no constructor of " + owner.getName(), e);
        }
    }

    private static void charged(Map<String, Guard> g, Class<?> owner, String name, int shift, Class<?>... params) {
        try {
            g.put(key(owner, owner.getMethod(name, params)), new Guard.Charged(shift));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no " + owner.getName() + "." + name, e);
        }
    }

    private static String key(Class<?> owner, Executable e) {
        String internal = owner.getName().replace('.', '/');
        if (e instanceof Method m) {
            return internal + "#" + m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString();
        }
        return internal + "#<init>" + MethodType.methodType(void.class, e.getParameterTypes()).toMethodDescriptorString();
    }

    private static MethodTypeDesc desc(Method m) {
        return MethodTypeDesc.ofDescriptor(MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString());
    }
}
