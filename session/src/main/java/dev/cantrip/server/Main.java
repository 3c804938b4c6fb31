package dev.cantrip.server;

import dev.cantrip.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Starts the Cantrip server: {@code scripts/run [options]}; {@code --help} lists them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(ConfigLoader.USAGE);
            return;
        }
        // Before anything starts: out of memory on any thread but a snippet's ends the process (status
        // FatalErrors.EXIT_STATUS) after at most this long trying to stop cleanly.
        FatalErrors.install(Duration.ofSeconds(5));
        // The hook is in place before anything starts, so a Ctrl-C at any moment stops cleanly:
        // during start-up it waits for the start to finish, then stops what was started.
        AtomicReference<CantripServer> started = new AtomicReference<>();
        CountDownLatch startFinished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("cantrip-shutdown-hook").unstarted(() -> {
            try {
                startFinished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            CantripServer server = started.get();
            if (server != null) {
                server.stop("The server is shutting down. Goodbye.");
            }
        }));
        int status = 0;
        try {
            ServerConfig config = ConfigLoader.load(List.of(args));
            Logging.configure(config.dataDir());
            started.set(CantripServer.start(config, System.getenv(FirstAdmin.ENV), System.console(), out));
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage() + "\nRun scripts/run --help for the options.");
            status = 2;
        } catch (StoreException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        } catch (IOException e) {
            System.err.println("error: cannot start: " + e.getMessage());
            status = 1;
        } finally {
            // Before any exit: the hook waits for this.
            startFinished.countDown();
        }
        if (status != 0) {
            System.exit(status);
        }
        started.get().awaitStop();
    }
}
