package org.yekuo.workflow.internal;

import java.time.Clock;
import java.time.Duration;

import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RepositoryService;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.yekuo.shared.Sampled;

/**
 * The engine as operations see it: ready when it answers and its process definitions are deployed, with its
 * job backlog (async jobs due, timers due, jobs that ran out of retries) in the health details and as gauges.
 * A dead-letter job is an order stuck until someone looks, so it shows, but it does not take the node out
 * of service: another order's work still runs.
 */
@Component("workflowEngineHealthIndicator")
class EngineHealth implements HealthIndicator, MeterBinder {

    private final RepositoryService repository;
    private final Sampled<Backlog> backlog;
    private final ProcessEngine engine;

    EngineHealth(ProcessEngine engine, RepositoryService repository, ManagementService management, Clock clock) {
        this.repository = repository;
        this.engine = engine;
        this.backlog = new Sampled<>(() -> new Backlog(management.createJobQuery().count(),
                management.createTimerJobQuery().executable().count(), management.createDeadLetterJobQuery().count()),
                Duration.ofSeconds(10), clock);
    }

    record Backlog(long asyncDue, long timersDue, long deadLetters) {
    }

    @Override
    public Health health() {
        long definitions = repository.createProcessDefinitionQuery().latestVersion().count();
        Backlog jobs = backlog.get();
        AsyncExecutor asyncExecutor = engine.getProcessEngineConfiguration().getAsyncExecutor();
        Health.Builder health = definitions > 0 ? Health.up() : Health.down().withDetail("reason", "no process definitions deployed");
        return health.withDetail("processDefinitions", definitions)
                .withDetail("asyncExecutorActive", asyncExecutor != null && asyncExecutor.isActive())
                .withDetail("asyncJobsDue", jobs.asyncDue())
                .withDetail("timerJobsDue", jobs.timersDue())
                .withDetail("deadLetterJobs", jobs.deadLetters())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("yekuo.engine.jobs", backlog, b -> b.get().asyncDue()).tag("kind", "async")
                .description("Engine jobs due and waiting for the executor").register(registry);
        Gauge.builder("yekuo.engine.jobs", backlog, b -> b.get().timersDue()).tag("kind", "timer")
                .description("Engine jobs due and waiting for the executor").register(registry);
        Gauge.builder("yekuo.engine.jobs", backlog, b -> b.get().deadLetters()).tag("kind", "dead-letter")
                .description("Engine jobs due and waiting for the executor").register(registry);
    }
}
