package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.Stats;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Load generators. Open loop: request {@code i} is due at {@code start + i / rate}, whatever happened to
 * the others, and is handed to a bounded pool of client threads; its latency runs from when it was due
 * (so time spent waiting for a free client thread, when the server falls behind, counts). Closed loop:
 * a fixed number of clients send back to back, for the capacity.
 */
public final class Load {

    private Load() {
    }

    public static Result openLoop(int ratePerSecond, int seconds, int threads, IntConsumer request) {
        int total = ratePerSecond * seconds;
        long periodNanos = 1_000_000_000L / ratePerSecond;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        long[] latencies = new long[total];
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong();
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            pool.execute(() -> {
                try {
                    request.accept(index);
                    long done = System.nanoTime();
                    latencies[index] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                } catch (RuntimeException e) {
                    latencies[index] = -1;
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.getMessage());
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("open-loop requests did not finish within " + (seconds + 120) + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long[] ok = java.util.Arrays.stream(latencies).filter(latency -> latency >= 0).toArray();
        double elapsed = (lastDone.get() - start) / 1e9;
        return new Result(total, ok.length, failed.get(), firstFailure.get(), ok.length / elapsed,
                Stats.percentile(ok, 50) / 1e6, Stats.percentile(ok, 99) / 1e6, Stats.percentile(ok, 100) / 1e6);
    }

    /** {@code clients} threads sending back to back for {@code seconds}; completions per second. */
    public static double closedLoop(int clients, int seconds, IntConsumer request) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        request.accept(next.getAndIncrement());
                        done.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(String.valueOf(e.getMessage()));
                    }
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " requests failed; first: " + failures.peek());
        }
        return done.get() / elapsed;
    }

    public record Result(int offered, int completed, int failed, String firstFailure, double throughput,
                         double p50Millis, double p99Millis, double maxMillis) {
    }
}
