package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log of a period and station for process mining: XES valid against the IEEE 1849-2016 rules, one trace per
 * order with a start and a complete event per node in time; OCEL 2.0 JSON whose every relationship names an object
 * of the log; and clear refusals for a period in the wrong order, too long or empty, and a unit outside the scope.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EventLogTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private InsightHistory.Station station;

    @BeforeEach
    void history() {
        InsightHistory history = new InsightHistory(jdbc);
        station = history.station();
        // Three orders in May 2025: acceptance, site survey, then review by two departments at once (one still open).
        for (int i = 0; i < 3; i++) {
            long order = InsightHistory.newOrder();
            Instant start = at(5, 5 + i, 9);
            history.node(station, order, "ACCEPTANCE", "CLERK", start, start.plus(Duration.ofHours(2)), "clerk");
            history.node(station, order, "SITE_SURVEY", "SURVEYOR", start.plus(Duration.ofHours(2)), start.plus(Duration.ofDays(1)),
                    "surveyor");
            Instant review = start.plus(Duration.ofDays(1));
            history.node(station, order, "SCHEME_REVIEW", "REVIEWER_OPERATIONS", review, review.plus(Duration.ofDays(1)), "ops");
            history.node(station, order, "SCHEME_REVIEW", "REVIEWER_MARKETING", review, i == 2 ? null : review.plus(Duration.ofDays(2)),
                    i == 2 ? null : "marketing");
            if (i == 0) {
                // The first order's materials went to stock, and its surveyor asked the designers a question.
                history.materials(station, order, review.plus(Duration.ofDays(2)), "materials");
                history.question(station, order, start.plus(Duration.ofHours(3)), "surveyor", "designer");
            }
        }
    }

    @Test
    @DisplayName("R-SLA-9 XES: valid against the IEEE 1849-2016 rules, a trace per order, start and complete per node in time")
    void xesIsValidAndComplete() throws Exception {
        byte[] body = mvc.perform(get("/api/insight/event-log").param("from", "2025-05-01").param("to", "2025-05-31")
                        .param("org", station.code()).param("format", "XES").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("attachment")))
                .andExpect(header().string("Content-Disposition", Matchers.containsString(".xes")))
                .andReturn().getResponse().getContentAsByteArray();

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(EventLogTests.class.getResourceAsStream("/insight/xes-1849-2016.xsd")))
                .newValidator().validate(new StreamSource(new ByteArrayInputStream(body)));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xes = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        NodeList traces = xes.getElementsByTagName("trace");
        assertThat(traces.getLength()).isEqualTo(3);
        for (int t = 0; t < traces.getLength(); t++) {
            NodeList events = ((Element) traces.item(t)).getElementsByTagName("event");
            // Four nodes, each started; all completed but the last order's marketing review.
            assertThat(events.getLength()).isIn(7, 8);
            String previous = "";
            for (int e = 0; e < events.getLength(); e++) {
                String time = attribute((Element) events.item(e), "date", "time:timestamp");
                assertThat(time).isGreaterThanOrEqualTo(previous);
                previous = time;
            }
            assertThat(attribute((Element) events.item(0), "string", "concept:name")).isEqualTo("业务受理");
            assertThat(attribute((Element) events.item(0), "string", "lifecycle:transition")).isEqualTo("start");
        }
    }

    @Test
    @DisplayName("R-SLA-9 OCEL 2.0: orders, tasks, reviews and staff as objects; every event relates to objects of the log")
    void ocelRelatesEventsToObjects() throws Exception {
        String body = mvc.perform(get("/api/insight/event-log").param("from", "2025-05-01").param("to", "2025-05-31")
                        .param("org", station.code()).param("format", "OCEL").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode ocel = JsonMapper.builder().build().readTree(body);

        Set<String> types = new HashSet<>();
        ocel.get("objectTypes").forEach(t -> types.add(t.get("name").asString()));
        assertThat(types).containsExactlyInAnyOrder("order", "task", "review", "materials", "question", "staff");
        Set<String> ids = new HashSet<>();
        ocel.get("objects").forEach(o -> ids.add(o.get("id").asString()));
        // 3 orders, 12 node tasks (6 of them reviews), 1 stock request, 1 question, 6 members of staff (the materials clerk
        // and the designer who answered among them).
        assertThat(ids).hasSize(3 + 12 + 1 + 1 + 6).contains("staff-materials", "staff-designer");
        // Nodes: 12 reached, 11 completed; materials: pushed, confirmed, issued; the question: asked, escalated, answered,
        // accepted.
        assertThat(ocel.get("events")).hasSize(12 + 11 + 3 + 4);
        List<String> questionEvents = new ArrayList<>();
        for (JsonNode event : ocel.get("events")) {
            for (JsonNode relation : event.get("relationships")) {
                if (relation.get("qualifier").asString().equals("question")) {
                    questionEvents.add(event.get("type").asString());
                }
            }
        }
        assertThat(questionEvents).containsExactly("发起协调问题", "协调问题超时升级", "答复协调问题", "采纳协调答复");
        Set<String> eventTypes = new HashSet<>();
        ocel.get("eventTypes").forEach(t -> eventTypes.add(t.get("name").asString()));
        for (JsonNode event : ocel.get("events")) {
            assertThat(eventTypes).contains(event.get("type").asString());
            assertThat(Instant.parse(event.get("time").asString())).isBefore(Instant.now());
            for (JsonNode relation : event.get("relationships")) {
                assertThat(ids).contains(relation.get("objectId").asString());
            }
        }
    }

    @Test
    @DisplayName("R-X-2 refusals name the field: a period in the wrong order, longer than a year or empty; a unit outside "
            + "the reader's scope is not exported; staff without a manager's role may not export")
    void badRequestsAreRefusedClearly() throws Exception {
        mvc.perform(get("/api/insight/event-log").param("from", "2025-05-31").param("to", "2025-05-01").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/insight/event-log").param("from", "2024-01-01").param("to", "2025-05-01").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/insight/event-log").param("from", "2001-01-01").param("to", "2001-01-31").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/insight/event-log").param("from", "2025-05-01").param("to", "2025-05-31").param("org", station.code())
                        .with(httpBasic("head.east", PASSWORD)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(Matchers.containsString(station.code())));
        mvc.perform(get("/api/insight/event-log").param("from", "2025-05-01").param("to", "2025-05-31").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden());
        String page = mvc.perform(get("/insight/exports/download").param("from", "2025-05-31").param("to", "2025-05-01")
                        .with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("流程挖掘导出", "截止日期 2025-05-01 早于起始日期 2025-05-31");
    }

    private static Instant at(int month, int day, int hour) {
        return LocalDateTime.of(2025, month, day, hour, 0).atZone(ZONE).toInstant();
    }

    private static String attribute(Element event, String kind, String key) {
        NodeList attributes = event.getElementsByTagName(kind);
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("key").equals(key)) {
                return attribute.getAttribute("value");
            }
        }
        throw new AssertionError("No " + kind + " " + key + " in the event");
    }
}
