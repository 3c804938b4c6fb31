package dev.cantrip.repl;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The static fields one instance keeps its bindings in ({@code self}, {@code here}, ...), and where
 * their values come from. Set before every run of that instance's code, also for code that runs
 * after the instance was closed (a callback a snippet handed to host code): so this is kept apart
 * from the instance, small, and reachable from its classes ({@link CodeOwner}).
 */
final class BindingFields {

    private final Map<String, Field> fields = new ConcurrentHashMap<>();
    private volatile Map<String, Supplier<?>> values = Map.of();

    void put(String name, Field field) {
        field.setAccessible(true);
        fields.put(name, field);
    }

    boolean contains(String name) {
        return fields.containsKey(name);
    }

    /**
     * The value binding {@code name} holds now, as this instance's code reads it, or null if the
     * instance has no such binding.
     */
    Object value(String name) {
        Field f = fields.get(name);
        if (f == null) {
            return null;
        }
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("binding " + name + " cannot be read", e);
        }
    }

    /** Where the values come from from now on (a supplier per binding name). */
    void values(Map<String, Supplier<?>> suppliers) {
        values = Map.copyOf(suppliers);
    }

    /** Sets every binding field from its supplier; on the thread about to run the code. */
    void refresh() {
        Map<String, Supplier<?>> now = values;
        for (Map.Entry<String, Field> b : fields.entrySet()) {
            Supplier<?> s = now.get(b.getKey());
            try {
                b.getValue().set(null, s == null ? null : s.get());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("binding " + b.getKey() + " cannot be set", e);
            }
        }
    }
}
