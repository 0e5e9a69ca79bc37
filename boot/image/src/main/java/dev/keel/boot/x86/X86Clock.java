package dev.keel.boot.x86;

import dev.keel.hw.Clock;
import dev.keel.hw.x86.Cpu;

/** rdtsc. */
final class X86Clock implements Clock {
    public long cycles() {
        return Cpu.rdtsc();
    }
}
