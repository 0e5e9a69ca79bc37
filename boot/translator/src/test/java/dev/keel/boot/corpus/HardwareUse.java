package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;
import dev.keel.hw.x86.ControlRegisters;
import dev.keel.hw.x86.Cpu;
import dev.keel.hw.x86.Msr;
import dev.keel.hw.x86.PhysicalMemory;
import dev.keel.hw.x86.Ports;

/**
 * Uses every hardware intrinsic once (for the freestanding compile test). Not in the
 * differential corpus: on the JVM the intrinsic classes are test doubles.
 */
public final class HardwareUse {

    private HardwareUse() {
    }

    public static void run(long[] in) {
        Ports.outb(0x3f8, 'k');
        Ports.outw(0x80, 1);
        Ports.outl(0xcf8, 0x80000000);
        int v = Ports.inb(0x3fd) + Ports.inw(0x80) + Ports.inl(0xcfc);
        long cr = ControlRegisters.readCr0() ^ ControlRegisters.readCr2() ^ ControlRegisters.readCr3()
                ^ ControlRegisters.readCr4();
        ControlRegisters.writeCr0(cr | 1);
        ControlRegisters.writeCr3(0x1000);
        ControlRegisters.writeCr4(cr & 0x20);
        ControlRegisters.invlpg(0x400000L);
        Msr.write(0xc0000080, Msr.read(0xc0000080) | 0x100);
        Cpu.cli();
        Cpu.sti();
        Cpu.pause();
        long t = Cpu.rdtsc();
        PhysicalMemory.store8(0x1000, v);
        PhysicalMemory.store16(0x1002, v);
        PhysicalMemory.store32(0x1004, v);
        PhysicalMemory.store64(0x1008, t);
        long sum = PhysicalMemory.load8(0x1000) + PhysicalMemory.load16(0x1002) + PhysicalMemory.load32(0x1004)
                + PhysicalMemory.load64(0x1008);
        Console.print(sum != 0);
        if (in.length > 0 && in[0] == 99) {
            Cpu.hlt();
        }
    }
}
