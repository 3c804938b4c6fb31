package dev.cantrip.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the load client does: where the server is, how many sessions it opens and how
 * they behave, and for how long. Built from the command line by {@link #parse}, which names the
 * bad option in its message.
 *
 * @param host the server's address
 * @param port its telnet port
 * @param admin a Developer account's {@code name:password} (it digs the rooms and promotes staff)
 * @param sessions player sessions to open and log in
 * @param active how many of the players type commands
 * @param rate commands per second of each active player
 * @param moveShare the share of players' commands that are moves (the rest: 2/3 look, 1/3 say)
 * @param staff Developers evaluating {@code java} once a second each
 * @param runaway whether one more Developer runs {@code while (true) { }}
 * @param async Developers each starting one 10-second CPU-heavy {@code runAsync} job
 * @param warmupSeconds how long the mix runs before it is counted
 * @param seconds how long the mix is counted
 * @param graceSeconds how long, after the mix, answers still due are waited for before they count
 *     as unanswered
 * @param rooms rooms the players are spread over (each with a side room)
 */
public record LoadOptions(String host, int port, String admin, int sessions, int active, double rate,
                          double moveShare, int staff, boolean runaway, int async, int warmupSeconds, int seconds,
                          int graceSeconds, int rooms) {

    /** The options the command line spells, with what each means. */
    public static final String USAGE = """
            Usage: LoadClient --port N --admin name:password [options]
              --host H       the server's address (default 127.0.0.1)
              --sessions N   player sessions to open and log in (default 1000)
              --active N     how many of them type commands (default 200)
              --rate R       commands per second of each active player (default 2)
              --moves F      the share of their commands that are moves, 0 to 1 (default 0.1)
              --staff N      Developers evaluating java once a second each (default 0)
              --runaway      one more Developer runs java while (true) { }
              --async N      N more Developers each start a 10-second CPU-heavy runAsync job (default 0)
              --warmup S     seconds of the mix before it is counted (default 10)
              --seconds S    seconds of the mix that are counted (default 60)
              --grace S      seconds to wait afterwards for answers still due (default 10)
              --rooms N      rooms the players are spread over (default: one per 20 sessions)""";

    private static final List<String> KNOWN = List.of("host", "port", "admin", "sessions", "active", "rate", "moves",
            "staff", "runaway", "async", "warmup", "seconds", "grace", "rooms");

    public LoadOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(admin, "admin");
        if (!admin.contains(":")) {
            throw new IllegalArgumentException("--admin must be name:password, got '" + admin + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 1 to 65535, got " + port);
        }
        if (sessions < 0 || active < 0 || staff < 0 || async < 0 || warmupSeconds < 0 || graceSeconds < 0 || seconds < 1
                || rooms < 1) {
            throw new IllegalArgumentException("counts must not be negative, --seconds and --rooms at least 1");
        }
        if (!(rate > 0) || rate > 1_000) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 1000 commands/s, got " + rate);
        }
        if (!(moveShare >= 0 && moveShare <= 1)) {
            throw new IllegalArgumentException("--moves must be 0 to 1, got " + moveShare);
        }
        active = Math.min(active, sessions);
    }

    /** The admin account's name. */
    public String adminName() {
        return admin.substring(0, admin.indexOf(':'));
    }

    /** The admin account's password. */
    public String adminPassword() {
        return admin.substring(admin.indexOf(':') + 1);
    }

    /** Developers the run logs in besides the players. */
    public int developers() {
        return staff + (runaway ? 1 : 0) + async;
    }

    /**
     * Reads {@code --name value} pairs (and the flag {@code --runaway}).
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing or not a number
     */
    public static LoadOptions parse(String... args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name == null || !KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            if (name.equals("runaway")) {
                opts.put(name, "true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            } else {
                opts.put(name, args[++i]);
            }
        }
        if (!opts.containsKey("port") || !opts.containsKey("admin")) {
            throw new IllegalArgumentException("--port and --admin are required");
        }
        int sessions = integer(opts, "sessions", 1000);
        return new LoadOptions(opts.getOrDefault("host", "127.0.0.1"), integer(opts, "port", 0), opts.get("admin"),
                sessions, integer(opts, "active", 200), decimal(opts, "rate", 2), decimal(opts, "moves", 0.1),
                integer(opts, "staff", 0), opts.containsKey("runaway"), integer(opts, "async", 0),
                integer(opts, "warmup", 10), integer(opts, "seconds", 60), integer(opts, "grace", 10),
                integer(opts, "rooms", Math.max(1, sessions / 20)));
    }

    private static int integer(Map<String, String> opts, String name, int dflt) {
        String v = opts.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    private static double decimal(Map<String, String> opts, String name, double dflt) {
        String v = opts.get(name);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }
}
