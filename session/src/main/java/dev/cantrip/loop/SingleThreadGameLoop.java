package dev.cantrip.loop;

import dev.cantrip.host.WrongThreadException;
import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A game loop on one platform thread: a lock-free queue for work from other threads, a heap of
 * timers owned by the loop thread, and park/unpark to sleep until either has something.
 */
final class SingleThreadGameLoop implements GameLoop {

    private static final System.Logger LOG = System.getLogger(SingleThreadGameLoop.class.getName());

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<TimerEvent> timers = new PriorityQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    // Set once the thread has run the last queued work; work that arrives after it is refused.
    private volatile boolean drained;
    private final Consumer<Throwable> onFatal;
    private final AtomicInteger parked = new AtomicInteger();
    private final Thread thread;
    // The thread the loop is lent to while the loop thread waits for it; null when not lent.
    private volatile Thread borrower;
    private long timerSequence;
    // When the piece of work running now began (System.nanoTime), or 0 between pieces.
    private volatile long workStartedNanos;

    // The last minute's lag: written by the loop thread, read by any (LagWindow synchronizes).
    private final LagWindow lagWindow = new LagWindow();

    private SingleThreadGameLoop(String threadName, Consumer<Throwable> onFatal) {
        this.thread = Thread.ofPlatform().name(threadName).unstarted(this::run);
        this.onFatal = onFatal;
    }

    static SingleThreadGameLoop start(String threadName, Consumer<Throwable> onFatal) {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(onFatal, "onFatal");
        SingleThreadGameLoop loop = new SingleThreadGameLoop(threadName, onFatal);
        loop.thread.start();
        return loop;
    }

    @Override
    public boolean execute(Runnable work) {
        Objects.requireNonNull(work, "work");
        if (!running.get()) {
            return false;
        }
        Event event = new Event(work, System.nanoTime());
        queue.add(event);
        if (drained) {
            // The loop may have ended between the check above and the add: if the event is still
            // queued, it will never run, so take it back; if it is gone, the final drain ran it.
            return !queue.remove(event);
        }
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
        TimerEvent timer = new TimerEvent(this, due, work);
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
    public boolean running() {
        return running.get() && thread.isAlive();
    }

    @Override
    public boolean inLoop() {
        Thread t = Thread.currentThread();
        return t == thread || t == borrower;
    }

    @Override
    public void lend(Thread to) {
        if (Thread.currentThread() != thread) {
            throw new WrongThreadException("lend the loop", Thread.currentThread().getName(), thread.getName());
        }
        borrower = to;
    }

    @Override
    public String threadName() {
        return thread.getName();
    }

    @Override
    public LagStats lag() {
        return lagWindow.last(System.nanoTime());
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
                // Drain what was queued before the stop; then once more after marking the loop
                // drained, for work added while the first drain ran (see execute).
                while ((event = queue.poll()) != null) {
                    runOne(event.work(), event.arrivedNanos());
                }
                drained = true;
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

    @Override
    public long busyNanos() {
        long started = workStartedNanos;
        return started == 0 ? 0 : Math.max(1, System.nanoTime() - started);
    }

    private void runOne(Runnable work, long arrivedNanos) {
        long now = System.nanoTime();
        lagWindow.record(now - arrivedNanos, now);
        workStartedNanos = now == 0 ? 1 : now;
        try {
            work.run();
        } catch (Throwable t) {
            if (!isFatal(t)) {
                // One failing event must never stop the loop that owns the world: an exception, a
                // StackOverflowError, or an Error thrown by code a Developer wrote.
                LOG.log(System.Logger.Level.ERROR, "uncaught error in game loop work", t);
                return;
            }
            Throwable fatal = t;
            // Out of memory or worse: the world may be half-changed. Stop taking work and let the
            // server shut down (what was acknowledged is already on disk) rather than run on.
            // Told first: at a full heap the log line below may itself fail for want of memory.
            running.set(false);
            onFatal.accept(fatal);
            try {
                LOG.log(System.Logger.Level.ERROR, "fatal error on the game loop; the game stops", fatal);
            } catch (Throwable again) {
                // Out of memory once more: the process is ending anyway (onFatal).
            }
        } finally {
            workStartedNanos = 0;
        }
    }

    /** Out of memory, an internal JVM error: the JVM itself is in trouble, not just one piece of work. */
    static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
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
        private final SingleThreadGameLoop loop;
        private long sequence;

        TimerEvent(SingleThreadGameLoop loop, long dueNanos, Runnable work) {
            this.loop = loop;
            this.dueNanos = dueNanos;
            this.work = work;
        }

        boolean claim() {
            return pending.compareAndSet(true, false);
        }

        @Override
        public boolean cancel() {
            if (!claim()) {
                return false;
            }
            // Take it out of the heap now rather than at its due time, which may be far off.
            if (loop.inLoop()) {
                loop.timers.remove(this);
            } else {
                loop.execute(() -> loop.timers.remove(this));
            }
            return true;
        }

        @Override
        public int compareTo(TimerEvent o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
