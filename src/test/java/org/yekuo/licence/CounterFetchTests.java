package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;

/**
 * R-LIC-1 R-LIC-2 R-MAT-5 fetching an e-licence at the counter before the order exists, on PostgreSQL through the
 * clerk's new-order form: the consent is bound to the form and the numbers typed on it and is good for one retrieval;
 * the licence fills the form's name and address; the accepted order takes it as its material, with its one logged
 * retrieval; a form that changed since the consent is refused with the field named, and an abandoned form keeps no
 * licence once its hold has passed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CounterFetchTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern ORDER_PAGE = Pattern.compile("/orders/(\\d+)$");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    LicenceRegistry registry;
    @Autowired
    AuditTrail audit;
    @Autowired
    CounterFetches fetches;

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 R-MAT-5 on the new-order form the clerk asks consent, fetches the business licence, sees name and "
            + "address filled in, and the accepted order takes the licence as its material with its one retrieval")
    void licenceFetchedOnTheFormJoinsTheAcceptedOrder() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation() && h.main().validUntil() != null
                && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)));
        String phone = Subjects.phone();
        Map<String, String> form = form(holder.code(), phone, true);

        MvcResult asked = clerk(post("/licences/counter/consent"), form).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(asked.getResponse().getRedirectedUrl()).startsWith("/orders/new");
        assertThat(asked.getFlashMap().get("licenceNotice")).asString().contains(phone.substring(7));
        @SuppressWarnings("unchecked")
        Map<String, String> typed = (Map<String, String>) asked.getFlashMap().get("applicationForm");
        assertThat(typed).containsEntry("idempotencyKey", form.get("idempotencyKey"))
                .containsEntry("subjectCode", holder.code()).doesNotContainKey("_csrf");
        mvc.perform(get("/licences/counter/{k}/panel", form.get("idempotencyKey")).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("counter-consent-sent")));

        String code = lastCode(phone);
        Map<String, String> fetch = new LinkedHashMap<>(form);
        fetch.put("licenceKind", "BUSINESS_LICENCE");
        fetch.put("consentCode", code);
        MvcResult fetched = clerk(post("/licences/counter/fetch"), fetch).andExpect(status().is3xxRedirection()).andReturn();
        @SuppressWarnings("unchecked")
        Map<String, String> filled = (Map<String, String>) fetched.getFlashMap().get("applicationForm");
        assertThat(fetched.getFlashMap().get("refusal")).isNull();
        assertThat(filled).containsEntry("applicantName", holder.main().name()).containsEntry("supplyAddress", holder.main().address())
                .containsEntry("idempotencyKey", form.get("idempotencyKey")).doesNotContainKeys("consentCode", "licenceKind");
        mvc.perform(get("/orders/new").flashAttr("applicationForm", filled).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"" + holder.main().name() + "\"")))
                .andExpect(content().string(Matchers.containsString("value=\"" + form.get("idempotencyKey") + "\"")));
        mvc.perform(get("/licences/counter/{k}/panel", form.get("idempotencyKey")).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString(holder.main().licenceNo())))
                .andExpect(content().string(Matchers.containsString(holder.main().legalRepresentative())));
        // Another clerk does not see the form's licence.
        mvc.perform(get("/licences/counter/{k}/panel", form.get("idempotencyKey")).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(content().string(Matchers.not(Matchers.containsString(holder.main().licenceNo()))));

        // One consent, one retrieval: the same code does not fetch the property certificate too.
        fetch.put("licenceKind", "PROPERTY_CERTIFICATE");
        MvcResult again = clerk(post("/licences/counter/fetch"), fetch).andReturn();
        assertThat(((Refusals.Refusal) again.getFlashMap().get("refusal")).fields()).containsKey("code");
        assertThat(retrievalsOn(form)).isEqualTo(1);

        long orderId = accept(filled);
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'BUSINESS_LICENCE'")
                .param(orderId).query(String.class).single()).isEqualTo("SUPPLIED");
        assertThat(jdbc.sql("select licence_no from order_licence where order_id = ? and licence_kind = 'BUSINESS_LICENCE'")
                .param(orderId).query(String.class).single()).isEqualTo(holder.main().licenceNo());
        assertThat(jdbc.sql("select count(*) from licence_retrieval where order_id = ? and document_id is not null").param(orderId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from licence_counter_fetch where form_key = ?").param(form.get("idempotencyKey"))
                .query(Long.class).single()).isZero();
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(orderId).query(String.class).single();
        assertThat(audit.forSubject("application", orderNo)).filteredOn(e -> e.action().equals("licence.counter-attached"))
                .singleElement().extracting(AuditEntry::detail).asString().contains("taken=name,address");
        assertThat(audit.forSubject("licence-form", form.get("idempotencyKey"))).extracting(AuditEntry::action)
                .contains("licence.counter-consent-asked", "licence.counter-retrieved");
    }

    @Test
    @DisplayName("R-LIC-2 a consent is for the numbers on the form it was asked from: a changed phone is refused naming the "
            + "certificate field, a wrong check character asks nothing, and a licence whose holder the clerk then changed stays off the order")
    void consentIsBoundToTheNumbersOnTheForm() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation());
        String phone = Subjects.phone();
        Map<String, String> form = form(holder.code(), phone, false);

        Map<String, String> wrongCheck = new LinkedHashMap<>(form);
        String code = holder.code();
        wrongCheck.put("subjectCode", code.substring(0, 17) + (code.charAt(17) == '1' ? '2' : '1'));
        MvcResult refused = clerk(post("/licences/counter/consent"), wrongCheck).andReturn();
        assertThat(((Refusals.Refusal) refused.getFlashMap().get("refusal")).fields()).containsKey("subjectCode");
        assertThat(jdbc.sql("select count(*) from licence_counter_fetch where form_key = ?").param(form.get("idempotencyKey"))
                .query(Long.class).single()).isZero();

        clerk(post("/licences/counter/consent"), form).andExpect(status().is3xxRedirection());
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put("phone", Subjects.phone());
        changed.put("licenceKind", "ID_RECORD");
        changed.put("consentCode", lastCode(phone));
        MvcResult other = clerk(post("/licences/counter/fetch"), changed).andReturn();
        assertThat(((Refusals.Refusal) other.getFlashMap().get("refusal")).fields()).containsKey("subjectCode");
        assertThat(retrievalsOn(form)).isZero();

        Map<String, String> fetch = new LinkedHashMap<>(form);
        fetch.put("licenceKind", "ID_RECORD");
        fetch.put("consentCode", lastCode(phone));
        MvcResult fetched = clerk(post("/licences/counter/fetch"), fetch).andReturn();
        assertThat(fetched.getFlashMap().get("refusal")).isNull();

        Map<String, String> someoneElse = new LinkedHashMap<>(form);
        someoneElse.put("subjectCode", Subjects.idNumber());
        long orderId = accept(someoneElse);
        assertThat(jdbc.sql("select count(*) from order_licence where order_id = ?").param(orderId).query(Long.class).single()).isZero();
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(orderId).query(String.class).single();
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action).contains("licence.counter-not-taken");
    }

    @Test
    @DisplayName("R-LIC-1 an abandoned form keeps nothing: once its hold has passed its licence is not offered, the sweep deletes "
            + "it, and only the log of the retrieval remains")
    void abandonedFormKeepsNoLicence() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation());
        String phone = Subjects.phone();
        Map<String, String> form = form(holder.code(), phone, false);
        clerk(post("/licences/counter/consent"), form);
        Map<String, String> fetch = new LinkedHashMap<>(form);
        fetch.put("licenceKind", "ID_RECORD");
        fetch.put("consentCode", lastCode(phone));
        clerk(post("/licences/counter/fetch"), fetch);
        mvc.perform(get("/licences/counter/{k}/panel", form.get("idempotencyKey")).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.containsString(holder.main().licenceNo())));

        long retrievalId = jdbc.sql("select retrieval_id from licence_counter_fetch where form_key = ? and retrieval_id is not null")
                .param(form.get("idempotencyKey")).query(Long.class).single();
        jdbc.sql("update licence_counter_fetch set expires_at = expires_at - interval '3' hour where form_key = ?")
                .param(form.get("idempotencyKey")).update();
        mvc.perform(get("/licences/counter/{k}/panel", form.get("idempotencyKey")).with(httpBasic("clerk", PASSWORD)))
                .andExpect(content().string(Matchers.not(Matchers.containsString(holder.main().licenceNo()))));
        assertThat(fetches.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from licence_counter_fetch where form_key = ?").param(form.get("idempotencyKey"))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select licence_no from licence_retrieval where id = ? and order_id is null and outcome = 'RETRIEVED'")
                .param(retrievalId).query(String.class).single()).isEqualTo(holder.main().licenceNo());
    }

    private Map<String, String> form(String subjectCode, String phone, boolean organisation) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("idempotencyKey", UUID.randomUUID().toString());
        form.put("typeCode", organisation ? "LV_NONRES_NEW" : "LV_RES_NEW");
        form.put("applicantKind", organisation ? "ORGANISATION" : "PERSON");
        form.put("subjectCode", subjectCode);
        form.put("applicantName", organisation ? "" : "王小明");
        form.put("phone", phone);
        form.put("supplyAddress", organisation ? "" : "示范市城东区人民路 100 号");
        form.put("capacity", "8");
        form.put("capacityUnit", "KW");
        form.put("_agent", "on");
        return form;
    }

    private long accept(Map<String, String> form) throws Exception {
        MvcResult accepted = clerk(post("/orders"), form).andExpect(status().is3xxRedirection()).andReturn();
        Matcher matcher = ORDER_PAGE.matcher(accepted.getResponse().getRedirectedUrl());
        assertThat(matcher.find()).as("accepted, not refused: %s", accepted.getModelAndView()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private org.springframework.test.web.servlet.ResultActions clerk(MockHttpServletRequestBuilder request, Map<String, String> form)
            throws Exception {
        form.forEach(request::param);
        return mvc.perform(request.with(httpBasic("clerk", PASSWORD)).with(csrf())
                .with(r -> {
                    r.setRemoteAddr("10.20." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
                    return r;
                }));
    }

    private SimulatedLicenceRegistry.Holder holder(Predicate<SimulatedLicenceRegistry.Holder> wanted) {
        var candidates = ((SimulatedLicenceRegistry) registry).holders().stream().filter(wanted).toList();
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    /** Retrievals made from the form, whatever came of them. */
    private long retrievalsOn(Map<String, String> form) {
        return audit.forSubject("licence-form", form.get("idempotencyKey")).stream()
                .filter(e -> e.action().startsWith("licence.counter-retriev")).count();
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-licence-consent'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
