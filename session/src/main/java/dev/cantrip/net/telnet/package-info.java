/**
 * The telnet layer of a connection's netty pipeline (RFC 854/855, 857 ECHO, 1073 NAWS).
 *
 * <p>{@link dev.cantrip.net.telnet.TelnetPipeline#install} puts three handlers in front of the
 * server's own handler. Inbound, that handler then sees only {@link
 * dev.cantrip.net.telnet.TelnetEvent}s: whole lines of UTF-8 text, notices of over-long lines and
 * window sizes. Telnet commands are answered here and never reach it. Outbound, it writes {@link
 * dev.cantrip.net.telnet.TelnetOutput}s or plain {@code String}s, which are turned into network
 * virtual terminal bytes (CR LF line ends, IAC doubled).
 */
package dev.cantrip.net.telnet;
