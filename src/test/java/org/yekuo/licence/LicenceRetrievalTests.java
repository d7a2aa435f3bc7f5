package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderProgress;
import org.yekuo.intake.Orders;
import org.yekuo.licence.internal.RetrievalRows;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * R-LIC-1 R-LIC-2 R-MAT-5 fetching an order's e-licence on the applicant's consent, on PostgreSQL through the API: the
 * consent code goes to the phone on the application and is good for this order and one retrieval; the licence is filed
 * in the order's archive as its material and its fields answered for the form; every retrieval is logged for the order's
 * readers, the auditor and the applicant; a wrong or used code, another order's code, a code the platform does not know
 * and a platform that is down are refused with the field named, leaving the order to go on by hand.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LicenceRetrievalTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

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

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 R-MAT-5 a clerk asks consent, the applicant reads out the code, the business licence comes: its "
            + "fields answer for the form, its OFD is the order's business-licence material, and the retrieval is logged")
    void clerkFetchesTheBusinessLicenceWithConsent() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation() && h.main().validUntil() != null
                && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)));
        String phone = Subjects.phone();
        long id = newOrder(holder.code(), phone, true);

        clerk(post("/api/orders/{id}/licence-consents", id)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.phoneMasked").value(phone.substring(0, 3) + "****" + phone.substring(7)));
        String answer = fetch(id, "BUSINESS_LICENCE", lastCode(phone)).andExpect(status().isOk())
                .andExpect(jsonPath("$.licence.name").value(holder.main().name()))
                .andExpect(jsonPath("$.licence.legalRepresentative").value(holder.main().legalRepresentative()))
                .andExpect(jsonPath("$.licence.address").value(holder.main().address()))
                .andExpect(jsonPath("$.licence.registeredCapital").value(holder.main().registeredCapital().intValue()))
                .andExpect(jsonPath("$.retrieval.outcome").value("RETRIEVED"))
                .andExpect(jsonPath("$.retrieval.retrievedBy").value("clerk"))
                .andExpect(jsonPath("$.expired").value(false))
                .andReturn().getResponse().getContentAsString();
        long documentId = ((Number) JsonPath.read(answer, "$.retrieval.documentId")).longValue();

        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'BUSINESS_LICENCE'")
                .param(id).query(String.class).single()).isEqualTo("SUPPLIED");
        assertThat(jdbc.sql("select content_type from document where id = ? and order_id = ?").params(documentId, id)
                .query(String.class).single()).isEqualTo("application/ofd");
        assertThat(jdbc.sql("select file_name from document where id = ?").param(documentId).query(String.class).single())
                .isEqualTo("电子证照平台_营业执照_" + holder.main().licenceNo() + ".ofd");
        mvc.perform(get("/api/orders/{id}/licence-retrievals", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("BUSINESS_LICENCE"))
                .andExpect(jsonPath("$[0].licenceNo").value(holder.main().licenceNo()))
                .andExpect(jsonPath("$[0].holderMasked").value(Matchers.not(Matchers.containsString(holder.code()))))
                .andExpect(jsonPath("$[0].retrievedByName").value("王受理"));
        mvc.perform(get("/api/licences/retrievals").with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retrievals[*].orderNo").value(Matchers.hasItem(orderNo(id))));
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action)
                .contains("licence.consent-asked", "licence.retrieved", "material.supplied");
    }

    @Test
    @DisplayName("R-LIC-2 a consent is good for one retrieval: the same code again is refused naming the code, and a wrong code "
            + "says how many tries are left without spending the consent")
    void oneConsentOneRetrieval() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation());
        String phone = Subjects.phone();
        long id = newOrder(holder.code(), phone, false);
        clerk(post("/api/orders/{id}/licence-consents", id)).andExpect(status().isCreated());
        String code = lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";

        fetch(id, "ID_RECORD", wrong).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("还可再试")));
        fetch(id, "ID_RECORD", code).andExpect(status().isOk()).andExpect(jsonPath("$.licence.name").value(holder.main().name()));
        fetch(id, "PROPERTY_CERTIFICATE", code).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("只能用于一次获取")));
        assertThat(retrievals(id)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-LIC-2 a consent is for its own order: a code asked for one order of the phone does not fetch for another")
    void consentIsForItsOwnOrder() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation());
        String phone = Subjects.phone();
        long first = newOrder(holder.code(), phone, false);
        long second = newOrder(holder.code(), phone, false);
        clerk(post("/api/orders/{id}/licence-consents", first)).andExpect(status().isCreated());

        fetch(second, "ID_RECORD", lastCode(phone)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("code"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("请先为本工单获取授权验证码")));
        fetch(first, "BUSINESS_LICENCE", lastCode(phone)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("kind"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("ID_RECORD")));
        assertThat(retrievals(first) + retrievals(second)).isZero();
    }

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 a code the platform does not know is refused naming the subject code; the attempt is logged, "
            + "nothing is filed, and the answer says the order goes on by hand (in English too)")
    void unknownCodeIsLoggedAndNothingFiled() throws Exception {
        String phone = Subjects.phone();
        long id = newOrder(Subjects.idNumber(), phone, false);
        clerk(post("/api/orders/{id}/licence-consents", id)).andExpect(status().isCreated());
        fetch(id, "ID_RECORD", lastCode(phone)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("subjectCode"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("业务可照常手工办理")));
        assertThat(jdbc.sql("select outcome from licence_retrieval where order_id = ?").param(id).query(String.class).single())
                .isEqualTo("NOT_FOUND");
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(id).query(Long.class).single()).isZero();

        String phone2 = Subjects.phone();
        long other = newOrder(Subjects.idNumber(), phone2, false);
        clerk(post("/api/orders/{id}/licence-consents", other)).andExpect(status().isCreated());
        mvc.perform(post("/api/orders/{id}/licences", other).with(httpBasic("clerk", PASSWORD)).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"ID_RECORD\",\"code\":\"" + lastCode(phone2) + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("goes on by hand")));
    }

    @Autowired
    Orders orders;
    @Autowired
    OrderProgress progress;
    @Autowired
    VerificationCodes codes;
    @Autowired
    MaterialSupply materials;
    @Autowired
    RetrievalRows rows;
    @Autowired
    StaffMembers staff;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    org.springframework.context.MessageSource messages;

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 a platform that is down answers 503 saying so; the consent is spent, the failure logged and "
            + "audited, and nothing is filed")
    void platformDownIsSaidAndLogged() throws Exception {
        LicenceRegistry down = new LicenceRegistry() {
            @Override
            public FetchedLicence fetch(LicenceKind kind, String holderCode) {
                throw new LicencePlatformException(LicencePlatformException.Reason.UNAVAILABLE, "down");
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
        LicenceRetrievals retrievals = new LicenceRetrievals(orders, progress, codes, down, materials, rows, staff, cipher, audit,
                messages, transactions, clock);
        String phone = Subjects.phone();
        long id = newOrder(holder(h -> !h.organisation()).code(), phone, false);
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        retrievals.askConsentOnline(token, randomAddress());

        assertThatThrownBy(() -> retrievals.fetchOnline(token, LicenceKind.ID_RECORD, lastCode(phone)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.messageKey()).isEqualTo("licence.registry.unavailable");
                });
        assertThat(jdbc.sql("select outcome || '/' || retrieved_by from licence_retrieval where order_id = ?").param(id)
                .query(String.class).single()).isEqualTo("UNAVAILABLE/applicant");
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action).contains("licence.retrieval-failed");
        assertThatThrownBy(() -> retrievals.fetchOnline(token, LicenceKind.ID_RECORD, lastCode(phone)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("licence.consent.used"));
    }

    @Test
    @DisplayName("R-LIC-2 the applicant fetches from the progress link with the code on their own phone; a clerk of another "
            + "station cannot ask consent for the order")
    void applicantFetchesOnline() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation());
        String phone = Subjects.phone();
        long id = newOrder(holder.code(), phone, true);
        String token = jdbc.sql("select progress_token from application where id = ?").param(id).query(String.class).single();
        mvc.perform(post("/api/public/progress/{token}/licence-consents", token).with(randomAddressOf()))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/public/progress/{token}/licences", token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"PROPERTY_CERTIFICATE\",\"code\":\"" + lastCode(phone) + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.licence.propertyLocation").value(holder.property().propertyLocation()))
                .andExpect(jsonPath("$.retrieval.retrievedBy").value("applicant"));
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'PROPERTY_PROOF'")
                .param(id).query(String.class).single()).isEqualTo("SUPPLIED");
        mvc.perform(post("/api/public/progress/{token}/licence-consents", "no-such-token-0000000000").with(randomAddressOf()))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("R-LIC-1 confirming a fetched licence, the clerk may take its name and address into the order's applicant "
            + "fields: only what was ticked changes, and it is audited with the licence it came from")
    void confirmedLicenceValuesReachTheOrderWhereTaken() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation() && h.main().address() != null);
        String phone = Subjects.phone();
        long id = newOrder(holder.code(), phone, true);
        clerk(post("/api/orders/{id}/licence-consents", id)).andExpect(status().isCreated());
        fetch(id, "BUSINESS_LICENCE", lastCode(phone)).andExpect(status().isOk());
        String addressBefore = jdbc.sql("select supply_address from application where id = ?").param(id).query(String.class).single();

        mvc.perform(post("/licences/orders/{id}/confirm", id).with(httpBasic("clerk", PASSWORD))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("kind", "BUSINESS_LICENCE").param("name", holder.main().name())
                        .param("legalRepresentative", holder.main().legalRepresentative()).param("address", holder.main().address())
                        .param("registeredCapital", holder.main().registeredCapital().toPlainString())
                        .param("validFrom", String.valueOf(holder.main().validFrom()))
                        .param("validUntil", holder.main().validUntil() == null ? "" : holder.main().validUntil().toString())
                        .param("take", "name"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("confirmedKind",
                        LicenceKind.BUSINESS_LICENCE));
        assertThat(cipher.decrypt(jdbc.sql("select applicant_name_sealed from application where id = ?").param(id).query(String.class)
                .single())).isEqualTo(holder.main().name());
        assertThat(jdbc.sql("select supply_address from application where id = ?").param(id).query(String.class).single())
                .isEqualTo(addressBefore);
        assertThat(audit.forSubject("application", orderNo(id))).filteredOn(e -> e.action().equals("application.applicant-taken"))
                .singleElement().extracting(AuditEntry::detail).asString().contains("fields=name", "source=BUSINESS_LICENCE", "by=clerk");
    }

    private SimulatedLicenceRegistry.Holder holder(Predicate<SimulatedLicenceRegistry.Holder> wanted) {
        var candidates = ((SimulatedLicenceRegistry) registry).holders().stream().filter(wanted).toList();
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    private long newOrder(String subjectCode, String phone, boolean organisation) throws Exception {
        String body = """
                {"typeCode":"%s","applicantKind":"%s","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(organisation ? "LV_NONRES_NEW" : "LV_RES_NEW", organisation ? "ORGANISATION" : "PERSON",
                        organisation ? "示范市测试有限公司" : "王小明", subjectCode, phone);
        String created = clerk(post("/api/applications").header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    private ResultActions fetch(long id, String kind, String code) throws Exception {
        return clerk(post("/api/orders/{id}/licences", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"" + kind + "\",\"code\":\"" + code + "\"}"));
    }

    private ResultActions clerk(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic("clerk", PASSWORD)).with(randomAddressOf()));
    }

    /** Each request from its own address: codes are rate-limited per address, and the suite shares one. */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor randomAddressOf() {
        String address = randomAddress();
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-licence-consent'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }

    private long retrievals(long id) {
        return jdbc.sql("select count(*) from licence_retrieval where order_id = ?").param(id).query(Long.class).single();
    }
}
