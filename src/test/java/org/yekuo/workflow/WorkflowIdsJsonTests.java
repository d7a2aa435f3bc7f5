package org.yekuo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow's events and work items carry typed ids, and their JSON stays what it was: the plain number and the plain
 * text. An event publication stored (by Spring Modulith's registry) before the ids were typed reads back after a
 * restart, and the REST answers and the OpenAPI document that exposes them read as they did (R-X-5).
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkflowIdsJsonTests {

    private static final Instant AT = Instant.parse("2026-12-08T03:00:00Z");

    @Autowired
    EventSerializer serializer;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-X-5 an event stored with a plain order id and task id, before the ids were typed, reads back as the typed event")
    void eventsStoredInTheOldShapeReadBack() {
        assertThat(serializer.deserialize("""
                {"orderId":42,"nodeCode":"SITE_SURVEY","taskId":"t-42","completedBy":"surveyor",
                 "completedAt":"2026-12-08T03:00:00Z","orderNo":"YK202612080001"}""", NodeCompleted.class))
                .isEqualTo(new NodeCompleted(new OrderId(42), "SITE_SURVEY", new TaskId("t-42"), "surveyor", AT, "YK202612080001"));
        assertThat(serializer.deserialize("""
                {"orderId":42,"nodeCode":"SITE_SURVEY","taskId":"t-42","roles":["SURVEYOR"],"reachedAt":"2026-12-08T03:00:00Z",
                 "orderNo":null,"typeCode":null,"typeVersion":null,"orgPath":"/1/2/"}""", NodeReached.class))
                .isEqualTo(new NodeReached(new OrderId(42), "SITE_SURVEY", new TaskId("t-42"), Set.of("SURVEYOR"), AT, null, null, null,
                        "/1/2/"));
        assertThat(serializer.deserialize("""
                {"orderId":42,"nodeCode":"SITE_SURVEY","taskId":"t-42","handler":"surveyor","handlerOrgUnitId":7,
                 "signedForAt":"2026-12-08T03:00:00Z"}""", NodeSignedFor.class))
                .isEqualTo(new NodeSignedFor(new OrderId(42), "SITE_SURVEY", new TaskId("t-42"), "surveyor", 7, AT));
        assertThat(serializer.deserialize("{\"orderId\":42,\"reason\":\"withdrawn\",\"cancelledAt\":\"2026-12-08T03:00:00Z\"}",
                ProcessCancelled.class)).isEqualTo(new ProcessCancelled(new OrderId(42), "withdrawn", AT));
        assertThat(serializer.deserialize("{\"orderId\":42}", ProcessCompleted.class)).isEqualTo(new ProcessCompleted(new OrderId(42)));
    }

    @Test
    @DisplayName("R-X-5 a typed event is stored with the plain ids and reads back equal")
    void typedEventsRoundTripWithPlainIds() {
        NodeCompleted completed = new NodeCompleted(new OrderId(42), "SITE_SURVEY", new TaskId("t-42"), null, AT, null);
        Object stored = serializer.serialize(completed);
        JsonNode tree = json.readTree(stored.toString());
        assertThat(tree.get("orderId").isIntegralNumber()).isTrue();
        assertThat(tree.get("orderId").asLong()).isEqualTo(42);
        assertThat(tree.get("taskId").isString()).isTrue();
        assertThat(tree.get("taskId").asString()).isEqualTo("t-42");
        assertThat(serializer.deserialize(stored, NodeCompleted.class)).isEqualTo(completed);

        NodeReached reached = new NodeReached(new OrderId(42), "SITE_SURVEY", new TaskId("t-42"), Set.of("SURVEYOR"), AT, "YK1",
                "LV_RESIDENTIAL", 3, "/1/2/");
        assertThat(serializer.deserialize(serializer.serialize(reached), NodeReached.class)).isEqualTo(reached);
        ProcessCancelled cancelled = new ProcessCancelled(new OrderId(42), "withdrawn", AT);
        assertThat(serializer.deserialize(serializer.serialize(cancelled), ProcessCancelled.class)).isEqualTo(cancelled);
    }

    @Test
    @DisplayName("R-X-5 a work item's JSON keeps the task id as text and the order id as a number, null for a process for no order")
    void workItemJsonKeepsPlainIds() {
        WorkItem item = new WorkItem(new TaskId("t-42"), new OrderId(42), "SITE_SURVEY", Set.of("SURVEYOR"), null, AT, null, null);
        JsonNode tree = json.readTree(json.writeValueAsString(item));
        assertThat(tree.get("taskId").isString()).isTrue();
        assertThat(tree.get("taskId").asString()).isEqualTo("t-42");
        assertThat(tree.get("orderId").isIntegralNumber()).isTrue();
        assertThat(tree.get("orderId").asLong()).isEqualTo(42);
        assertThat(json.readValue(json.writeValueAsString(item), WorkItem.class)).isEqualTo(item);

        WorkItem noOrder = new WorkItem(new TaskId("t-43"), null, "operationsReview", Set.of(), null, AT, null, null);
        assertThat(json.readTree(json.writeValueAsString(noOrder)).get("orderId").isNull()).isTrue();
    }

    @Test
    @DisplayName("R-X-5 the OpenAPI document describes a work item's ids as before: the task id a string, the order id an integer")
    void openApiDescribesPlainIds() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").with(httpBasic("admin", "Yekuo@2026"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        JsonNode properties = json.readTree(document).at("/components/schemas/WorkItem/properties");
        assertThat(properties.at("/taskId/type").asString()).isEqualTo("string");
        assertThat(properties.at("/orderId/type").asString()).isEqualTo("integer");
    }
}
