package dev.cantrip.sandbox;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the class that declares a member a reference names, the way the JVM resolves it: a
 * method in the class, then its superclasses, then its superinterfaces (and {@code Object} for an
 * interface); a field in the class, its superinterfaces, then its superclass. A policy then judges
 * the member where it is declared: allowing {@code Object.toString} does not allow
 * {@code Thread.toString}, which {@code Thread} declares itself.
 */
final class HostMembers {

    // Every member a class declares, as "name descriptor" ("name" alone for fields).
    private static final ClassValue<Set<String>> DECLARED = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> c) {
            Set<String> s = new HashSet<>();
            for (Method m : c.getDeclaredMethods()) {
                s.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                s.add("<init>" + MethodType.methodType(void.class, k.getParameterTypes()).toMethodDescriptorString());
            }
            for (Field f : c.getDeclaredFields()) {
                s.add(f.getName());
            }
            return Set.copyOf(s);
        }
    };

    private HostMembers() {}

    /** The class declaring method {@code name descriptor} as seen from {@code owner}, or null. */
    static Class<?> declaringMethod(Class<?> owner, String name, String descriptor) {
        String key = name + descriptor;
        if (name.equals("<init>")) {
            return declares(owner, key) ? owner : null;
        }
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (declares(c, key)) {
                return c;
            }
        }
        Class<?> found = inInterfaces(owner, key);
        if (found == null && owner.isInterface() && declares(Object.class, key)) {
            return Object.class;
        }
        return found;
    }

    /** The class declaring field {@code name} as seen from {@code owner}, or null. */
    static Class<?> declaringField(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (declares(c, name)) {
                return c;
            }
            Class<?> i = inInterfaces(c, name);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Class<?> inInterfaces(Class<?> owner, String key) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> i = todo.poll();
            if (!seen.add(i)) {
                continue;
            }
            if (declares(i, key)) {
                return i;
            }
            todo.addAll(java.util.List.of(i.getInterfaces()));
        }
        return null;
    }

    private static boolean declares(Class<?> c, String key) {
        try {
            return DECLARED.get(c).contains(key);
        } catch (LinkageError e) {
            return false; // a class whose members cannot be read declares nothing usable
        }
    }
}
