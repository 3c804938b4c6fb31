package dev.cantrip.server;

/** Starts the Cantrip host game server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
    }
}
