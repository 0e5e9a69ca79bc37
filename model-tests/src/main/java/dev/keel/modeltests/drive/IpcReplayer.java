package dev.keel.modeltests.drive;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Replays actions of spec/Ipc.tla, as TLC chose them, on the kernel's IPC system calls through
 * {@link IpcDriver} (its conventions for slots, badges and transferred capabilities). An action
 * the spec enables must succeed; a failing action of the spec must be refused with its error:
 * TrySendFails and TryReceiveFails with WOULD_BLOCK (the spec's FULL and EMPTY), CallFails with
 * DEADLOCK.
 */
public final class IpcReplayer {

    /** What one replayed action did: the kernel's result, the one it should have, and the mapped state. */
    public record Result(int code, int expected, Map<String, Value> state) {
        public boolean asExpected() {
            return code == expected;
        }
    }

    private final IpcDriver driver;
    private final List<String> threads;
    private final List<String> ports;

    public IpcReplayer(List<String> threads, List<String> ports, int initPorts, Value initCaps, int queueLen,
            int maxSends) {
        this.threads = List.copyOf(threads);
        this.ports = List.copyOf(ports);
        driver = new IpcDriver(threads, ports, initPorts, initCaps, queueLen, maxSends);
        driver.replaying();
    }

    public Map<String, Value> state() {
        return driver.state();
    }

    /** Runs {@code act} = <<name, args...>>; a send's are the thread, port, send capability and transfer. */
    public Result apply(Value act) {
        String name = ((Value.Str) act.at(1)).s;
        int t = index(threads, act.at(2));
        IpcOp op;
        int expected = Errors.OK;
        switch (name) {
            case "PortCreate": op = new IpcOp.PortCreate(t); break;
            case "Send": op = send(act, t, IpcOp.SEND); break;
            case "TrySend": op = send(act, t, IpcOp.TRY_SEND); break;
            case "Call": op = send(act, t, IpcOp.CALL); break;
            case "Receive": op = new IpcOp.Receive(t, index(ports, act.at(3)), true); break;
            case "TryReceive": op = new IpcOp.Receive(t, index(ports, act.at(3)), false); break;
            case "Reply": op = new IpcOp.Reply(t); break;
            case "TrySendFails":
                op = new IpcOp.Send(t, index(ports, act.at(3)), IpcOp.TRY_SEND, -1, 0, false);
                expected = Errors.WOULD_BLOCK;
                break;
            case "TryReceiveFails":
                op = new IpcOp.Receive(t, index(ports, act.at(3)), false);
                expected = Errors.WOULD_BLOCK;
                break;
            case "CallFails":
                op = new IpcOp.Send(t, index(ports, act.at(3)), IpcOp.CALL, -1, 0, false);
                expected = Errors.DEADLOCK;
                break;
            default: throw new IllegalArgumentException("unknown action " + act.tla());
        }
        Step s = driver.apply(op);
        return new Result(s == null ? Errors.BAD_ARGUMENT : s.code(), expected, driver.state());
    }

    private IpcOp send(Value act, int t, int kind) {
        Value c = act.at(4);
        Value x = act.at(5);
        Value port = x.get("port");
        int xport = ports.contains(((Value.Str) port).s) ? index(ports, port) : -1;
        return new IpcOp.Send(t, index(ports, act.at(3)), kind, bits(c.get("rights")), badge(c), xport,
            bits(x.get("rights")), badge(x), false);
    }

    private static int bits(Value rights) {
        Set<Value> r = rights.members();
        return (r.contains(Value.str("write")) ? IpcOp.W : 0) | (r.contains(Value.str("grant")) ? IpcOp.G : 0)
            | (r.contains(Value.str("read")) ? IpcOp.R : 0);
    }

    private static long badge(Value capOrXfer) {
        return ((Value.Int) capOrXfer.get("badge")).n;
    }

    private static int index(List<String> names, Value v) {
        int i = names.indexOf(((Value.Str) v).s);
        if (i < 0) {
            throw new IllegalArgumentException("not in the model: " + v.tla());
        }
        return i;
    }
}
