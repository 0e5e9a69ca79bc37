package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.tla.ValueParser;
import dev.keel.modeltests.trace.Differ;
import dev.keel.modeltests.trace.TlcOutput;

/** TLA+ values as TLC prints them: parsing, canonical equality, rendering, differences. */
class ValueTest {

    @Test
    void parsesWhatTlcPrints() {
        Value v = ValueParser.parse("( p1 :>\n  << [ type |-> \"Memory\",\n obj |-> mem, rights |-> {\"write\", \"grant\"},"
            + " badge |-> 0 ], [type |-> \"None\", obj |-> \"None\", rights |-> {}, badge |-> -1] >> )");
        Value slot1 = v.apply(Value.model("p1")).at(1);
        assertEquals(Value.str("Memory"), slot1.get("type"));
        assertEquals(Value.model("mem"), slot1.get("obj"));
        assertEquals(Value.set(Value.str("grant"), Value.str("write")), slot1.get("rights"));
        assertEquals(Value.of(-1), v.apply(Value.model("p1")).at(2).get("badge"));
    }

    @Test
    void aTupleIsAFunctionOnOneToN() {
        Value tuple = ValueParser.parse("<<\"a\", \"b\">>");
        Value fn = ValueParser.parse("(1 :> \"a\" @@ 2 :> \"b\")");
        assertEquals(tuple, fn);
        assertNotEquals(tuple, ValueParser.parse("<<\"b\", \"a\">>"));
        assertEquals(Value.set(Value.of(2), Value.of(1)), ValueParser.parse("{1, 2}"));
    }

    @Test
    void rendersBackToTheSameValue() {
        for (String s : List.of("[a |-> {1, 2}, b |-> <<TRUE, \"x\\\"y\">>]", "(<<p1, 1>> :> <<\"none\", 0>> @@ <<p2, 2>> :> <<p1, 1>>)",
                "{}", "<<>>", "(2 :> <<\"rt\">>)")) {
            Value v = ValueParser.parse(s);
            assertEquals(v, ValueParser.parse(v.tla()), s);
        }
    }

    @Test
    void readsTheMembersOfASetAndTheItemsOfATuple() {
        assertEquals(List.of(Value.of(1), Value.of(2)), List.copyOf(ValueParser.parse("{2, 1}").members()));
        assertEquals(List.of(Value.str("b"), Value.str("a")), ValueParser.parse("<<\"b\", \"a\">>").items());
        assertEquals(List.of(), ValueParser.parse("<<>>").items());
        assertThrows(IllegalArgumentException.class, () -> ValueParser.parse("<<1>>").members());
    }

    @Test
    void rejectsTrailingText() {
        assertThrows(IllegalArgumentException.class, () -> ValueParser.parse("{1, 2} 3"));
        assertThrows(IllegalArgumentException.class, () -> ValueParser.parse("[a |-> 1"));
    }

    @Test
    void differNamesTheEntry() {
        Value spec = ValueParser.parse("[rt |-> \"running\", a |-> \"ready\"]");
        Value kernel = ValueParser.parse("[rt |-> \"ready\", a |-> \"ready\"]");
        assertTrue(Differ.describe(spec, kernel).contains("spec [a |-> \"ready\", rt |-> \"running\"]"));
        Value f1 = ValueParser.parse("(p1 :> 1 @@ p2 :> 2)");
        Value f2 = ValueParser.parse("(p1 :> 1 @@ p2 :> 3)");
        assertTrue(Differ.describe(f1, f2).contains("[p2]: spec 2, kernel 3"), Differ.describe(f1, f2));
    }

    @Test
    void readsErrorTraceStatesAndSimulationFiles() {
        String out = "Error: Invariant Conforms is violated.\nError: The behavior up to this point is:\n"
            + "State 1: <Initial predicate>\n/\\ t = 3\n/\\ i = 1\n\nState 2: <Stuck line 1>\n/\\ t = 3\n/\\ i = 1\n"
            + "/\\ q = <<1,\n  2>>\n\n";
        List<TlcOutput.Violation> vs = TlcOutput.violations(out);
        assertEquals(1, vs.size());
        assertEquals("Conforms", vs.get(0).invariant());
        assertEquals(ValueParser.parse("<<1, 2>>"), vs.get(0).last().vars().get("q"));
        String sim = "---- MODULE tr ----\nSTATE_1 == \n/\\ x = 0\n\n\nSTATE_2 == \n/\\ x = 1\n\n\n====\n";
        List<TlcOutput.State> states = TlcOutput.states(sim);
        assertEquals(2, states.size());
        assertEquals(Value.of(1), states.get(1).vars().get("x"));
    }
}
