package dev.cantrip.server;

import dev.cantrip.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Starts the Cantrip server: {@code scripts/run [options]}; {@code --help} lists them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(ConfigLoader.USAGE);
            return;
        }
        ServerConfig config;
        CantripServer server;
        try {
            config = ConfigLoader.load(List.of(args));
            Logging.configure(config.dataDir());
            server = CantripServer.start(config, System.getenv(FirstAdmin.ENV), System.console(), out);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run scripts/run --help for the options.");
            System.exit(2);
            return;
        } catch (StoreException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("error: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CantripServer running = server;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("cantrip-shutdown-hook").unstarted(
                () -> running.stop("The server is shutting down. Goodbye.")));
        running.awaitStop();
    }
}
