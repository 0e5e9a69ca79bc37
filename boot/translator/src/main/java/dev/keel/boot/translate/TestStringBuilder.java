package dev.keel.boot.translate;

/**
 * The translator's {@code java.lang.StringBuilder} for test code run natively (never kernel
 * code): an ASCII byte buffer. {@link ClassPool} serves this class under the JDK name when test
 * conveniences are on; on the JVM the real StringBuilder runs. Written in the kernel subset.
 */
public final class TestStringBuilder {

    private byte[] buf = new byte[16];
    private int len;

    public TestStringBuilder() {
    }

    public TestStringBuilder(String s) {
        append(s);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, len + more)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
    }

    public TestStringBuilder append(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    public TestStringBuilder append(String s) {
        String t = s == null ? "null" : s;
        ensure(t.length());
        for (int i = 0; i < t.length(); i++) {
            buf[len++] = (byte) t.charAt(i);
        }
        return this;
    }

    public TestStringBuilder append(boolean b) {
        return append(b ? "true" : "false");
    }

    public TestStringBuilder append(int v) {
        return append((long) v);
    }

    public TestStringBuilder append(long v) {
        byte[] digits = new byte[20];
        int n = 0;
        long rest = v;
        do {
            long q = rest / 10;
            digits[n++] = (byte) ('0' + Math.abs((int) (rest - q * 10)));
            rest = q;
        } while (rest != 0);
        if (v < 0) {
            append('-');
        }
        while (n > 0) {
            append((char) digits[--n]);
        }
        return this;
    }

    public int length() {
        return len;
    }

    public char charAt(int i) {
        if (i < 0 || i >= len) {
            throw new IndexOutOfBoundsException("index outside the builder");
        }
        return (char) (buf[i] & 0xff);
    }

    @Override
    public String toString() {
        return bytesToString(buf, len);
    }

    /** The first {@code n} bytes of {@code b} as a String; an intrinsic in translated code. */
    public static String bytesToString(byte[] b, int n) {
        return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
