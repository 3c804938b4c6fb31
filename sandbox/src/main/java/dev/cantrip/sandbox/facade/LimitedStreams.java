package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Streams whose elements the JDK can make without calling snippet code ({@code IntStream.range},
 * {@code Stream.generate(Math::random)}, {@code new Random().ints()}): each element passes the run's
 * budget check, so {@code LongStream.range(0, Long.MAX_VALUE).sum()} is stopped like a loop.
 */
public final class LimitedStreams {

    private LimitedStreams() {}

    // Ranges lose their known size too: toArray() on a sized stream allocates it all at once.
    public static IntStream range(int from, int to) {
        return IntStream.range(from, to).filter(LimitedStreams::pass);
    }

    public static IntStream rangeClosed(int from, int to) {
        return IntStream.rangeClosed(from, to).filter(LimitedStreams::pass);
    }

    public static LongStream range(long from, long to) {
        return LongStream.range(from, to).filter(LimitedStreams::pass);
    }

    public static LongStream rangeClosed(long from, long to) {
        return LongStream.rangeClosed(from, to).filter(LimitedStreams::pass);
    }

    private static boolean pass(long x) {
        Checkpoint.check();
        return true;
    }

    private static boolean pass(int x) {
        Checkpoint.check();
        return true;
    }

    public static IntStream iterate(int seed, IntUnaryOperator f) {
        return checked(IntStream.iterate(seed, f));
    }

    public static IntStream generate(IntSupplier s) {
        return checked(IntStream.generate(s));
    }

    public static LongStream iterate(long seed, LongUnaryOperator f) {
        return checked(LongStream.iterate(seed, f));
    }

    public static LongStream generate(LongSupplier s) {
        return checked(LongStream.generate(s));
    }

    public static DoubleStream iterate(double seed, DoubleUnaryOperator f) {
        return checked(DoubleStream.iterate(seed, f));
    }

    public static DoubleStream generate(DoubleSupplier s) {
        return checked(DoubleStream.generate(s));
    }

    public static <T> Stream<T> iterate(T seed, UnaryOperator<T> f) {
        return Stream.iterate(seed, f).peek(x -> Checkpoint.check());
    }

    public static <T> Stream<T> generate(Supplier<? extends T> s) {
        return Stream.<T>generate(s).peek(x -> Checkpoint.check());
    }

    public static IntStream ints(Random r) {
        return checked(r.ints());
    }

    public static IntStream ints(Random r, int origin, int bound) {
        return checked(r.ints(origin, bound));
    }

    public static LongStream longs(Random r) {
        return checked(r.longs());
    }

    public static LongStream longs(Random r, long origin, long bound) {
        return checked(r.longs(origin, bound));
    }

    public static DoubleStream doubles(Random r) {
        return checked(r.doubles());
    }

    public static DoubleStream doubles(Random r, double origin, double bound) {
        return checked(r.doubles(origin, bound));
    }

    public static IntStream ints(Random r, long size) {
        return checked(r.ints(size));
    }

    public static IntStream ints(Random r, long size, int origin, int bound) {
        return checked(r.ints(size, origin, bound));
    }

    public static LongStream longs(Random r, long size) {
        return checked(r.longs(size));
    }

    public static LongStream longs(Random r, long size, long origin, long bound) {
        return checked(r.longs(size, origin, bound));
    }

    public static DoubleStream doubles(Random r, long size) {
        return checked(r.doubles(size));
    }

    public static DoubleStream doubles(Random r, long size, double origin, double bound) {
        return checked(r.doubles(size, origin, bound));
    }

    public static IntStream iterate(int seed, java.util.function.IntPredicate hasNext, IntUnaryOperator next) {
        return checked(IntStream.iterate(seed, hasNext, next));
    }

    public static LongStream iterate(long seed, java.util.function.LongPredicate hasNext, LongUnaryOperator next) {
        return checked(LongStream.iterate(seed, hasNext, next));
    }

    public static DoubleStream iterate(double seed, java.util.function.DoublePredicate hasNext,
                                       DoubleUnaryOperator next) {
        return checked(DoubleStream.iterate(seed, hasNext, next));
    }

    public static <T> Stream<T> iterate(T seed, java.util.function.Predicate<? super T> hasNext,
                                        UnaryOperator<T> next) {
        return Stream.iterate(seed, hasNext, next).peek(x -> Checkpoint.check());
    }

    /**
     * {@code LocalDate.datesUntil}: up to 3.6 * 10^11 days made by the JDK alone. Each passes the
     * check, and the stream is not sized, so {@code toArray()} cannot allocate them all at once.
     */
    public static Stream<java.time.LocalDate> datesUntil(java.time.LocalDate from, java.time.LocalDate end) {
        return from.datesUntil(end).filter(x -> {
            Checkpoint.check();
            return true;
        });
    }

    public static Stream<java.time.LocalDate> datesUntil(java.time.LocalDate from, java.time.LocalDate end,
                                                        java.time.Period step) {
        return from.datesUntil(end, step).filter(x -> {
            Checkpoint.check();
            return true;
        });
    }

    private static IntStream checked(IntStream s) {
        return s.peek(x -> Checkpoint.check());
    }

    private static LongStream checked(LongStream s) {
        return s.peek(x -> Checkpoint.check());
    }

    private static DoubleStream checked(DoubleStream s) {
        return s.peek(x -> Checkpoint.check());
    }
}
