package org.yekuo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.support.Subjects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.json.JsonMapper;

/**
 * R-X-7 updates in: the marketing system returns customer numbers and project management reports supply-works
 * milestones with access tokens of the utility's identity provider (here the tests' issuer, whose key signs these
 * tokens); each update is validated, repeat-safe and audited, and a refused one changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InboundApiTests {

    private static final String ISSUER = "https://idp.test.yekuo";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("R-X-7 the marketing system returns a customer number once; the same message again changes nothing")
    void customerNumberIsRecordedOnce() throws Exception {
        String orderNo = acceptOrder();
        String key = UUID.randomUUID().toString();
        String token = token("marketing", "yekuo.customer-number", "yekuo", Duration.ofMinutes(5));
        customerNumber(orderNo, key, token, "3301234567").andExpect(status().isOk())
                .andExpect(jsonPath("$.customerNumber").value("3301234567")).andExpect(jsonPath("$.repeated").value(false));
        customerNumber(orderNo, key, token, "3301234567").andExpect(status().isOk()).andExpect(jsonPath("$.repeated").value(true));
        customerNumber(orderNo, key, token, "3309999999").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("integration.inbound.message-id-reused"));
        customerNumber(orderNo, UUID.randomUUID().toString(), token, "3309999999").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("integration.inbound.customer-number-differs"));
        assertThat(audited("integration.customer-number", orderNo)).isEqualTo(1);
        assertThat(audited("integration.inbound-refused", orderNo)).isEqualTo(2);
    }

    @Test
    @DisplayName("R-X-7 supply-works milestones come in order; a stale, future or unknown-order one is refused with its field named")
    void milestonesAreValidated() throws Exception {
        String orderNo = acceptOrder();
        String token = token("pms", "yekuo.supply-works", "yekuo", Duration.ofMinutes(5));
        Instant now = Instant.now();
        milestone(orderNo, token, "WORKS_STARTED", now).andExpect(status().isOk())
                .andExpect(jsonPath("$.milestones[0].milestone").value("WORKS_STARTED"));
        milestone(orderNo, token, "MATERIALS_ON_SITE", now.plusSeconds(1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.milestones.length()").value(2));
        milestone(orderNo, token, "WORKS_STARTED", now.plusSeconds(2)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("integration.inbound.milestone-stale"));
        milestone(orderNo, token, "WORKS_COMPLETED", now.minusSeconds(3600)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
        milestone(orderNo, token, "WORKS_COMPLETED", now.plus(Duration.ofHours(1))).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
        milestone("YK-1999-999999", token, "WORKS_STARTED", now).andExpect(status().isNotFound());
        mvc.perform(post("/api/inbound/orders/{no}/supply-works", orderNo).header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", "short").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"milestone\":\"WORKS_COMPLETED\",\"occurredAt\":\"" + now + "\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("messageId"));
        assertThat(jdbc.sql("select count(*) from supply_works_milestone where order_no = :no").param("no", orderNo)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @DisplayName("a token for another audience, expired, signed by another key, without the scope, or a password is refused and audited")
    void badTokensAreRefused() throws Exception {
        String orderNo = acceptOrder();
        long refusedBefore = refusedTokens();
        customerNumber(orderNo, UUID.randomUUID().toString(), token("marketing", "yekuo.customer-number", "billing", Duration.ofMinutes(5)),
                "3301234567").andExpect(status().isUnauthorized()).andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.code").value("integration.inbound.token"));
        customerNumber(orderNo, UUID.randomUUID().toString(), token("marketing", "yekuo.customer-number", "yekuo", Duration.ofMinutes(-5)),
                "3301234567").andExpect(status().isUnauthorized());
        customerNumber(orderNo, UUID.randomUUID().toString(), forged(), "3301234567").andExpect(status().isUnauthorized());
        customerNumber(orderNo, UUID.randomUUID().toString(), token("pms", "yekuo.supply-works", "yekuo", Duration.ofMinutes(5)),
                "3301234567").andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("integration.inbound.scope"));
        mvc.perform(post("/api/inbound/orders/{no}/customer-number", orderNo).with(httpBasic("admin", "Yekuo@2026"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"customerNumber\":\"3301234567\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(refusedTokens() - refusedBefore).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("select count(*) from order_customer_number where order_no = :no").param("no", orderNo)
                .query(Long.class).single()).isZero();
    }

    private ResultActions customerNumber(String orderNo, String key, String token, String number) throws Exception {
        return mvc.perform(post("/api/inbound/orders/{no}/customer-number", orderNo).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerNumber\":\"" + number + "\"}"));
    }

    private ResultActions milestone(String orderNo, String token, String milestone, Instant at) throws Exception {
        return mvc.perform(post("/api/inbound/orders/{no}/supply-works", orderNo).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"milestone\":\"" + milestone + "\",\"occurredAt\":\"" + at + "\",\"note\":\"施工队进场\"}"));
    }

    private long audited(String action, String orderNo) {
        return jdbc.sql("select count(*) from audit_record where action = :action and subject_id = :no")
                .param("action", action).param("no", orderNo).query(Long.class).single();
    }

    private long refusedTokens() {
        return jdbc.sql("select count(*) from audit_record where action in ('integration.inbound-token-refused', 'integration.inbound-scope-refused')")
                .query(Long.class).single();
    }

    /** An access token as the identity provider issues it by the client-credentials grant. */
    static String token(String client, String scope, String audience, Duration validFor) throws Exception {
        byte[] der = Base64.getDecoder().decode(new String(new ClassPathResource("inbound/test-issuer.key").getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return sign(key, client, scope, audience, validFor);
    }

    private static String forged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(generator.generateKeyPair().getPrivate(), "marketing", "yekuo.customer-number", "yekuo", Duration.ofMinutes(5));
    }

    private static String sign(PrivateKey key, String client, String scope, String audience, Duration validFor) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(client).claim("client_id", client)
                .audience(List.of(audience)).claim("scope", scope).issueTime(Date.from(now.minusSeconds(120)))
                .notBeforeTime(Date.from(now.minusSeconds(120))).expirationTime(Date.from(now.plus(validFor))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String acceptOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"钱七","subjectCode":"%s","phone":"1360000%04d",
                 "supplyAddress":"示范市城东区人民路 9 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), (int) (Math.random() * 10_000));
        String answer = mvc.perform(post("/api/applications").with(httpBasic("clerk", "Yekuo@2026"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(answer).get("orderNo").asString();
    }
}
