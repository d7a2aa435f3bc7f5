package org.yekuo.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class EngineOnPostgresTests {

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-CAT-2 the embedded engine runs a BPMN with parallel branches on PostgreSQL, after Flyway")
    void runsParallelProcessOnPostgres() {
        String url = jdbc.sql("select version()").query(String.class).single();
        assertThat(url).startsWith("PostgreSQL");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single()).isPositive();

        repository.createDeployment().addClasspathResource("processes-test/engine-check.bpmn20.xml").deploy();
        String businessKey = "engine-check-" + System.nanoTime();
        var instance = runtime.startProcessInstanceByKey("engineCheck", businessKey);

        List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).list();
        assertThat(open).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("operationsReview", "marketingReview");
        open.forEach(task -> tasks.complete(task.getId()));

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).finished().count())
                .isEqualTo(1);
    }
}
