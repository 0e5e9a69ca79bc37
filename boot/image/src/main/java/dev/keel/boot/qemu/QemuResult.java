package dev.keel.boot.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one QEMU run produced.
 *
 * @param exitCode QEMU's process exit status, or -1 when the harness killed QEMU (timeout or marker).
 *                 A guest that writes {@code v} to the isa-debug-exit port makes QEMU exit with
 *                 {@code (v << 1) | 1}; a plain shutdown or a triple fault under {@code -no-reboot}
 *                 exits with 0; QEMU's own errors (bad option, missing file) exit with 1.
 * @param timedOut true when the guest did not stop QEMU before the timeout and the harness killed it
 * @param stoppedAtMarker true when the harness stopped QEMU because the serial output showed the
 *                 {@link Qemu#until} marker
 * @param serial   everything the guest wrote to COM1, decoded as ISO-8859-1 (bytes map 1:1 to chars)
 * @param qemuOutput QEMU's own stdout and stderr (its error messages), usually empty
 * @param elapsed  wall-clock time of the run
 * @param command  the exact command line that was run
 * @param serialLog the file that holds the serial transcript
 */
public record QemuResult(int exitCode, boolean timedOut, boolean stoppedAtMarker, String serial, String qemuOutput,
                         Duration elapsed, List<String> command, Path serialLog) {

    /**
     * The value the guest wrote to isa-debug-exit, if the exit status has that form.
     * Status 1 is left out: it is also what QEMU returns for its own errors.
     */
    public OptionalInt debugExitValue() {
        if (timedOut || stoppedAtMarker || exitCode <= 1 || (exitCode & 1) == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(exitCode >> 1);
    }

    /** The serial transcript split into lines, carriage returns removed. */
    public List<String> serialLines() {
        return serial.replace("\r", "").lines().toList();
    }

    /**
     * A multi-line account of the run for assertion messages: command, outcome, QEMU's own
     * messages, and the whole serial log.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("command: ").append(String.join(" ", command)).append('\n');
        sb.append("outcome: ");
        if (timedOut) {
            sb.append("TIMEOUT after ").append(elapsed.toMillis()).append(" ms (QEMU killed)");
        } else if (stoppedAtMarker) {
            sb.append("marker seen after ").append(elapsed.toMillis()).append(" ms (QEMU stopped)");
        } else {
            sb.append("exit status ").append(exitCode);
            debugExitValue().ifPresent(v -> sb.append(" (isa-debug-exit value 0x")
                    .append(Integer.toHexString(v)).append(')'));
            sb.append(" after ").append(elapsed.toMillis()).append(" ms");
        }
        sb.append('\n');
        if (!qemuOutput.isBlank()) {
            sb.append("qemu said:\n").append(qemuOutput.strip()).append('\n');
        }
        sb.append("serial log (").append(serialLog).append("):\n");
        sb.append(serial.isEmpty() ? "<empty>\n" : serial.replace("\r", ""));
        if (!serial.endsWith("\n")) {
            sb.append('\n');
        }
        return sb.toString();
    }
}
