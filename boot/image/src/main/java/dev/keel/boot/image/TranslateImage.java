package dev.keel.boot.image;

import dev.keel.boot.translate.EntryPoint;
import dev.keel.boot.translate.Gcc;
import dev.keel.boot.translate.Intrinsics;
import dev.keel.boot.translate.TranslationException;
import dev.keel.boot.translate.Translator;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The image build's translation step (Maven runs it before make): the kernel from its x86-64
 * entry points ({@code dev.keel.boot.x86.KernelMain}) into {@code OUT/kernel/keel_kernel.c}, and
 * each user program {@code dev.keel.user.<Name>} into {@code OUT/user/<name>/<name>.c}, each
 * with the translator's runtime beside it.
 *
 * <p>Usage: {@code TranslateImage OUT KERNEL_CLASSPATH USER_CLASSPATH PROGRAM...} (class paths
 * {@code :}-separated).
 *
 * <p>Some intrinsics are the image's own and the translator's table does not have them: this
 * step adds them (by reflection: the table is private; each addition is a no-op once the
 * translator lists it). For the kernel, {@code dev.keel.hw.x86.Cpu.stackFault} (the trap glue's
 * keel_x86_stack_fault, for the double-fault boot test) and the bulk copies
 * {@code PhysicalMemory.read}, {@code .write} and {@code .copy} (glue_intrinsics.h). For user programs, which enter the
 * kernel with the {@code syscall} instruction, {@code dev.keel.hw.x86.Syscall.invoke} and
 * {@code .result}, {@code Cpu.ud2} and {@code Cpu.call} (C functions in user/src/main/c/keel_rt_user.c).
 */
public final class TranslateImage {

    private static final String KERNEL_MAIN = "dev.keel.boot.x86.KernelMain";

    /** Exported kernel entries: method, descriptor, C symbol. */
    private static final String[][] KERNEL_ENTRIES = {
        {"boot", "(J)I", "keel_k_boot"},
        {"syscall", "(JJJJJJJJJ)V", "keel_k_syscall"},
        {"timer", "(ZJJ)V", "keel_k_timer"},
        {"interrupt", "(IZJJ)V", "keel_k_interrupt"},
        {"pageFault", "(JZZJJ)V", "keel_k_page_fault"},
        {"fault", "(IJJ)V", "keel_k_fault"},
        {"next", "(J)I", "keel_k_next"},
        {"threadCount", "()I", "keel_k_thread_count"},
    };

    private TranslateImage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: TranslateImage OUT KERNEL_CLASSPATH USER_CLASSPATH PROGRAM...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        try {
            addIntrinsic(Intrinsics.X86 + "Cpu", "stackFault", "()V", "keel_x86_stack_fault");
            addIntrinsic(Intrinsics.X86 + "PhysicalMemory", "read", "(J[BII)V", "keel_phys_read");
            addIntrinsic(Intrinsics.X86 + "PhysicalMemory", "write", "(J[BII)V", "keel_phys_write");
            addIntrinsic(Intrinsics.X86 + "PhysicalMemory", "copy", "(JJJ)V", "keel_phys_copy");
            kernel(out.resolve("kernel"), paths(args[1]));
            addSyscallIntrinsics();
            for (int i = 3; i < args.length; i++) {
                program(out.resolve("user").resolve(args[i]), paths(args[2]), args[i]);
            }
        } catch (TranslationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static List<Path> paths(String cp) {
        List<Path> l = new ArrayList<>();
        for (String s : cp.split(":")) {
            if (!s.isEmpty()) {
                Path p = Path.of(s);
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("class path entry does not exist: " + p);
                }
                l.add(p);
            }
        }
        return l;
    }

    static void kernel(Path dir, List<Path> cp) throws IOException {
        List<EntryPoint> entries = new ArrayList<>();
        for (String[] e : KERNEL_ENTRIES) {
            entries.add(EntryPoint.of(KERNEL_MAIN, e[0], e[1], e[2]));
        }
        write(dir, "keel_kernel.c", Translator.translate(cp, entries, false));
    }

    /** A user program: class dev.keel.user.Name (from program name "name"), entry main(JJJJ)J. */
    static void program(Path dir, List<Path> cp, String name) throws IOException {
        String cls = "dev.keel.user." + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        EntryPoint main = EntryPoint.of(cls, "main", "(JJJJ)J", "keel_user_main");
        write(dir, name + ".c", Translator.translate(cp, List.of(main), false));
    }

    private static void write(Path dir, String file, String c) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(file);
        if (!Files.exists(f) || !Files.readString(f).equals(c)) {
            Files.writeString(f, c);
        }
        Gcc.writeRuntime(dir);
    }

    static void addSyscallIntrinsics() {
        String owner = Intrinsics.X86 + "Syscall";
        addIntrinsic(owner, "invoke", "(IJJJJJJ)J", "keel_x86_syscall");
        addIntrinsic(owner, "result", "(I)J", "keel_x86_syscall_result");
        addIntrinsic(Intrinsics.X86 + "Cpu", "ud2", "()V", "keel_x86_ud2");
        addIntrinsic(Intrinsics.X86 + "Cpu", "call", "(J)V", "keel_x86_call");
    }

    /** Adds one hardware intrinsic to the translator's table unless it has it already. */
    @SuppressWarnings("unchecked")
    private static void addIntrinsic(String owner, String name, String desc, String cFunction) {
        if (Intrinsics.lookup(owner, name, desc) != null) {
            return;
        }
        try {
            Field f = Intrinsics.class.getDeclaredField("TABLE");
            f.setAccessible(true);
            Map<String, Intrinsics.Entry> table = (Map<String, Intrinsics.Entry>) f.get(null);
            table.put(owner + "." + name + desc, new Intrinsics.Entry(owner, name, desc, cFunction, false, true));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot extend the translator's intrinsic table", e);
        }
    }
}
