package dev.cantrip.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The load client: opens telnet sessions to a running server on loopback, creates and logs in an
 * account for each, and drives a mix for a fixed time: players typing {@code look}, {@code say} and
 * moving between two rooms at a fixed rate each (every player, idle or not, is in one of the
 * rooms, 20 to a room unless {@code --rooms} says otherwise); optionally Developers evaluating {@code java} once a
 * second each, one runaway snippet, and CPU-heavy {@code runAsync} jobs. Then it prints each kind's
 * latency (from when a command was due to be sent to its answer: a slow server cannot hide by
 * slowing the client), what went unanswered, connections lost, and the server's own {@code @stats}
 * (its loop lag). Bounded in sessions and time; it stops by itself. {@code scripts/load} starts a
 * fresh server for it.
 *
 * <p>Usage: {@code LoadClient --port N --admin name:password [options]} (see {@link LoadOptions#USAGE}),
 * or {@link #run} from code.
 */
public final class LoadClient {

    private static final String PASSWORD = "load-password";
    private static final long SECOND = 1_000_000_000L;
    private static final int LOGINS_AT_ONCE = 32;

    private final LoadOptions options;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final List<LoadSession> all = new ArrayList<>();
    // From when a command was due to when the client wrote it: the client's own share of the latency.
    private final Latencies sentLate = new Latencies("sent late");

    private LoadClient(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadClient: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out::println).lines().forEach(System.out::println);
    }

    /**
     * Runs the load described by {@code options} against a server that is already listening, and
     * returns what it saw; {@code progress} gets a line once every session is logged in. Closes every
     * connection it opened before it returns.
     *
     * @throws Exception if the server could not be reached, or a login or the set-up did not answer
     */
    public static LoadReport run(LoadOptions options, Consumer<String> progress) throws Exception {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        LoadClient c = new LoadClient(options);
        try {
            return c.drive(progress);
        } finally {
            for (LoadSession s : c.all) {
                s.channel().close();
            }
            c.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private LoadReport drive(Consumer<String> progress) throws Exception {
        int sessions = options.sessions();
        int active = options.active();
        double rate = options.rate();
        int staff = options.staff();
        int rooms = options.rooms();

        LoadSession wizard = connect(options.adminName());
        login(wizard, "connect " + options.adminName() + " " + options.adminPassword(), options.adminName())
                .get(2, TimeUnit.MINUTES);
        // Rooms in pairs: room r off Limbo (exit "l<run>r<r>", back "out") and its side room
        // (exit "side", back "back"), so that players spread out and movers stay among their own.
        for (int r = 1; r <= rooms; r++) {
            String room = room(r);
            expect(wizard, "@dig " + room + " = " + way(r) + ", out", "Dug " + room);
            expect(wizard, way(r), room);
            expect(wizard, "@dig " + room + "b = side, back", "Dug " + room + "b");
            expect(wizard, "out", "Limbo");
        }
        long loginStart = System.nanoTime();
        int developers = options.developers();
        List<LoadSession> players = new ArrayList<>();
        Map<LoadSession, CompletableFuture<?>> inFlight = new LinkedHashMap<>();
        for (int i = 0; i < sessions + developers; i++) {
            LoadSession s = connect("L" + run + "n" + i);
            CompletableFuture<?> ready = login(s, "create " + s.name + " " + PASSWORD, s.name);
            if (i < sessions) {
                // Each player goes on to its room at once: a crowd in Limbo would hear every later arrival.
                int r = 1 + i % rooms;
                ready = ready.thenCompose(welcome -> {
                    CompletableFuture<String> arrived = s.awaitLine(room(r));
                    s.send(way(r));
                    return arrived;
                }).thenRun(() -> s.channel().eventLoop().execute(() -> s.room = room(r)));
            }
            inFlight.put(s, ready);
            if (inFlight.size() >= LOGINS_AT_ONCE) {
                awaitAll(inFlight, "log in and reach its room");
            }
            players.add(s);
        }
        awaitAll(inFlight, "log in and reach its room");
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
        List<LoadSession> devs = new ArrayList<>(players.subList(sessions, sessions + developers));
        players = players.subList(0, sessions);
        for (LoadSession d : devs) {
            CompletableFuture<String> promoted = d.awaitLine("You are now a Developer");
            wizard.send("@perm " + d.name + " = developer");
            promoted.get(30, TimeUnit.SECONDS);
        }
        progress.accept(String.format(Locale.ROOT, "load: %,d sessions logged in (%,d more as Developers) in %.1f s;"
                + " %,d active at %.1f commands/s each, %d Developer(s) evaluating java once a second, runaway %s,"
                + " %d runAsync job(s); %d s measured after %d s of warm-up", sessions, developers, loginSeconds, active,
                rate, staff, options.runaway() ? "on" : "off", options.async(), options.seconds(),
                options.warmupSeconds()));

        Latencies look = new Latencies("look");
        Latencies say = new Latencies("say");
        Latencies move = new Latencies("move");
        Latencies java = new Latencies("java");
        Latencies stopped = new Latencies("runaway");
        Latencies asyncDone = new Latencies("runAsync");
        Latencies warm = new Latencies("warm-up");
        // The mix runs through a warm-up first (the server's JIT, pools and caches settle); what is
        // due then is answered but not counted.
        long warmStart = System.nanoTime();
        long start = warmStart + options.warmupSeconds() * SECOND;
        long end = start + options.seconds() * SECOND;
        for (int i = 0; i < active; i++) {
            LoadSession p = players.get(i);
            String home = room(1 + i % rooms);
            long first = warmStart + (long) (ThreadLocalRandom.current().nextDouble() * SECOND / rate);
            schedulePlayer(p, first, (long) (SECOND / rate), start, end, home, new Latencies[] {look, say, move, warm});
        }
        for (int i = 0; i < staff; i++) {
            LoadSession d = devs.get(i);
            scheduleEval(d, warmStart + (long) (ThreadLocalRandom.current().nextDouble() * SECOND), start, end, java, warm,
                    new int[] {i * 1_000_000});
        }
        int next = staff;
        CompletableFuture<String> runawayStopped = null;
        if (options.runaway()) {
            LoadSession d = devs.get(next++);
            runawayStopped = d.awaitLine("Stopped: ");
            long due = start + 2 * SECOND;
            d.channel().eventLoop().schedule(() -> d.command("java while (true) { }", "Stopped: ", false, due, stopped),
                    due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < options.async(); i++) {
            LoadSession d = devs.get(next++);
            long due = start + SECOND;
            d.channel().eventLoop().schedule(() -> d.command("java runAsync(() -> { long until = System.nanoTime()"
                    + " + 10_000_000_000L; long n = 0; while (System.nanoTime() < until) n++; return n; },"
                    + " n -> self.msg(\"async\" + \"-done \" + n))", "async-done ", false, due, asyncDone),
                    due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        TimeUnit.NANOSECONDS.sleep(start - System.nanoTime());
        sentLate.clear();
        Optional<CpuTimes> cpuBefore = CpuTimes.now();
        TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        Optional<String> machine = cpuBefore.flatMap(b -> CpuTimes.now().map(a -> a.since(b)));
        LoadReport.Percentiles clientLate = sentLate.summary().fromDue();
        // Answers still due may come late (a runAsync job reports 10 s on): wait for them, within the grace.
        long graceEnd = System.nanoTime() + options.graceSeconds() * SECOND;
        while (all.stream().anyMatch(s -> s.unanswered() > 0) && System.nanoTime() < graceEnd) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        // The server's own view: its loop's lag, how long output waited to be saved, its heap.
        List<CompletableFuture<String>> asked = List.of(wizard.awaitLine("Loop lag"), wizard.awaitLine("Output held"),
                wizard.awaitLine("Heap: "));
        wizard.send("@stats");
        List<String> stats = new ArrayList<>();
        for (CompletableFuture<String> line : asked) {
            stats.add(line.get(30, TimeUnit.SECONDS));
        }
        long lost = all.stream().filter(LoadSession::lost).count();
        for (LoadSession s : all) {
            s.channel().eventLoop().submit(s::giveUp).get();
        }
        List<LoadReport.Kind> kinds = new ArrayList<>();
        kinds.add(look.summary());
        kinds.add(say.summary());
        kinds.add(move.summary());
        if (staff > 0) {
            kinds.add(java.summary());
        }
        if (options.runaway()) {
            kinds.add(stopped.summary());
        }
        if (options.async() > 0) {
            kinds.add(asyncDone.summary());
        }
        return new LoadReport(options, loginSeconds, kinds,
                Optional.ofNullable(runawayStopped == null ? null : runawayStopped.getNow(null)), lost, all.size(),
                stats, machine, clientLate);
    }

    /**
     * A player's commands at a fixed rate until {@code end}: look, say, or a move out of its room or
     * back; counted from {@code from} on ({@code into}: look, say, move, and the warm-up's).
     */
    private void schedulePlayer(LoadSession p, long due, long every, long from, long end, String home,
                                Latencies[] into) {
        if (due >= end) {
            return;
        }
        p.channel().eventLoop().schedule(() -> {
            boolean counted = due >= from;
            double pick = ThreadLocalRandom.current().nextDouble();
            double moveShare = options.moveShare();
            if (pick >= moveShare && pick < moveShare + (1 - moveShare) * 2 / 3) {
                p.command("look", p.room, true, due, counted ? into[0] : into[3]);
            } else if (pick >= moveShare) {
                String words = "load " + Long.toString(due, 36);
                p.command("say " + words, "You say, \"" + words + "\"", true, due, counted ? into[1] : into[3]);
            } else if (p.room.equals(home)) {
                p.room = home + "b";
                p.command("side", home + "b", true, due, counted ? into[2] : into[3]);
            } else {
                p.room = home;
                p.command("back", home, true, due, counted ? into[2] : into[3]);
            }
            schedulePlayer(p, due + every, every, from, end, home, into);
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A Developer's {@code java} evaluation once a second until {@code end}, counted from {@code from} on. */
    private void scheduleEval(LoadSession d, long due, long from, long end, Latencies java, Latencies warm, int[] counter) {
        if (due >= end) {
            return;
        }
        d.channel().eventLoop().schedule(() -> {
            int n = ++counter[0];
            d.command("java " + n + " + 1", "==> " + (n + 1), false, due, due >= from ? java : warm);
            scheduleEval(d, due + SECOND, from, end, java, warm, counter);
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private LoadSession connect(String name) throws InterruptedException {
        LoadSession s = new LoadSession(name, sentLate);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TelnetLines(), new StringEncoder(StandardCharsets.UTF_8), s);
                    }
                });
        Channel ch = b.connect(options.host(), options.port()).sync().channel();
        s.attach(ch);
        all.add(s);
        return s;
    }

    private String room(int r) {
        return "Load" + run + "r" + r;
    }

    private String way(int r) {
        return "l" + run + "r" + r;
    }

    /**
     * Waits for every session's step, then forgets them.
     *
     * @throws IllegalStateException naming the sessions that did not get there, with the last line each saw
     */
    private static void awaitAll(Map<LoadSession, CompletableFuture<?>> steps, String what) throws InterruptedException {
        String why;
        Throwable cause;
        try {
            CompletableFuture.allOf(steps.values().toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            steps.clear();
            return;
        } catch (TimeoutException e) {
            why = "within 5 minutes";
            cause = e;
        } catch (ExecutionException e) {
            why = "(" + e.getCause().getMessage() + ")";
            cause = e.getCause();
        }
        List<String> stuck = steps.entrySet().stream().filter(s -> !s.getValue().isDone()
                || s.getValue().isCompletedExceptionally()).limit(5)
                .map(s -> s.getKey().name + " (last line: " + s.getKey().lastLine() + ")").toList();
        throw new IllegalStateException("sessions did not " + what + " " + why + ": " + stuck, cause);
    }

    /** Types {@code line} on {@code s} and waits for a line containing {@code marker}. */
    private static void expect(LoadSession s, String line, String marker) throws Exception {
        CompletableFuture<String> seen = s.awaitLine(marker);
        s.send(line);
        seen.get(30, TimeUnit.SECONDS);
    }

    /** Types the login line and completes when the game welcomes {@code name}. */
    private static CompletableFuture<String> login(LoadSession s, String line, String name) {
        CompletableFuture<String> welcome = s.awaitLine("Welcome, " + name + "!");
        s.send(line);
        return welcome.orTimeout(2, TimeUnit.MINUTES);
    }
}
