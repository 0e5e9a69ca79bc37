package dev.keel.modeltests.trace;

import java.util.List;
import java.util.Map;

import dev.keel.modeltests.tla.Value;

/**
 * One logged kernel transition: the spec action it implements, the action's arguments in the
 * spec's terms, whether the kernel carried it out ({@code ok}) or refused it with an error code,
 * whether the arguments lie inside the model's constants, and the mapped state after it.
 * The first step of a trace is {@code Init}: the state after boot.
 */
public record Step(String action, List<Value> args, boolean ok, boolean inModel, int code,
        Map<String, Value> state) {

    public Value toRecord() {
        Object[] kv = new Object[10 + 2 * state.size()];
        int i = 0;
        kv[i++] = "ev";
        kv[i++] = Value.str(action);
        kv[i++] = "args";
        kv[i++] = Value.tuple(args);
        kv[i++] = "ok";
        kv[i++] = Value.of(ok);
        kv[i++] = "inModel";
        kv[i++] = Value.of(inModel);
        kv[i++] = "code";
        kv[i++] = Value.of(code);
        for (Map.Entry<String, Value> e : state.entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return Value.record(kv);
    }

    @Override
    public String toString() {
        return action + Value.tuple(args).tla() + (ok ? "" : " refused with " + code);
    }
}
