package dev.twilioconnector.core.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyTest {

    @Test
    void halvesOnThrottlingAndGrowsBackOnSuccess() throws InterruptedException {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(16);

        concurrency.acquire();
        concurrency.release(true);
        assertThat(concurrency.limit()).isEqualTo(8);
        concurrency.acquire();
        concurrency.release(true);
        assertThat(concurrency.limit()).isEqualTo(4);

        for (int i = 0; i < 40; i++) {
            concurrency.acquire();
            concurrency.release(false);
        }
        assertThat(concurrency.limit()).isBetween(9, 16);
    }

    @Test
    void neverDropsBelowOneNorRisesAboveTheCeiling() throws InterruptedException {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(3);
        for (int i = 0; i < 10; i++) {
            concurrency.acquire();
            concurrency.release(true);
        }
        assertThat(concurrency.limit()).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            concurrency.acquire();
            concurrency.release(false);
        }
        assertThat(concurrency.limit()).isEqualTo(3);
    }

    @Test
    void aRequestBeyondTheLimitWaitsForOneToFinish() throws Exception {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(1);
        concurrency.acquire();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                concurrency.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(second).isNotDone();
        concurrency.release(false);

        second.get(5, TimeUnit.SECONDS);
        assertThat(second).isDone();
    }
}
