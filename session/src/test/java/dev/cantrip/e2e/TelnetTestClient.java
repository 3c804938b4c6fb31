package dev.cantrip.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket telnet client for tests: sends lines, reads text with telnet commands removed
 * (it records them so tests can check negotiation), and waits for expected text.
 */
final class TelnetTestClient implements AutoCloseable {

    private static final int IAC = 255;
    private static final int SB = 250;
    private static final int SE = 240;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream textBytes = new ByteArrayOutputStream();
    private String text = "";
    private final ByteArrayOutputStream commands = new ByteArrayOutputStream();
    private int consumed;

    TelnetTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(100);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Waits up to 15 s for {@code expected} to appear in text not yet consumed; returns the text up
     * to and including it, and consumes it.
     */
    String expect(String expected) throws IOException {
        return expect(expected, java.time.Duration.ofSeconds(15));
    }

    /** {@link #expect(String)}, waiting up to {@code within}: for what waits on a budget on a loaded machine. */
    String expect(String expected, java.time.Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            int at = text.indexOf(expected, consumed);
            if (at >= 0) {
                String upTo = text.substring(consumed, at + expected.length());
                consumed = at + expected.length();
                return upTo;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never received '" + expected + "'; got:\n" + text.substring(consumed));
            }
            if (!readSome()) {
                throw new AssertionError("connection closed before '" + expected + "'; got:\n"
                        + text.substring(consumed));
            }
        }
    }

    /**
     * Waits up to 15 s for {@code expected} anywhere in what was received so far or arrives, without
     * consuming anything (for output from other players that interleaves with one's own).
     */
    void expectAnywhere(String expected) throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!text.contains(expected)) {
            if (System.nanoTime() > deadline || !readSome()) {
                throw new AssertionError("never received '" + expected + "'");
            }
        }
    }

    /**
     * Waits up to 15 s for whichever of {@code one} and {@code other} comes first in text not yet
     * consumed; returns the text up to and including it, and consumes it.
     */
    String expectEither(String one, String other) throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            int a = text.indexOf(one, consumed);
            int b = text.indexOf(other, consumed);
            if (a >= 0 || b >= 0) {
                int end = a >= 0 && (b < 0 || a <= b) ? a + one.length() : b + other.length();
                String upTo = text.substring(consumed, end);
                consumed = end;
                return upTo;
            }
            if (System.nanoTime() > deadline || !readSome()) {
                throw new AssertionError("never received '" + one + "' or '" + other + "'; got:\n"
                        + text.substring(consumed));
            }
        }
    }

    /** Sends a line and waits for {@code expected}. */
    String say(String line, String expected) throws IOException {
        send(line);
        return expect(expected);
    }

    /** Whether the server closed the connection within 15 s (reading what remains). */
    boolean closedByServer() throws IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!readSome()) {
                return true;
            }
        }
        return false;
    }

    /** Reads what has arrived by now and consumes all of it, so the next {@link #expect} sees only newer text. */
    void skipReceived() throws IOException {
        readSome();
        consumed = text.length();
    }

    /** Telnet commands received so far, as raw bytes. */
    byte[] commandsReceived() {
        return commands.toByteArray();
    }

    /** All text received so far. */
    String transcript() {
        return text;
    }

    private int state;

    private boolean readSome() throws IOException {
        byte[] buf = new byte[4096];
        int n;
        try {
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
        if (n < 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int b = buf[i] & 0xFF;
            switch (state) {
                case 0 -> {
                    if (b == IAC) {
                        state = 1;
                    } else {
                        textBytes.write(b);
                    }
                }
                case 1 -> {
                    if (b == IAC) {
                        textBytes.write(b);
                        state = 0;
                    } else {
                        commands.write(IAC);
                        commands.write(b);
                        state = b == SB ? 3 : (b >= 251 ? 2 : 0);
                    }
                }
                case 2 -> {
                    commands.write(b);
                    state = 0;
                }
                case 3 -> {
                    commands.write(b);
                    if (b == IAC) {
                        state = 4;
                    }
                }
                default -> {
                    commands.write(b);
                    state = b == SE ? 0 : 3;
                }
            }
        }
        // Decoding everything again keeps characters split across reads whole.
        text = textBytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
