package dev.twilioconnector.sample.ops;

import org.flowable.spring.boot.process.Process;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that run the process engine's async jobs (async SEND_SMS tasks, timers). Spring Boot's
 * default executor queues without bound, so one node could lock every due job and sit on it while
 * other nodes idle; with a bounded queue a node takes only what it can run soon, and jobs it cannot
 * queue are left to the others.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessJobThreads {

    @Bean
    @Process
    ThreadPoolTaskExecutor processTaskExecutor(@Value("${sample.jobs.threads:8}") int threads,
                                               @Value("${sample.jobs.queue-capacity:16}") int queueCapacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queueCapacity);
        executor.setThreadNamePrefix("flowable-job-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
        return executor;
    }
}
