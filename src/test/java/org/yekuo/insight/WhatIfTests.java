package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;

/**
 * The what-if simulation on a generated history with known properties: LV residential orders arriving at a station
 * at 30 a working day for four months, every node quick except scheme design, whose two designers let orders wait a
 * working day on average. Simulating last month with its real staffing reproduces its real on-time rate within 5
 * percentage points; two more designers raise the predicted rate and shorten the designers' queue; a tighter design
 * limit lowers the node's on-time rate; and bad input is refused naming the field.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final double PER_DAY = 30;
    private static final List<String[]> PLAN = List.of(new String[] {"ACCEPTANCE", "CLERK"}, new String[] {"SITE_SURVEY", "SURVEYOR"},
            new String[] {"SCHEME_DESIGN", "DESIGNER"}, new String[] {"SCHEME_REPLY", "CLERK"}, new String[] {"CONTRACT", "CLERK"},
            new String[] {"METER_INSTALLATION", "INSPECTOR"}, new String[] {"POWER_ON", "INSPECTOR"});

    @Autowired
    WhatIfs whatIfs;

    @Autowired
    Bottlenecks bottlenecks;

    @Autowired
    FlowAggregates aggregates;

    @Autowired
    WorkingCalendar calendar;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    Clock clock;

    @Autowired
    MockMvc mvc;

    private InsightHistory.Station station;
    private YearMonth lastMonth;

    @BeforeAll
    void generateHistory() {
        station = new InsightHistory(jdbc).station();
        lastMonth = YearMonth.now(clock).minusMonths(1);
        YearMonth first = lastMonth.minusMonths(3);
        LocalDate start = calendar.plusWorkingDays(first.atDay(1), 0).value();
        double end = calendar.workingDaysBetween(start, lastMonth.atEndOfMonth()).value() + 1;
        Random random = new Random(2026);
        List<Object[]> rows = new ArrayList<>();
        long orderId = 0;
        for (double t = exponential(random, 1 / PER_DAY); t < end; t += exponential(random, 1 / PER_DAY)) {
            orderId = InsightHistory.newOrder();
            double now = t;
            for (String[] node : PLAN) {
                boolean design = node[0].equals("SCHEME_DESIGN");
                double wait = exponential(random, design ? 1.0 : 0.08);
                double work = (design ? 0.3 : 0.1) + random.nextDouble() * 0.5;
                double limit = switch (node[0]) {
                    case "SITE_SURVEY", "CONTRACT", "METER_INSTALLATION", "POWER_ON" -> 2;
                    case "SCHEME_DESIGN" -> 3;
                    case "SCHEME_REPLY" -> 5;
                    default -> 1;
                };
                Instant reached = at(start, now);
                Instant signed = at(start, now + wait);
                Instant done = at(start, now + wait + work);
                Instant due = at(start, now + limit);
                String handler = node[1].toLowerCase(Locale.ROOT) + "." + random.nextInt(node[1].equals("DESIGNER") ? 2 : 3);
                rows.add(new Object[] {orderId, "W" + orderId, node[0], UUID.randomUUID().toString(), node[1], station.path(), handler,
                        ts(reached), ts(signed), ts(due), ts(reached), ts(reached), done.isAfter(clock.instant()) ? null : ts(done),
                        done.isAfter(due) ? ts(due) : null});
                now += wait + work;
            }
        }
        template.batchUpdate("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path, handler,
                    reached_at, signed_at, due_at, yellow_at, remind_at, completed_at, turned_red_at, limit_unit)
                values (?, ?, 'LV_RES_NEW', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WORKING_DAYS')""", rows);
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
            months.add(m);
        }
        aggregates.recompute(months);
    }

    @Test
    @DisplayName("R-SLA-9 simulating last month with its real staffing reproduces its real on-time rate within 5 percentage points")
    void lastMonthIsReproduced() {
        WhatIfs.Result result = whatIfs.simulate(leader(), new WhatIfs.Scenario(station.code(), 3, Map.of(), Map.of(), null));
        WhatIfs.Validation validation = result.validation();
        assertThat(validation.month()).isEqualTo(lastMonth.toString());
        assertThat(validation.orders()).isGreaterThan(400);
        assertThat(validation.actualPercent()).isBetween(20, 95);
        assertThat(validation.differencePoints()).isLessThanOrEqualTo(5);
        // Without a change both sides are the same runs.
        assertThat(result.months()).hasSize(3).allSatisfy(m -> assertThat(m.onTimeWithChangePercent()).isEqualTo(m.onTimeAsIsPercent()));
    }

    @Test
    @DisplayName("R-SLA-9 the slow designers are found: the bottleneck view names scheme design first, and two more designers "
            + "shorten the designers' queue and the node, and raise the predicted on-time rate; a tighter limit lowers the node's")
    void moreDesignersHelp() {
        Bottlenecks.View view = bottlenecks.view(leader(), new Bottlenecks.Query(lastMonth, lastMonth, "LV_RES_NEW", station.code()),
                Locale.SIMPLIFIED_CHINESE);
        assertThat(view.slowest().get(0).toNode()).isEqualTo("SCHEME_DESIGN");

        WhatIfs.Result result = whatIfs.simulate(leader(), new WhatIfs.Scenario(station.code(), 2, Map.of(), Map.of("DESIGNER", 4), null));
        WhatIfs.QueueForecast designers = result.queues().stream().filter(q -> q.roles().equals("DESIGNER")).findFirst().orElseThrow();
        assertThat(designers.staffAsIs()).isEqualTo(2);
        assertThat(designers.staffWithChange()).isEqualTo(4);
        assertThat(designers.queueWithChange()).isLessThan(designers.queueAsIs() * 0.7);
        WhatIfs.NodeForecast design = node(result, "SCHEME_DESIGN");
        assertThat(design.daysWithChange()).isLessThan(design.daysAsIs());
        assertThat(result.months()).allSatisfy(m -> assertThat(m.onTimeWithChangePercent()).isGreaterThanOrEqualTo(m.onTimeAsIsPercent() + 5));

        WhatIfs.Result tighter = whatIfs.simulate(leader(), new WhatIfs.Scenario(station.code(), 1, Map.of("SCHEME_DESIGN", 1), Map.of(), null));
        WhatIfs.NodeForecast tight = node(tighter, "SCHEME_DESIGN");
        assertThat(tight.limitAsIs()).isEqualTo(3.0);
        assertThat(tight.limitWithChange()).isEqualTo(1.0);
        assertThat(tight.onTimeWithChangePercent()).isLessThan(tight.onTimeAsIsPercent() - 10);
    }

    @Test
    @DisplayName("R-X-5 the what-if as JSON and as a page; negative staff, a limit of 0, too many months, staffing of a unit that is "
            + "no station, a dedicated-line share without HV orders and a unit outside the caller's scope are refused naming the field")
    void apiPageAndBadInput() throws Exception {
        mvc.perform(get("/api/insight/what-if").param("org", station.code()).param("months", "1").param("staff", "DESIGNER:3")
                .param("limit", "SCHEME_DESIGN:4").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.months[0].month").value(YearMonth.now(clock).plusMonths(1).toString()))
                .andExpect(jsonPath("$.validation.month").value(lastMonth.toString()));
        problem(mvc, "staff", "org", station.code(), "staff", "DESIGNER:-1");
        problem(mvc, "limit", "org", station.code(), "limit", "SCHEME_DESIGN:0");
        problem(mvc, "limit", "org", station.code(), "limit", "SCHEME_DESIGN");
        problem(mvc, "months", "org", station.code(), "months", "13");
        problem(mvc, "staff", "org", "YK", "staff", "DESIGNER:3");
        problem(mvc, "staff", "org", station.code(), "staff", "NOBODY:3");
        problem(mvc, "dedicatedShare", "org", station.code(), "dedicatedShare", "30");
        problem(mvc, "dedicatedShare", "org", station.code(), "dedicatedShare", "130");
        String empty = new InsightHistory(jdbc).station().code();
        problem(mvc, "org", "org", empty);
        mvc.perform(get("/api/insight/what-if").param("org", station.code()).with(httpBasic("head.east", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/insight/what-if").param("org", station.code()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isForbidden());

        String page = mvc.perform(get("/insight/what-if").param("run", "1").param("org", station.code()).param("months", "2")
                .param("staffRole", "DESIGNER").param("staffCount", "3").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("情景模拟", "模型可信度", "各月按时率预测", "2 → 3");
        String refused = mvc.perform(get("/insight/what-if").param("run", "1").param("org", station.code())
                .param("staffRole", "DESIGNER").param("staffCount", "-2").with(httpBasic("leader", PASSWORD)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("人数“-2”无效");
        String form = mvc.perform(get("/insight/what-if").with(httpBasic("leader", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("开始模拟").doesNotContain("模型可信度");
    }

    private static void problem(MockMvc mvc, String field, String... params) throws Exception {
        var request = get("/api/insight/what-if").with(httpBasic("leader", PASSWORD));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        mvc.perform(request).andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private static WhatIfs.NodeForecast node(WhatIfs.Result result, String code) {
        return result.nodes().stream().filter(n -> n.nodeCode().equals(code)).findFirst().orElseThrow();
    }

    private CurrentUser leader() {
        String company = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        return new CurrentUser(0, "reader", "reader", 0, "", "", company, company, Set.of(Role.LEADER));
    }

    /** The moment {@code days} working days after the start of {@code start} (a working day). */
    private Instant at(LocalDate start, double days) {
        LocalDate day = calendar.plusWorkingDays(start, (int) Math.floor(days)).value();
        return day.atStartOfDay(clock.getZone()).toInstant().plusSeconds((long) ((days - Math.floor(days)) * 86_400));
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
