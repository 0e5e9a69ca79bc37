package dev.keel.boot.translate;

/** Programs outside the kernel Java subset, one rule each (for SubsetCheckerTest). */
final class OutsideSubset {

    static int counter;
    private static final Object LOCK = new Object();

    private OutsideSubset() {
    }

    static void floating() {
        double d = counter * 1.5;
        counter = (int) d;
    }

    static void offsetProbe() {
        long x = 5;
        double d = x;
        counter = (int) d;
    }

    static void catching() {
        try {
            counter = 10 / counter;
        } catch (ArithmeticException e) {
            counter = 0;
        }
    }

    static void locking() {
        synchronized (LOCK) {
            counter++;
        }
    }

    static void concatenating() {
        String s = "n=" + counter;
        counter = s.length();
    }

    static void concatenatingAnObject() {
        Object o = LOCK;
        String s = "lock " + o;
        counter = s.length();
    }

    static void jdkCall() {
        counter = Integer.parseInt("12");
    }

    static void jdkField() {
        System.out.flush();
    }

    static void jdkObject() {
        StringBuilder b = new StringBuilder();
        counter = b.length();
    }

    static void classLiteral() {
        counter = OutsideSubset.class.hashCode();
    }

    static void nonAscii() {
        Console.print("caf\u00e9");
    }

    static native void missing();

    static void callsNative() {
        missing();
    }

    static synchronized void synchronizedMethod() {
        counter++;
    }

    static final class WithEquals {
        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    static void comparesWithEquals() {
        org.junit.jupiter.api.Assertions.assertEquals(new WithEquals(), new WithEquals());
    }

    static void everything() {
        floating();
        catching();
        locking();
        concatenating();
        jdkCall();
        classLiteral();
    }
}
