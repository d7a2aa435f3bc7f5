package org.yekuo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@AutoConfigureMockMvc
class AuditLogTests {

    static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    @Test
    @DisplayName("R-X-2 the auditor verifies the chain and it is intact")
    void auditorVerifiesAnIntactChain() throws Exception {
        long records = jdbc.sql("select count(*) from audit_record").query(Long.class).single();
        mvc.perform(get("/api/audit/verify").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.firstBrokenSeq").doesNotExist())
                .andExpect(jsonPath("$.recordsChecked").value(is(greaterOrEqual(records))));
    }

    @Test
    @DisplayName("R-X-2 a transaction's records join the chain together and in order when it commits; a rolled-back change leaves none")
    void recordsOfATransactionAreAppendedAtCommitInOrder() {
        String subject = "batch-" + System.nanoTime();
        tx.executeWithoutResult(status -> {
            for (int i = 1; i <= 3; i++) {
                trail.record(() -> "test.batch", "test-batch", subject, "n=" + i);
            }
            // Nothing is appended before the commit, so nothing holds the chain's head meanwhile.
            assertThat(trail.forSubject("test-batch", subject)).isEmpty();
        });
        tx.executeWithoutResult(status -> {
            trail.record(() -> "test.batch", "test-batch", subject, "n=rolled-back");
            status.setRollbackOnly();
        });
        List<AuditEntry> records = trail.forSubject("test-batch", subject);
        assertThat(records).extracting(AuditEntry::detail).containsExactly("n=1", "n=2", "n=3");
        assertThat(records.get(1).seq()).isEqualTo(records.get(0).seq() + 1);
        assertThat(records.get(2).prevHash()).isEqualTo(records.get(1).hash());
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("R-X-2 a record changed directly in the database is reported as the first broken link, at its seq")
    void tamperedRecordIsReportedAtItsSeq() {
        AuditEntry victim = recorded("test.tamper", "test", "tamper-" + System.nanoTime(), "amount=100");
        recorded("test.tamper", "test", "after-" + System.nanoTime(), "amount=1");
        try {
            jdbc.sql("update audit_record set detail = ? where seq = ?").params("amount=999", victim.seq()).update();
            ChainVerification verification = trail.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenSeq()).isEqualTo(victim.seq());
            assertThat(verification.reason()).isEqualTo("hash");
            assertThat(verification.recordsChecked()).isEqualTo(victim.seq() - 1);
        } finally {
            jdbc.sql("update audit_record set detail = ? where seq = ?").params(victim.detail(), victim.seq()).update();
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("R-X-2 the verify page names the first broken seq and its reason to the auditor")
    void verifyPageNamesTheBrokenSeq() throws Exception {
        AuditEntry victim = recorded("test.tamper", "test", "page-" + System.nanoTime(), "n=1");
        try {
            jdbc.sql("update audit_record set actor = ? where seq = ?").params("intruder", victim.seq()).update();
            mvc.perform(get("/audit/verify").with(httpBasic("auditor", PASSWORD)).header("Accept-Language", "en"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(
                            "The audit chain is broken at record " + victim.seq() + ": the record was changed after it was written")));
        } finally {
            jdbc.sql("update audit_record set actor = ? where seq = ?").params(victim.actor(), victim.seq()).update();
        }
        mvc.perform(get("/audit/verify").with(httpBasic("auditor", PASSWORD)))
                .andExpect(content().string(containsString("\u5ba1\u8ba1\u94fe\u5b8c\u6574")));
    }

    @Test
    @DisplayName("R-X-2 audit records are listed newest first, filtered by subject type, actor and time, and counted")
    void recordsAreFilteredAndNewestFirst() throws Exception {
        String subject = "list-" + System.nanoTime();
        LocalDateTime before = LocalDateTime.now(clock).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
        AuditEntry first = recorded("test.first", "test-list", subject, "n=1");
        AuditEntry second = recorded("test.second", "test-list", subject, "n=2");
        mvc.perform(get("/api/audit/records").param("subjectType", "test-list").param("actor", "system")
                        .param("from", before.toString()).param("size", "1").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.records.length()").value(1))
                .andExpect(jsonPath("$.records[0].seq").value(second.seq()))
                .andExpect(jsonPath("$.total").value(is(greaterOrEqual(2))));
        mvc.perform(get("/api/audit/records").param("subjectType", "test-list").param("page", "1").param("size", "1")
                        .with(httpBasic("auditor", PASSWORD)))
                .andExpect(jsonPath("$.records[0].seq").value(first.seq()));
        mvc.perform(get("/api/audit/records").param("subjectType", "test-list").param("to", before.toString())
                        .with(httpBasic("auditor", PASSWORD)))
                .andExpect(jsonPath("$.records[*].subjectId").value(everyItem(not(subject))));
        mvc.perform(get("/api/audit/records").param("actor", "nobody-" + subject).with(httpBasic("auditor", PASSWORD)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/audit/records").param("size", "101").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    @DisplayName("R-X-2 the audit page shows records with their time to the second and the total count")
    void auditPageShowsRecordsToTheSecond() throws Exception {
        AuditEntry entry = recorded("test.page", "test-page", "page-" + System.nanoTime(), "n=3");
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(entry.occurredAt().atZone(clock.getZone()));
        mvc.perform(get("/audit").param("subjectType", "test-page").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(time)))
                .andExpect(content().string(containsString(entry.subjectId())))
                .andExpect(content().string(containsString("\u5171 ")));
    }

    @Test
    @DisplayName("R-X-2 only the auditor reads the audit log: administrators get 403")
    void othersCannotReadTheAuditLog() throws Exception {
        for (String user : new String[] {"admin", "secadmin", "clerk"}) {
            mvc.perform(get("/api/audit/records").with(httpBasic(user, PASSWORD))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("security.forbidden"));
            mvc.perform(get("/api/audit/verify").with(httpBasic(user, PASSWORD))).andExpect(status().isForbidden());
            mvc.perform(get("/audit").with(httpBasic(user, PASSWORD))).andExpect(status().isForbidden());
        }
    }

    private static Matcher<Number> greaterOrEqual(long minimum) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Number item) {
                return item.longValue() >= minimum;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("at least " + minimum);
            }
        };
    }

    /** Records in a transaction of its own and answers the record as the chain holds it after the commit. */
    private AuditEntry recorded(String action, String subjectType, String subjectId, String detail) {
        tx.executeWithoutResult(status -> trail.record(() -> action, subjectType, subjectId, detail));
        List<AuditEntry> records = trail.forSubject(subjectType, subjectId);
        return records.get(records.size() - 1);
    }
}
