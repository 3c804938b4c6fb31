package dev.cantrip.hostcode;

/** Host code (outside the engine's package) that snippets in the engine's tests call. */
public final class HostCode {

    /** What {@link #blockOn()} waits for. */
    public static final Object MONITOR = new Object();
    /** Set by the test: tells whether the calling thread has the turn. */
    public static volatile java.util.function.BooleanSupplier hasTurn = () -> false;

    private HostCode() {}

    /** Blocks inside the JVM on {@link #MONITOR}, then says whether it still has the turn. */
    public static boolean blockOn() {
        synchronized (MONITOR) {
            return hasTurn.getAsBoolean();
        }
    }
}
