package dev.keel.user;

import dev.keel.hw.x86.Syscall;
import dev.keel.kernel.abi.Syscalls;

/** The server side: receives ping's three messages, then answers each call with a reply. */
public final class Pong {

    static final int PORT = 2;
    static final long EXIT_STATUS = 9;

    private static final long BUF = Sys.SCRATCH;

    private Pong() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        if (Sys.mapScratch() < 0) {
            return 1;
        }
        for (int i = 0; i < Ping.SENDS; i++) {
            long len = Sys.call(Syscalls.RECEIVE, PORT, BUF, 64);
            if (len < 0) {
                return 2;
            }
            long label = Sys.result(2);
            Sys.line("pong: received \"");
            Sys.printBytes(BUF, len);
            Sys.print("\" label ");
            Sys.num(label);
            Sys.end();
        }
        long len = Sys.call(Syscalls.RECEIVE, PORT, BUF, 64);
        if (len < 0) {
            return 3;
        }
        Sys.line("pong: call received: \"");
        Sys.printBytes(BUF, len);
        Sys.print("\", replying\n");
        int n = Sys.put(BUF, "pong here");
        if (Syscall.invoke(Syscalls.REPLY, 201, BUF, n, 0, 0, 0) < 0) {
            return 4;
        }
        for (int i = 0; i < Ping.ROUNDS; i++) {
            if (Sys.call(Syscalls.RECEIVE, PORT, BUF, 8) < 0
                    || Syscall.invoke(Syscalls.REPLY, 301, BUF, 8, 0, 0, 0) < 0) {
                return 5;
            }
        }
        return EXIT_STATUS;
    }
}
