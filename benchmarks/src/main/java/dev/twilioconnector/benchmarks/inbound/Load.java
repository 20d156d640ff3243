package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.Stats;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generators. Open loop: request {@code i} is due at {@code start + i / rate}, whatever happened to the others, and
 * is handed to a pool of client threads; its latency runs from when it was due, so waiting for a free client thread when
 * the server falls behind counts. Closed loop: a fixed number of clients send back to back, for the capacity.
 */
public final class Load {

    private Load() {
    }

    public static Result openLoop(int ratePerSecond, int seconds, int threads, Runnable request) {
        int total = ratePerSecond * seconds;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] latencies = new long[total];
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong lastDone = new AtomicLong();
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * (1_000_000_000L / ratePerSecond);
            LockSupport.parkNanos(due - System.nanoTime());
            int index = i;
            pool.execute(() -> {
                try {
                    request.run();
                    long done = System.nanoTime();
                    latencies[index] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                } catch (RuntimeException e) {
                    latencies[index] = -1;
                    failures.add(String.valueOf(e.getMessage()));
                }
            });
        }
        finish(pool, seconds);
        long[] ok = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        return new Result(total, ok.length, failures.size(), failures.peek(), ok.length / ((lastDone.get() - start) / 1e9),
                Stats.percentile(ok, 50) / 1e6, Stats.percentile(ok, 99) / 1e6, Stats.percentile(ok, 100) / 1e6);
    }

    /** {@code clients} threads sending back to back for {@code seconds}; completions per second. */
    public static double closedLoop(int clients, int seconds, Runnable request) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        LongAdder done = new LongAdder();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                    try {
                        request.run();
                        done.increment();
                    } catch (RuntimeException e) {
                        failures.add(String.valueOf(e.getMessage()));
                    }
                }
            });
        }
        finish(pool, seconds);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " requests failed; first: " + failures.peek());
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static void finish(ExecutorService pool, int seconds) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("requests did not finish within " + (seconds + 120) + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int offered, int completed, int failed, String firstFailure, double throughput,
                         double p50Millis, double p99Millis, double maxMillis) {
    }
}
