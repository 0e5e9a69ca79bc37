package dev.keel.proofs.raw;

import java.util.List;

/**
 * What counts as raw access to the machine, and who may do it. Names are internal class names
 * ({@code dev/keel/hw/x86/Ports}).
 *
 * <p>Raw access is any use of:
 * <ul>
 *   <li>a class of {@code dev.keel.hw.x86} (or below): the intrinsics the translator turns into
 *       single instructions: physical memory peek and poke, port I/O, control registers, MSRs,
 *       interrupt flag, system call instruction;</li>
 *   <li>a {@code native} method declared outside that package: a new way out to C;</li>
 *   <li>the JVM's own raw paths, which a hosted build would honour: {@code sun.misc.Unsafe},
 *       {@code jdk.internal}, {@code java.lang.foreign}, direct and mapped NIO buffers, loading
 *       a native library;</li>
 *   <li>reflection and method-handle lookup, which reach any of the above without naming it.</li>
 * </ul>
 * Allowed callers: the hardware layer {@code dev.keel.hw..}, the x86 machine adapters
 * {@code dev.keel.boot.x86..}, and the user programs' runtime {@code dev.keel.user.Sys}. The kernel
 * {@code dev.keel.kernel..} and every other class may not.
 */
final class RawAccessPolicy {

    static final String INTRINSICS = "dev/keel/hw/x86/";

    private static final List<String> ALLOWED_PACKAGES = List.of("dev/keel/hw/", "dev/keel/boot/x86/");
    private static final List<String> ALLOWED_CLASSES = List.of("dev/keel/user/Sys");

    /** Packages whose every member is raw (prefixes of internal names). */
    private static final List<String> RAW_PACKAGES = List.of(INTRINSICS, "jdk/internal/", "java/lang/foreign/",
            "java/lang/reflect/");

    /** Classes whose every member is raw. */
    private static final List<String> RAW_CLASSES = List.of("sun/misc/Unsafe", "java/nio/MappedByteBuffer");

    /** Single members that are raw: owner.name. */
    private static final List<String> RAW_MEMBERS = List.of(
            "java/nio/ByteBuffer.allocateDirect",
            "java/nio/channels/FileChannel.map",
            "java/lang/System.load", "java/lang/System.loadLibrary",
            "java/lang/Runtime.load", "java/lang/Runtime.loadLibrary",
            "java/lang/Class.forName", "java/lang/Class.getMethod", "java/lang/Class.getMethods",
            "java/lang/Class.getDeclaredMethod", "java/lang/Class.getDeclaredMethods",
            "java/lang/Class.getField", "java/lang/Class.getFields",
            "java/lang/Class.getDeclaredField", "java/lang/Class.getDeclaredFields",
            "java/lang/Class.getConstructor", "java/lang/Class.getDeclaredConstructor",
            "java/lang/invoke/MethodHandles.privateLookupIn",
            "java/lang/invoke/MethodHandles$Lookup.findStatic", "java/lang/invoke/MethodHandles$Lookup.findVirtual",
            "java/lang/invoke/MethodHandles$Lookup.findSpecial", "java/lang/invoke/MethodHandles$Lookup.findGetter",
            "java/lang/invoke/MethodHandles$Lookup.findSetter", "java/lang/invoke/MethodHandles$Lookup.findStaticGetter",
            "java/lang/invoke/MethodHandles$Lookup.findStaticSetter", "java/lang/invoke/MethodHandles$Lookup.findVarHandle",
            "java/lang/invoke/MethodHandles$Lookup.findStaticVarHandle",
            "java/lang/invoke/MethodHandles$Lookup.findConstructor");

    private RawAccessPolicy() {
    }

    /** True when code of class {@code caller} may use raw access. */
    static boolean allowed(String caller) {
        for (String p : ALLOWED_PACKAGES) {
            if (caller.startsWith(p)) {
                return true;
            }
        }
        for (String c : ALLOWED_CLASSES) {
            if (caller.equals(c) || caller.startsWith(c + "$")) {
                return true;
            }
        }
        return false;
    }

    /** True when every use of class {@code owner} is raw. */
    static boolean rawClass(String owner) {
        String o = elementType(owner);
        for (String p : RAW_PACKAGES) {
            if (o.startsWith(p)) {
                return true;
            }
        }
        return RAW_CLASSES.contains(o);
    }

    /** True when member {@code name} of {@code owner} is raw (its class, or the member itself). */
    static boolean rawMember(String owner, String name) {
        return rawClass(owner) || RAW_MEMBERS.contains(elementType(owner) + "." + name);
    }

    /** True when a class in this package may declare native methods: the intrinsic declarations. */
    static boolean mayDeclareNative(String cls) {
        return cls.startsWith(INTRINSICS);
    }

    /** The element class of an array type name ({@code [Ldev/keel/X;} is {@code dev/keel/X}). */
    private static String elementType(String owner) {
        String o = owner;
        while (o.startsWith("[")) {
            o = o.substring(1);
        }
        if (o.startsWith("L") && o.endsWith(";")) {
            o = o.substring(1, o.length() - 1);
        }
        return o;
    }
}
