package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.CounterFetchRows;
import org.yekuo.licence.internal.RetrievalRows;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Refusals;
import org.yekuo.support.Subjects;

/**
 * R-LIC-1 R-LIC-2 R-MAT-5 an applicant applying online fetches their e-licence on the /apply form itself, before the
 * order exists, on PostgreSQL: the offer comes once the certificate number's check character holds; the consent code
 * goes to the phone proven for the form and is good for this form and one retrieval; the licence fills the form and is
 * shown with its source and retrieval time; the submitted order files it as its material and every retrieval of the
 * form, whatever came of it, is logged with the order for the auditor and the progress page. Bad input (wrong check
 * character, unknown code, platform down, consent code wrong, expired or used) is refused naming the field, keeps
 * nothing half-done, and the form goes on by hand.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApplyFetchTests {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern FORM_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([A-Za-z0-9-]+)\"");

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
    CounterFetchRows counterRows;
    @Autowired
    RetrievalRows retrievalRows;
    @Autowired
    VerificationCodes codes;
    @Autowired
    Orders orders;
    @Autowired
    MaterialSupply materials;
    @Autowired
    StaffMembers staff;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 R-MAT-5 on /apply the applicant consents by SMS code, fetches the business licence into the form, "
            + "sees its source and time, and the submitted order files it with its retrieval on the progress page")
    void licenceFetchedOnTheApplyFormJoinsTheSubmittedOrder() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation() && h.main().validUntil() != null
                && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)));
        String phone = Subjects.phone();
        MockHttpSession session = proven(phone);
        String formKey = formKey(session);

        // The offer comes once the number's check character holds, and says what is wrong before.
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(session).param("applicantKind", "ORGANISATION"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("data-testid=\"apply-fetch-needs-code\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"apply-send-consent\""))));
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(session).param("applicantKind", "ORGANISATION")
                        .param("subjectCode", wrongCheck(holder.code())))
                .andExpect(content().string(Matchers.containsString("统一社会信用代码")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"apply-send-consent\""))));
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(session).param("applicantKind", "ORGANISATION")
                        .param("subjectCode", holder.code()))
                .andExpect(content().string(Matchers.containsString("id=\"apply-send-consent\"")));

        Map<String, String> form = form(formKey, holder.code(), true);
        MvcResult asked = mvc.perform(post("/apply/licences/consent").session(session).with(csrf()).params(params(form)))
                .andExpect(redirectedUrl("/apply/form#apply-licences")).andReturn();
        assertThat(asked.getFlashMap().get("licenceRefusal")).isNull();
        assertThat(typed(asked)).containsEntry("capacity", "30").containsEntry("subjectCode", holder.code()).doesNotContainKey("_csrf");
        // The browser follows the redirect: the form comes back as typed, with the notice.
        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" inputmode=\"decimal\" value=\"30\"")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"notice\"")));
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(session).param("applicantKind", "ORGANISATION")
                        .param("subjectCode", holder.code()))
                .andExpect(content().string(Matchers.containsString("data-testid=\"apply-consent-sent\"")))
                .andExpect(content().string(Matchers.containsString(phone.substring(7))));

        Map<String, String> fetch = new LinkedHashMap<>(form);
        fetch.put("licenceKind", "BUSINESS_LICENCE");
        fetch.put("consentCode", lastConsentCode(phone));
        MvcResult fetched = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch)))
                .andExpect(redirectedUrl("/apply/form#apply-licences")).andReturn();
        assertThat(fetched.getFlashMap().get("licenceRefusal")).isNull();
        Map<String, String> filled = typed(fetched);
        assertThat(filled).containsEntry("applicantName", holder.main().name()).containsEntry("supplyAddress", holder.main().address())
                .containsEntry("capacity", "30").doesNotContainKeys("consentCode", "licenceKind");
        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"" + holder.main().name() + "\"")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"apply-licences-slot\"")));
        // The panel shows the licence's fields with source and time; another proven phone with the same form key sees nothing.
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(session).param("applicantKind", "ORGANISATION")
                        .param("subjectCode", holder.code()))
                .andExpect(content().string(Matchers.containsString(holder.main().licenceNo())))
                .andExpect(content().string(Matchers.containsString(holder.main().legalRepresentative())))
                .andExpect(content().string(Matchers.containsString("来自政府电子证照共享平台，获取于")));
        mvc.perform(get("/apply/licences/{k}/panel", formKey).session(proven(Subjects.phone())).param("applicantKind", "ORGANISATION"))
                .andExpect(content().string(Matchers.not(Matchers.containsString(holder.main().licenceNo()))));

        // One consent, one retrieval: the same code does not fetch the property certificate too.
        fetch.put("licenceKind", "PROPERTY_CERTIFICATE");
        MvcResult again = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch))).andReturn();
        assertThat(refusal(again).fields()).containsKey("code");

        MvcResult submitted = mvc.perform(post("/apply/form").session(session).with(csrf()).params(params(filled))
                        .param("stationId", Long.toString(orgUnit("YK-EAST"))))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn();
        String orderNo = (String) submitted.getFlashMap().get("orderNo");
        String token = (String) submitted.getFlashMap().get("token");
        long orderId = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'BUSINESS_LICENCE'")
                .param(orderId).query(String.class).single()).isEqualTo("SUPPLIED");
        assertThat(jdbc.sql("select licence_no from order_licence where order_id = ? and licence_kind = 'BUSINESS_LICENCE'")
                .param(orderId).query(String.class).single()).isEqualTo(holder.main().licenceNo());
        assertThat(jdbc.sql("select outcome || '/' || retrieved_by from licence_retrieval where order_id = ? and document_id is not null")
                .param(orderId).query(String.class).single()).isEqualTo("RETRIEVED/applicant");
        assertThat(jdbc.sql("select count(*) from licence_counter_fetch where form_key = ?").param(formKey).query(Long.class).single())
                .isZero();
        assertThat(audit.forSubject("application", orderNo)).filteredOn(e -> e.action().equals("licence.apply-fetch-attached"))
                .singleElement().extracting(AuditEntry::detail).asString().contains("taken=name,address");
        assertThat(audit.forSubject("licence-form", formKey)).extracting(AuditEntry::action)
                .contains("licence.apply-consent-asked", "licence.apply-retrieved");
        // The auditor's retrieval log names the order.
        mvc.perform(get("/api/licences/retrievals").with(httpBasic("auditor", "Yekuo@2026"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.retrievals[*].orderNo").value(Matchers.hasItem(orderNo)));
        // The applicant's progress page lists the retrieval.
        mvc.perform(get("/s/{t}/licences", token)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(holder.main().licenceNo())))
                .andExpect(content().string(Matchers.containsString("申请人本人")));
    }

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 bad input on /apply: a wrong check character asks nothing, a wrong, expired or used consent code "
            + "is refused naming the code, an unknown code names the certificate number; the failed retrieval joins the order "
            + "submitted by hand, and no licence is half-saved")
    void badInputOnTheApplyFormIsRefusedNamingTheField() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation());
        String phone = Subjects.phone();
        MockHttpSession session = proven(phone);
        String formKey = formKey(session);

        Map<String, String> wrong = form(formKey, wrongCheck(holder.code()), false);
        MvcResult refused = mvc.perform(post("/apply/licences/consent").session(session).with(csrf()).params(params(wrong))).andReturn();
        assertThat(refusal(refused).fields()).containsKey("subjectCode");
        assertThat(typed(refused)).containsEntry("subjectCode", wrongCheck(holder.code()));
        assertThat(consents(formKey)).isZero();
        mvc.perform(get("/apply/form").session(session).flashAttrs(refused.getFlashMap()))
                .andExpect(content().string(Matchers.containsString("data-testid=\"licence-refusal\"")))
                .andExpect(content().string(Matchers.containsString("证件号码：")));

        // A code the platform does not know (its check character holds): asked, spent, refused naming the number, logged.
        String unknown = Subjects.idNumber();
        Map<String, String> form = form(formKey, unknown, false);
        mvc.perform(post("/apply/licences/consent").session(session).with(csrf()).params(params(form)))
                .andExpect(redirectedUrl("/apply/form#apply-licences"));
        Map<String, String> fetch = new LinkedHashMap<>(form);
        fetch.put("licenceKind", "ID_RECORD");
        String code = lastConsentCode(phone);
        fetch.put("consentCode", code.equals("000000") ? "111111" : "000000");
        MvcResult wrongCode = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch))).andReturn();
        assertThat(refusal(wrongCode).fields()).containsKey("code");
        fetch.put("consentCode", code);
        MvcResult notFound = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch))).andReturn();
        assertThat(refusal(notFound).fields()).containsKey("subjectCode");
        assertThat(typed(notFound)).containsEntry("applicantName", "").containsEntry("subjectCode", unknown);
        MvcResult used = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch))).andReturn();
        assertThat(refusal(used).fields()).containsKey("code");

        // An expired code: the consent is still asked, the code is five minutes old.
        backdateCodes(phone);
        mvc.perform(post("/apply/licences/consent").session(session).with(csrf()).params(params(form)))
                .andExpect(redirectedUrl("/apply/form#apply-licences"));
        jdbc.sql("update verification_code set expires_at = issued_at where phone_index = ? and purpose = 'LICENCE_CONSENT'")
                .param(cipher.blindIndex(phone)).update();
        fetch.put("consentCode", lastConsentCode(phone));
        MvcResult expired = mvc.perform(post("/apply/licences/fetch").session(session).with(csrf()).params(params(fetch))).andReturn();
        assertThat(refusal(expired).fields()).containsKey("code");
        assertThat(refusal(expired).fields().get("code")).contains("过期");
        assertThat(jdbc.sql("select count(*) from licence_counter_fetch where form_key = ? and file_sealed is not null").param(formKey)
                .query(Long.class).single()).isZero();

        // The applicant goes on by hand: the order is submitted, with the one failed retrieval in its log and no licence.
        Map<String, String> byHand = new LinkedHashMap<>(form);
        byHand.put("applicantName", "王小明");
        MvcResult submitted = mvc.perform(post("/apply/form").session(session).with(csrf()).params(params(byHand))
                        .param("stationId", Long.toString(orgUnit("YK-EAST"))))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn();
        long orderId = jdbc.sql("select id from application where order_no = ?").param((String) submitted.getFlashMap().get("orderNo"))
                .query(Long.class).single();
        assertThat(jdbc.sql("select outcome || '/' || retrieved_by from licence_retrieval where order_id = ?").param(orderId)
                .query(String.class).list()).containsExactly("NOT_FOUND/applicant");
        assertThat(jdbc.sql("select count(*) from order_licence where order_id = ?").param(orderId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(orderId).query(Long.class).single()).isZero();
        mvc.perform(get("/s/{t}/licences", (String) submitted.getFlashMap().get("token"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("平台无此证照")));
    }

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 a platform that is down or too slow is said so on /apply: the consent is spent, the failure "
            + "logged, nothing kept, and the applicant may go on by hand")
    void platformDownOnTheApplyForm() {
        LicenceRegistry down = new LicenceRegistry() {
            @Override
            public FetchedLicence fetch(LicenceKind kind, String holderCode) {
                throw new LicencePlatformException(LicencePlatformException.Reason.UNAVAILABLE, "timed out");
            }

            @Override
            public boolean reachable() {
                return false;
            }

            @Override
            public String name() {
                return "http";
            }
        };
        CounterFetches fetches = new CounterFetches(counterRows, retrievalRows, down, codes, orders, materials, staff, cipher, audit,
                messages, transactions, clock, Duration.ofHours(2));
        String phone = Subjects.phone();
        String formKey = java.util.UUID.randomUUID().toString();
        CounterFetches.CounterForm form = new CounterFetches.CounterForm(formKey, ApplicantKind.PERSON, holder(h -> !h.organisation()).code(),
                phone);
        fetches.askConsentOnline(form, "10.30." + ThreadLocalRandom.current().nextInt(256) + ".7");
        assertThatThrownBy(() -> fetches.fetchOnline(form, LicenceKind.ID_RECORD, lastConsentCode(phone)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.messageKey()).isEqualTo("licence.registry.unavailable");
                });
        assertThat(fetches.stateOnline(formKey, phone).licences()).isEmpty();
        assertThat(audit.forSubject("licence-form", formKey)).extracting(AuditEntry::action).contains("licence.apply-retrieval-failed");
        assertThatThrownBy(() -> fetches.fetchOnline(form, LicenceKind.ID_RECORD, lastConsentCode(phone)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("licence.consent.used"));
        // Another phone cannot use the form's consent, even with its key.
        CounterFetches.CounterForm other = new CounterFetches.CounterForm(formKey, ApplicantKind.PERSON, form.subjectCode(),
                Subjects.phone());
        assertThatThrownBy(() -> fetches.fetchOnline(other, LicenceKind.ID_RECORD, "123456"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("licence.apply-fetch.no-consent"));
    }

    private Map<String, String> form(String formKey, String subjectCode, boolean organisation) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("idempotencyKey", formKey);
        form.put("typeCode", organisation ? "LV_NONRES_NEW" : "LV_RES_NEW");
        form.put("applicantKind", organisation ? "ORGANISATION" : "PERSON");
        form.put("subjectCode", subjectCode);
        form.put("applicantName", "");
        form.put("supplyAddress", "示范市城东区人民路 100 号");
        form.put("capacity", organisation ? "30" : "8");
        form.put("capacityUnit", "KW");
        form.put("_agent", "on");
        return form;
    }

    private static org.springframework.util.MultiValueMap<String, String> params(Map<String, String> form) {
        org.springframework.util.LinkedMultiValueMap<String, String> params = new org.springframework.util.LinkedMultiValueMap<>();
        form.forEach(params::add);
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> typed(MvcResult result) {
        return (Map<String, String>) result.getFlashMap().get("applicationForm");
    }

    private static Refusals.Refusal refusal(MvcResult result) {
        Refusals.Refusal refusal = (Refusals.Refusal) result.getFlashMap().get("licenceRefusal");
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    private static String wrongCheck(String code) {
        return code.substring(0, 17) + (code.charAt(17) == '1' ? '2' : '1');
    }

    private long consents(String formKey) {
        return jdbc.sql("select count(*) from licence_counter_fetch where form_key = ?").param(formKey).query(Long.class).single();
    }

    /** The 60-second interval between codes to one phone has passed (the phone was proven a moment ago). */
    private void backdateCodes(String phone) {
        jdbc.sql("update verification_code set issued_at = issued_at - interval '2' minute where phone_index = ?")
                .param(cipher.blindIndex(phone)).update();
    }

    private MockHttpSession proven(String phone) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/apply/code").session(session).with(csrf()).param("phone", phone).with(r -> {
            r.setRemoteAddr("10.31." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
            return r;
        })).andExpect(status().isOk());
        mvc.perform(post("/apply/verify").session(session).with(csrf()).param("phone", phone)
                        .param("code", lastCode(phone, "verification-online-application")))
                .andExpect(redirectedUrl("/apply/form"));
        backdateCodes(phone);
        return session;
    }

    private String formKey(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"apply-licences-slot\"")))
                .andReturn().getResponse().getContentAsString();
        Matcher key = FORM_KEY.matcher(page);
        assertThat(key.find()).isTrue();
        return key.group(1);
    }

    private SimulatedLicenceRegistry.Holder holder(Predicate<SimulatedLicenceRegistry.Holder> wanted) {
        var candidates = ((SimulatedLicenceRegistry) registry).holders().stream().filter(wanted).toList();
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    private String lastConsentCode(String phone) {
        return lastCode(phone, "verification-licence-consent");
    }

    private String lastCode(String phone, String template) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), template).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private long orgUnit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }
}
