package dev.keel.kernel.proc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ELF64 executables as byte arrays for the tests: a header, a program header table right
 * after it, then each segment's file bytes. Every field can be overridden afterwards with
 * {@link #put8} ... {@link #put64} at a header offset, to make malformed images.
 */
public final class ElfBuilder {

    public static final int HEADER = 64;
    public static final int PHDR = 56;

    private record Segment(int type, int flags, long vaddr, byte[] data, long memsz) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private long entry = -1;

    /** A PT_LOAD at {@code vaddr} holding {@code data}, {@code memsz} bytes in memory. */
    public ElfBuilder load(long vaddr, int flags, byte[] data, long memsz) {
        segments.add(new Segment(ElfImage.PT_LOAD, flags, vaddr, data, memsz));
        return this;
    }

    /** Any other program header, with no file bytes. */
    public ElfBuilder header(int type) {
        segments.add(new Segment(type, 0, 0, new byte[0], 0));
        return this;
    }

    public ElfBuilder entry(long at) {
        entry = at;
        return this;
    }

    /** The file, with the header's fields as a loader expects them. */
    public byte[] build() {
        int table = HEADER + PHDR * segments.size();
        int size = table;
        for (Segment s : segments) {
            size += s.data.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1);
        b.putLong(24, entry != -1 ? entry : segments.isEmpty() ? 0 : segments.get(0).vaddr);
        b.putLong(32, HEADER).putShort(52, (short) HEADER).putShort(54, (short) PHDR);
        b.putShort(56, (short) segments.size());
        int at = table;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            int p = HEADER + PHDR * i;
            b.putInt(p, s.type).putInt(p + 4, s.flags).putLong(p + 8, s.data.length == 0 ? 0 : at);
            b.putLong(p + 16, s.vaddr).putLong(p + 24, s.vaddr).putLong(p + 32, s.data.length);
            b.putLong(p + 40, s.memsz).putLong(p + 48, 4096);
            b.put(at, s.data);
            at += s.data.length;
        }
        return b.array();
    }

    /** An executable whose one read-write-execute segment at {@code vaddr} is {@code data}. */
    public static byte[] flat(long vaddr, byte[] data) {
        return new ElfBuilder().load(vaddr, ElfImage.PF_R | ElfImage.PF_W | ElfImage.PF_X, data, data.length)
                .build();
    }

    /** Offset of field {@code field} of program header {@code i}. */
    public static int phdr(int i, int field) {
        return HEADER + PHDR * i + field;
    }

    public static byte[] put8(byte[] f, int at, int v) {
        f[at] = (byte) v;
        return f;
    }

    public static byte[] put16(byte[] f, int at, int v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
        return f;
    }

    public static byte[] put32(byte[] f, int at, int v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return f;
    }

    public static byte[] put64(byte[] f, int at, long v) {
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
        return f;
    }
}
