package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Subjects;
import org.yekuo.workflow.CompletionGate;

import com.jayway.jsonpath.JsonPath;

/**
 * R-LIC-4 the expiry watch: a fetched licence that ends within 30 days is reminded of by SMS once, even with two
 * nodes sweeping at once, and flagged on the order; an expired one is reminded of once and blocks the order's nodes
 * with the reason, until a person corrects its validity from the renewed licence. Also R-LIC-1: the fields a person
 * corrects are what the order keeps, refused with the field named when they are not valid.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ExpiryWatchTests {

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
    ExpiryWatch watch;
    @Autowired
    ApplicationContext context;
    @Autowired
    MessageSource messages;

    @Test
    @DisplayName("R-LIC-4 a licence ending within 30 days is reminded of once, with two nodes sweeping at once, and flagged "
            + "on the order's page")
    void expiringLicenceIsRemindedOnce() throws Exception {
        SimulatedLicenceRegistry.Holder holder = holder(h -> h.organisation() && expiresWithin30(h));
        String phone = Subjects.phone();
        long id = fetchedOrder(holder, phone, "BUSINESS_LICENCE");
        String orderNo = orderNo(id);

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (var run : nodes.invokeAll(List.<Callable<ExpiryWatch.Result>>of(watch::sweep, watch::sweep))) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
        watch.sweep();
        assertThat(sms(orderNo, "licence-expiring")).isEqualTo(1);
        assertThat(sms(orderNo, "licence-expired")).isZero();
        String text = jdbc.sql("select body from sms_outbox where business_ref = ? and template_code = 'licence-expiring'").param(orderNo)
                .query(String.class).single();
        assertThat(text).contains(orderNo).contains("营业执照").contains(holder.main().validUntil().toString());

        mvc.perform(get("/licences/orders/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("即将到期")));
        watch.requireClear(id, null);
    }

    @Test
    @DisplayName("R-LIC-4 an expired licence is reminded of once and blocks the order's nodes with the reason; corrected to the "
            + "renewed licence's validity, it no longer blocks")
    void expiredLicenceBlocksUntilCorrected() throws Exception {
        assertThat(context.getBeansOfType(CompletionGate.class).values()).contains(watch);
        SimulatedLicenceRegistry.Holder holder = holder(h -> !h.organisation() && h.main().validUntil() != null
                && h.main().validUntil().isBefore(LocalDate.now()));
        String phone = Subjects.phone();
        long id = fetchedOrder(holder, phone, "ID_RECORD");
        watch.sweep();
        watch.sweep();
        assertThat(sms(orderNo(id), "licence-expired")).isEqualTo(1);

        assertThatThrownBy(() -> watch.requireClear(id, null)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(messages.getMessage(e.messageKey(), e.arguments(), Locale.SIMPLIFIED_CHINESE))
                    .contains("居民身份证电子证照").contains(holder.main().validUntil().toString()).contains("本环节暂不能办结");
        });

        String renewed = LocalDate.now().plusYears(10).toString();
        confirm(id, "ID_RECORD", "validUntil=2020-13-01").andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select confirmed_at is null from order_licence where order_id = ?").param(id).query(Boolean.class).single())
                .isTrue();
        mvc.perform(post("/licences/orders/{id}/confirm", id).with(httpBasic("clerk", PASSWORD)).with(csrf())
                        .param("kind", "ID_RECORD").param("name", "").param("validUntil", renewed))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("refusal"));
        confirm(id, "ID_RECORD", "validUntil=" + renewed).andExpect(status().is3xxRedirection());
        watch.requireClear(id, null);
        assertThat(jdbc.sql("select valid_until from order_licence where order_id = ?").param(id).query(LocalDate.class).single())
                .isEqualTo(LocalDate.parse(renewed));
        mvc.perform(get("/api/orders/{id}/licence-retrievals", id).with(httpBasic("clerk", PASSWORD))).andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor csrf() {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
    }

    private ResultActions confirm(long id, String kind, String change) throws Exception {
        String[] pair = change.split("=", 2);
        return mvc.perform(post("/licences/orders/{id}/confirm", id).with(httpBasic("clerk", PASSWORD)).with(csrf())
                .param("kind", kind).param("name", "王建国").param(pair[0], pair[1]));
    }

    private static boolean expiresWithin30(SimulatedLicenceRegistry.Holder h) {
        LocalDate until = h.main().validUntil();
        return until != null && !until.isBefore(LocalDate.now().plusDays(1)) && until.isBefore(LocalDate.now().plusDays(29));
    }

    private SimulatedLicenceRegistry.Holder holder(Predicate<SimulatedLicenceRegistry.Holder> wanted) {
        var candidates = ((SimulatedLicenceRegistry) registry).holders().stream().filter(wanted).toList();
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    /** An order of the holder whose licence of {@code kind} has been fetched with consent. */
    private long fetchedOrder(SimulatedLicenceRegistry.Holder holder, String phone, String kind) throws Exception {
        boolean organisation = holder.organisation();
        String body = """
                {"typeCode":"%s","applicantKind":"%s","applicantName":"%s","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(organisation ? "LV_NONRES_NEW" : "LV_RES_NEW", organisation ? "ORGANISATION" : "PERSON",
                        organisation ? "示范市测试有限公司" : "王小明", holder.code(), phone);
        String created = clerk(post("/api/applications").header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        clerk(post("/api/orders/{id}/licence-consents", id)).andExpect(status().isCreated());
        clerk(post("/api/orders/{id}/licences", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"" + kind + "\",\"code\":\"" + lastCode(phone) + "\"}"))
                .andExpect(status().isOk());
        return id;
    }

    private ResultActions clerk(MockHttpServletRequestBuilder request) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        return mvc.perform(request.with(httpBasic("clerk", PASSWORD)).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }));
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-licence-consent'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private long sms(String orderNo, String template) {
        return jdbc.sql("select count(*) from sms_outbox where business_ref = ? and template_code = ?").params(orderNo, template)
                .query(Long.class).single();
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }
}
