package dev.cantrip.session;

/**
 * The transport under a {@link Session}: telnet today, WebSocket later. Every method may be called
 * from any thread and must not block.
 */
public interface Connection {

    /** Sends text followed by a line break. */
    void send(String text);

    /** Sends text with no line break, for a prompt. */
    void prompt(String text);

    /** Asks the client to stop (true) or resume (false) showing what the user types. */
    void hideInput(boolean hide);

    /** Sends {@code farewell} (if not null) and closes. */
    void close(String farewell);

    /** Whether the connection is still open. */
    boolean isOpen();

    /** The peer's address, for throttling and logs ("127.0.0.1"). */
    String remoteAddress();

    /** The protocol's name, for {@code who} and logs ("telnet"). */
    String protocol();
}
