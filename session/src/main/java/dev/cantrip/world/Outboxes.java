package dev.cantrip.world;

import dev.cantrip.repl.RunCharges;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a snippet's messages cost its run, and where the messages of runs off the loop (background
 * work, {@code runAsync}) wait for it.
 *
 * <p>On the loop a message is charged to the sending run's output budget once per session that
 * receives it, and delivered at once. Off the loop a run's messages wait in the run's outbox, at
 * most {@value #MAX_WAITING} at a time (the next is refused with an exception saying so), and one
 * task on the loop delivers all that wait: so however fast background work sends, the loop's
 * queue holds one task per run, and what reaches players is bounded by the run's output budget.
 * Off the loop each message is charged at least once when sent, heard or not (what waits costs the
 * loop); the listeners of a room are not known there (a room's contents belong to the loop), so
 * what its other listeners received when it was delivered is charged at the run's next message.
 */
final class Outboxes {

    /** Messages one run off the loop may have waiting for the loop. */
    static final int MAX_WAITING = 1_000;

    // By the run's identity (RunCharges.run()); an entry goes when its run is no longer referenced.
    private static final Map<Object, Outbox> BY_RUN = Collections.synchronizedMap(new WeakHashMap<>());

    private Outboxes() {}

    /**
     * Charges the calling run (if any) for {@code text} reaching {@code listeners} sessions;
     * returns the bytes charged (0 for host code's own message).
     */
    static long charge(String text, int listeners) {
        if (RunCharges.run() == null) {
            return 0; // host code's own message
        }
        long bytes = listeners > 0 ? bytes(text) * listeners : 0; // nobody hears it, but a stopped run still stops here
        RunCharges.output(bytes);
        return bytes;
    }

    /**
     * Queues {@code text} for {@code target} from run {@code run}, off the loop: charged, then
     * delivered by the loop.
     *
     * @throws IllegalStateException if the run already has {@value #MAX_WAITING} messages waiting
     */
    static void send(Object run, GameObject target, String text) {
        Outbox box = BY_RUN.computeIfAbsent(run, r -> new Outbox());
        long owed = box.owed.getAndSet(0);
        if (owed > 0) {
            RunCharges.output(owed);
        }
        box.checkRoom(); // refused before it is charged: one run sends from one thread, so the room stays
        // At least once even when nobody would hear it: what waits for the loop costs the loop, and
        // this keeps how many a run can send off the loop within its budget.
        int listeners = target.kindRaw() == ObjectKind.ROOM ? 1 : target.world().messenger().listeners(target);
        charge(text, Math.max(1, listeners));
        box.add(target, text);
    }

    private static long bytes(String text) {
        return RunCharges.lineBytes(text);
    }

    private record Waiting(GameObject target, String text) {}

    /** One run's messages waiting for the loop. */
    private static final class Outbox {
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // guarded by this
        private boolean scheduled; // guarded by this: a delivery task is on the loop's queue
        // What rooms' other listeners received, to be charged at the run's next message.
        final AtomicLong owed = new AtomicLong();

        /** Refuses a message when {@value #MAX_WAITING} wait already. */
        synchronized void checkRoom() {
            if (waiting.size() >= MAX_WAITING) {
                throw new IllegalStateException(String.format(Locale.ROOT, "msg refused: %,d messages of this"
                        + " background work are already waiting for the game loop (the most one run may have);"
                        + " send fewer, longer messages", MAX_WAITING));
            }
        }

        void add(GameObject target, String text) {
            boolean schedule;
            synchronized (this) {
                checkRoom();
                waiting.add(new Waiting(target, text));
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule && !target.world().loop().execute(this::deliver)) {
                synchronized (this) {
                    waiting.clear(); // the loop has stopped: nobody will hear them
                    scheduled = false;
                }
            }
        }

        /** On the loop: delivers every message waiting now. */
        private void deliver() {
            List<Waiting> batch;
            synchronized (this) {
                batch = new ArrayList<>(waiting);
                waiting.clear();
                scheduled = false;
            }
            for (Waiting w : batch) {
                if (w.target().kindRaw() == ObjectKind.ROOM) {
                    int listeners = w.target().listeners();
                    if (listeners > 1) {
                        owed.addAndGet(bytes(w.text()) * (listeners - 1));
                    }
                }
                w.target().deliver(w.text());
            }
        }
    }
}
