package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Inheritance and virtual dispatch: abstract methods, overrides, super calls, shadowed fields. */
public final class Dispatch {

    private Dispatch() {
    }

    abstract static class Shape {
        int tag = 1;

        abstract long area();

        int sides() {
            return 0;
        }

        String name() {
            return "shape";
        }
    }

    static class Rect extends Shape {
        final long w;
        final long h;
        int tag = 2; // shadows Shape.tag

        Rect(long w, long h) {
            this.w = w;
            this.h = h;
        }

        @Override
        long area() {
            return w * h;
        }

        @Override
        int sides() {
            return 4;
        }

        @Override
        String name() {
            return "rect";
        }
    }

    static final class Square extends Rect {
        Square(long s) {
            super(s, s);
        }

        @Override
        String name() {
            return "square";
        }

        @Override
        int sides() {
            return super.sides() + 0;
        }

        int tags() {
            return tag * 10 + ((Shape) this).tag;
        }
    }

    static final class Tri extends Shape {
        final long b;
        final long h;

        Tri(long b, long h) {
            this.b = b;
            this.h = h;
        }

        @Override
        long area() {
            return b * h / 2;
        }

        @Override
        int sides() {
            return 3;
        }
    }

    public static void run(long[] in) {
        Shape[] shapes = {new Rect(3, 4), new Square(5), new Tri(6, 7), new Rect(-1, 8)};
        long sum = 0;
        for (int i = 0; i < shapes.length; i++) {
            Shape s = shapes[i];
            Console.print(s.name());
            Console.print(" ");
            Console.print(s.area());
            Console.print(" ");
            Console.print(s.sides());
            Console.print(" ");
            Console.print(s.tag);
            Console.println();
            sum += s.area();
        }
        Console.print(((Square) shapes[1]).tags());
        Console.print(" ");
        Console.print(sum);
        Console.println();
        for (long v : in) {
            Shape s = (v & 3) == 0 ? new Rect(v, 3) : (v & 3) == 1 ? new Square(v) : new Tri(v, v >> 1);
            Console.print(s.area());
            Console.print(" ");
            Console.print(s instanceof Rect);
            Console.print(s instanceof Square);
            Console.print(s instanceof Tri);
            Console.println();
        }
    }
}
