package dev.twilioconnector.inbound.e2e;

import org.springframework.stereotype.Component;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process step that takes as long as a test wants ({@code ${slowStep.pass()}}): while held, the instance
 * stands between its SEND_SMS and its wait, its transaction open, the way a slow service or a busy node leaves it.
 */
@Component
public class SlowStep {

    private volatile CountDownLatch released = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);

    public void hold() {
        released = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    public void pass() throws InterruptedException {
        entered.countDown();
        if (!released.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the slow step");
        }
    }

    /** Waits until an instance stands in the step. */
    public void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no instance reached the slow step");
        }
    }

    public void release() {
        released.countDown();
    }
}
