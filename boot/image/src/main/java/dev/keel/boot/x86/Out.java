package dev.keel.boot.x86;

import dev.keel.hw.Serial;

/** Boot messages on the serial line: text, decimal and hexadecimal numbers. */
final class Out {

    private Out() {
    }

    static void print(Serial s, String text) {
        for (int i = 0; i < text.length(); i++) {
            s.write(text.charAt(i));
        }
    }

    static void dec(Serial s, long v) {
        if (v < 0) {
            s.write('-');
            if (v == Long.MIN_VALUE) {
                print(s, "9223372036854775808");
                return;
            }
            v = -v;
        }
        long div = 1;
        while (v / div >= 10) {
            div = div * 10;
        }
        for (; div > 0; div = div / 10) {
            s.write((int) ('0' + v / div % 10));
        }
    }

    static void hex(Serial s, long v) {
        print(s, "0x");
        for (int shift = 60; shift >= 0; shift -= 4) {
            int d = (int) ((v >>> shift) & 15);
            s.write(d < 10 ? '0' + d : 'a' + d - 10);
        }
    }
}
