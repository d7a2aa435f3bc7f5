package org.yekuo.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;
import org.flowable.task.service.delegate.DelegateTask;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The baseline: Flowable alone, in a schema of its own on the same PostgreSQL database, running the same
 * BPMN resources with the same history level and pool size. Its {@code orderProcess} bean answers the
 * skip expressions from the same planned-nodes variable and does nothing else, so the engine does the
 * same work it does under Yekuo and nothing of Yekuo's runs.
 */
final class BareEngine implements AutoCloseable {

    static final String SCHEMA = "bench_bare_engine";
    /** The stub's own variable: the reviewer roles the review module would answer for the order. */
    static final String REVIEWER_ROLES = "benchReviewerRoles";

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;

    BareEngine(BenchDatabase db, int poolSize) {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("create schema if not exists " + SCHEMA);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(db.urlWithSchema(SCHEMA));
        pool.setUsername(db.username());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(poolSize);
        dataSource = new HikariDataSource(pool);
        var configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchema(SCHEMA);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistoryLevel(HistoryLevel.AUDIT);
        configuration.setAsyncExecutorActivate(false);
        configuration.setBeans(Map.of("orderProcess", new Stub()));
        engine = configuration.buildProcessEngine();
        var deployment = engine.getRepositoryService().createDeployment().name("bench");
        try {
            for (Resource bpmn : new PathMatchingResourcePatternResolver().getResources("classpath*:/processes/*.bpmn20.xml")) {
                deployment.addInputStream(bpmn.getFilename(), bpmn.getInputStream());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        deployment.enableDuplicateFiltering().deploy();
    }

    /**
     * Runs {@code count} processes start to end on {@code threads} threads, the same mix as Yekuo's run:
     * start, then claim and complete each open task, each engine call its own transaction as in Yekuo.
     */
    long run(int count, int threads, Map<String, Lifecycle.Plan> plans) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong tasks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        Lifecycle.OrderKind kind = Lifecycle.kindOf(i);
                        Lifecycle.Plan plan = plans.get(kind.typeCode());
                        tasks.addAndGet(toEnd(1_000_000_000L + i, plan));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tasks.get();
    }

    private long toEnd(long orderId, Lifecycle.Plan plan) {
        String processKey = plan.processKey();
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderId", orderId);
        variables.put("plannedNodes", String.join(",", plan.nodes()));
        variables.put(REVIEWER_ROLES, String.join(",", plan.reviewerRoles()));
        variables.put("orgPath", "/1/6/");
        variables.put("_FLOWABLE_SKIP_EXPRESSION_ENABLED", true);
        String instance = engine.getRuntimeService().startProcessInstanceByKey(processKey, Long.toString(orderId), variables)
                .getId();
        long worked = 0;
        var taskService = engine.getTaskService();
        for (List<Task> open = taskService.createTaskQuery().processInstanceId(instance).list(); !open.isEmpty();
                open = taskService.createTaskQuery().processInstanceId(instance).list()) {
            for (Task task : open) {
                taskService.claim(task.getId(), "user");
                taskService.complete(task.getId());
                worked++;
            }
        }
        return worked;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }

    /**
     * Stands in for Yekuo's adapter: skips what the type does not plan, names the same parallel review
     * tasks the review module would (from a variable instead of a round) and lets every round pass, and
     * nothing more.
     */
    public static final class Stub {

        public boolean skips(DelegateExecution execution, String nodeCode) {
            return !List.of(((String) execution.getVariable("plannedNodes")).split(",")).contains(nodeCode);
        }

        public List<String> reviewerRoles(DelegateExecution execution) {
            String roles = (String) execution.getVariable(REVIEWER_ROLES);
            return skips(execution, "SCHEME_REVIEW") || roles.isEmpty() ? List.of() : List.of(roles.split(","));
        }

        public String reviewOutcome(DelegateExecution execution) {
            return "PASSED";
        }

        public void nodeReached(DelegateTask task, String nodeCode) {
        }

        public void nodeCompleted(DelegateTask task, String nodeCode) {
        }

        public void finished(DelegateExecution execution) {
        }
    }
}
