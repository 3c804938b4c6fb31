package dev.cantrip.net.telnet;

/** The byte values of the telnet protocol that this package speaks or recognises. */
final class Telnet {
    private Telnet() {}

    // Commands (RFC 854). Each follows IAC.
    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int GA = 249;
    static final int EL = 248;
    static final int EC = 247;
    static final int AYT = 246;
    static final int AO = 245;
    static final int IP = 244;
    static final int BRK = 243;
    static final int DM = 242;
    static final int NOP = 241;
    static final int SE = 240;

    // Options.
    static final int ECHO = 1; // RFC 857
    static final int SGA = 3; // RFC 858
    static final int NAWS = 31; // RFC 1073

    // Data bytes with a meaning in the network virtual terminal.
    static final int NUL = 0x00;
    static final int BS = 0x08;
    static final int TAB = 0x09;
    static final int LF = 0x0A;
    static final int CR = 0x0D;
    static final int DEL = 0x7F;
}
