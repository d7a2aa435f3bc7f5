package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.deadline.NodeOverdue;

@SpringBootTest
@AutoConfigureMockMvc
class OverdueNoticeTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 5);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-SLA-6 a red node posts one company-wide notice naming the owning department, however often the event comes, audited")
    void postsOneNoticePerRedNode() throws Exception {
        ReportFixtures fixtures = new ReportFixtures(jdbc);
        long order = newOrder();
        String task = UUID.randomUUID().toString();
        fixtures.node(order, "SUPPLY_WORKS", fixtures.station().team()).roles("MATERIALS_CLERK").handler("materials").task(task)
                .due(at(MONTH, 6, 9)).red(at(MONTH, 6, 10)).save();
        NodeOverdue event = new NodeOverdue(order, "T" + order, "SUPPLY_WORKS", task, Set.of("MATERIALS_CLERK"), "materials",
                at(MONTH, 6, 9), at(MONTH, 6, 10));

        transactions.executeWithoutResult(tx -> events.publishEvent(event));
        transactions.executeWithoutResult(tx -> events.publishEvent(event));

        assertThat(jdbc.sql("select owner_unit_code from overdue_notice where task_id = ?").param(task).query(String.class).list())
                .containsExactly("YK-MAT");
        assertThat(audit.forSubject("order", "T" + order)).filteredOn(e -> e.action().equals("overdue-notice.posted")).hasSize(1);
        // Company-wide: a clerk of another station sees it too.
        mvc.perform(get("/deadlines/notices").with(httpBasic("clerk.west", "Yekuo@2026")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-order=\"T" + order + "\"")))
                .andExpect(content().string(containsString("\u7269\u8d44\u90e8")))
                .andExpect(content().string(containsString("\u94b1\u7269\u8d44")));
    }
}
