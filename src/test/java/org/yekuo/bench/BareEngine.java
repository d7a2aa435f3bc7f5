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

import org.flowable.bpmn.model.UserTask;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
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
 * BPMN resources with the same history level and pool size, each task claimed by the same demo user as in
 * Yekuo's run. Its {@code orderProcess} bean answers the skip expressions from the same planned-nodes
 * variable and does nothing else, so the engine does the same work it does under Yekuo and nothing of
 * Yekuo's runs.
 */
final class BareEngine implements AutoCloseable {

    static final String SCHEMA = "bench_bare_engine";
    /** The stub's own variable: the reviewer roles the review module would answer for the order. */
    static final String REVIEWER_ROLES = "benchReviewerRoles";

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    /** Task definition key to the demo user of its candidate role, for the tasks whose role the BPMN names. */
    private final Map<String, String> claimants = new HashMap<>();

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
        // Yekuo's engine takes Flowable Spring Boot's default, time-based UUIDs; the standalone default
        // would number from a counter, whose ids land next to each other in every index.
        configuration.setIdGenerator(new StrongUuidGenerator());
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
        var repository = engine.getRepositoryService();
        for (var definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            for (UserTask task : repository.getBpmnModel(definition.getId()).getMainProcess().findFlowElementsOfType(UserTask.class)) {
                task.getCandidateGroups().stream().map(Staff.BY_ROLE::get).filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(user -> claimants.put(task.getId(), user));
            }
        }
    }

    /**
     * Gives the baseline the engine history Yekuo's engine carries: a copy of every {@code ACT_HI_} table
     * of Yekuo's schema, made once per database. Writing history into the tables of a province's three
     * years costs more than writing it into empty ones, and that cost is the engine's, not Yekuo's. The
     * runtime tables stay the baseline's own: their rows point at Yekuo's process definitions. Answers the
     * rows copied (0 when they were copied by an earlier run).
     */
    long carryHistory(BenchDatabase db) {
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("create table if not exists " + SCHEMA + ".bench_history_carried (carried_at timestamptz not null, row_count bigint not null)");
            try (var rs = s.executeQuery("select count(*) from " + SCHEMA + ".bench_history_carried")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return 0;
                }
            }
            List<String[]> tables = new ArrayList<>();
            try (var rs = s.executeQuery("""
                    select t.table_name, string_agg(k.column_name, ', ' order by k.ordinal_position)
                    from information_schema.tables t join information_schema.columns k
                      on k.table_schema = t.table_schema and k.table_name = t.table_name
                    where t.table_schema = '%s' and t.table_name like 'act\\_hi\\_%%'
                      and exists (select 1 from information_schema.tables y where y.table_schema = current_schema() and y.table_name = t.table_name)
                    group by t.table_name order by t.table_name""".formatted(SCHEMA))) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            long rows = 0;
            for (String[] table : tables) {
                rows += s.executeUpdate("insert into " + SCHEMA + "." + table[0] + " (" + table[1] + ") select " + table[1]
                        + " from " + table[0]);
                s.execute("analyze " + SCHEMA + "." + table[0]);
            }
            s.execute("insert into " + SCHEMA + ".bench_history_carried values (now(), " + rows + ")");
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot copy the engine history into " + SCHEMA, e);
        }
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
        // Each task is claimed by the person Yekuo's run signs for it as: the engine records every new
        // participant of a process, so one user for all tasks would spare the baseline that work. The
        // department review's tasks take their role from a variable; any one of them per reviewer will do.
        var reviewers = plan.reviewerRoles().stream().map(Staff.BY_ROLE::get).iterator();
        for (List<Task> open = taskService.createTaskQuery().processInstanceId(instance).list(); !open.isEmpty();
                open = taskService.createTaskQuery().processInstanceId(instance).list()) {
            for (Task task : open) {
                String claimant = claimants.get(task.getTaskDefinitionKey());
                if (claimant == null && !reviewers.hasNext()) {
                    throw new IllegalStateException("No benchmark user for task " + task.getTaskDefinitionKey());
                }
                taskService.claim(task.getId(), claimant != null ? claimant : reviewers.next());
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
     * tasks the review module would (from a variable instead of a round), lets every round and every decided
     * node pass, and nothing more.
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

        /** Every decided node passes, as in Yekuo's run: none sends the order back. */
        public String returnTo(DelegateExecution execution) {
            return "";
        }

        public void nodeReached(DelegateTask task, String nodeCode) {
        }

        public void nodeCompleted(DelegateTask task, String nodeCode) {
        }

        public void finished(DelegateExecution execution) {
        }
    }
}
