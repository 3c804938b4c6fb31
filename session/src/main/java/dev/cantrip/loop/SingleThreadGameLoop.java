package dev.cantrip.loop;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A game loop on one platform thread: a lock-free queue for work from other threads, a heap of
 * timers owned by the loop thread, and park/unpark to sleep until either has something.
 */
final class SingleThreadGameLoop implements GameLoop {

    private static final System.Logger LOG = System.getLogger(SingleThreadGameLoop.class.getName());
    private static final int LAG_WINDOW = 4096;

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<TimerEvent> timers = new PriorityQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger parked = new AtomicInteger();
    private final Thread thread;
    private long timerSequence;

    // Lag samples: written by the loop thread only; read under the lock by lag().
    private final long[] lagRing = new long[LAG_WINDOW];
    private int lagCount;
    private int lagNext;

    private SingleThreadGameLoop(String threadName) {
        this.thread = Thread.ofPlatform().name(threadName).unstarted(this::run);
    }

    static SingleThreadGameLoop start(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        SingleThreadGameLoop loop = new SingleThreadGameLoop(threadName);
        loop.thread.start();
        return loop;
    }

    @Override
    public boolean execute(Runnable work) {
        Objects.requireNonNull(work, "work");
        if (!running.get()) {
            return false;
        }
        queue.add(new Event(work, System.nanoTime()));
        if (parked.get() != 0) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    @Override
    public Timer schedule(Duration delay, Runnable work) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(work, "work");
        long due = System.nanoTime() + Math.max(0, saturatedNanos(delay));
        TimerEvent timer = new TimerEvent(due, work);
        if (inLoop()) {
            addTimer(timer);
        } else {
            execute(() -> addTimer(timer));
        }
        return timer;
    }

    private void addTimer(TimerEvent timer) {
        timer.sequence = timerSequence++;
        timers.add(timer);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public String threadName() {
        return thread.getName();
    }

    @Override
    public synchronized LagStats lag() {
        int n = lagCount;
        if (n == 0) {
            return new LagStats(0, 0, 0, 0);
        }
        long[] copy = Arrays.copyOf(lagRing, n);
        Arrays.sort(copy);
        return new LagStats(n, copy[(n - 1) / 2], copy[(int) Math.ceil(n * 0.99) - 1], copy[n - 1]);
    }

    @Override
    public void shutdown(Duration timeout) {
        if (running.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
        if (inLoop()) {
            return;
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            boolean didWork = runDueTimers();
            Event event;
            while ((event = queue.poll()) != null) {
                runOne(event.work(), event.arrivedNanos());
                didWork = true;
            }
            if (!running.get()) {
                // Drain what was queued before the stop, then end.
                while ((event = queue.poll()) != null) {
                    runOne(event.work(), event.arrivedNanos());
                }
                return;
            }
            if (!didWork) {
                park();
            }
        }
    }

    private boolean runDueTimers() {
        boolean ran = false;
        long now = System.nanoTime();
        TimerEvent timer;
        while ((timer = timers.peek()) != null && timer.dueNanos - now <= 0) {
            timers.poll();
            if (timer.claim()) {
                runOne(timer.work, timer.dueNanos);
                ran = true;
            }
        }
        return ran;
    }

    private void park() {
        parked.incrementAndGet();
        try {
            if (!queue.isEmpty() || !running.get()) {
                return;
            }
            TimerEvent next = timers.peek();
            if (next == null) {
                LockSupport.park(this);
            } else {
                long wait = next.dueNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } finally {
            parked.decrementAndGet();
        }
    }

    private void runOne(Runnable work, long arrivedNanos) {
        recordLag(System.nanoTime() - arrivedNanos);
        try {
            work.run();
        } catch (Throwable t) {
            // One failing event must never stop the loop that owns the world.
            LOG.log(System.Logger.Level.ERROR, "uncaught error in game loop work", t);
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
        }
    }

    private synchronized void recordLag(long nanos) {
        lagRing[lagNext] = Math.max(0, nanos);
        lagNext = (lagNext + 1) % LAG_WINDOW;
        if (lagCount < LAG_WINDOW) {
            lagCount++;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : TimeUnit.DAYS.toNanos(365L * 100);
        }
    }

    private record Event(Runnable work, long arrivedNanos) {}

    private static final class TimerEvent implements Timer, Comparable<TimerEvent> {
        private final long dueNanos;
        private final Runnable work;
        private final AtomicBoolean pending = new AtomicBoolean(true);
        private long sequence;

        TimerEvent(long dueNanos, Runnable work) {
            this.dueNanos = dueNanos;
            this.work = work;
        }

        boolean claim() {
            return pending.compareAndSet(true, false);
        }

        @Override
        public boolean cancel() {
            return claim();
        }

        @Override
        public int compareTo(TimerEvent o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
