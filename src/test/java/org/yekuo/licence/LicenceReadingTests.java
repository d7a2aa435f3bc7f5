package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * Reading an order's papers at the counter, on PostgreSQL with Tesseract (R-LIC-3, R-LIC-5, R-DOC-1): pages are
 * filed by what they say, what was read waits for a person to confirm it, and bad input leaves nothing behind.
 * Uses generated licences (invented people, valid check characters); each OCR read takes a few seconds, so the
 * class reads six images in all.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LicenceReadingTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    LicenceReadings readings;

    @Autowired
    UserDetailsService staff;

    @Autowired
    CurrentUsers users;

    @Autowired
    TransactionTemplate transactions;

    final LicenceImages images = new LicenceImages(4711);

    @BeforeEach
    void needsTesseract() {
        Assumptions.assumeTrue(readings.ocrAvailable() || "true".equals(System.getenv("CI")), "tesseract-ocr-chi-sim is not installed");
    }

    @Test
    @DisplayName("R-LIC-5 R-DOC-1 R-LIC-3 a two-page counter scan given as the property proof: the ID card page is filed as the ID "
            + "card and the clerk is told, each material is a document of the order, and both pages wait to be confirmed")
    void counterScanIsFiledByContent() throws Exception {
        long id = newOrder("LV_RES_NEW", "PERSON");
        Sample property = images.next(PaperKind.PROPERTY_CERTIFICATE, Spoil.PHONE);
        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        byte[] pdf = pdfOf(property.jpeg(), card.jpeg());

        MvcResult scanned = scan(id, "PROPERTY_PROOF", new MockMultipartFile("files", "柜台扫描.pdf", "application/pdf", pdf))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "licence.scan.filed")).andReturn();
        @SuppressWarnings("unchecked")
        List<LicenceReadings.PageOutcome> outcomes = (List<LicenceReadings.PageOutcome>) scanned.getFlashMap().get("outcomes");
        assertThat(outcomes).extracting(LicenceReadings.PageOutcome::kind).containsExactly(PaperKind.PROPERTY_CERTIFICATE, PaperKind.ID_CARD);
        assertThat(outcomes).extracting(LicenceReadings.PageOutcome::filedMaterial).containsExactly("PROPERTY_PROOF", "ID_CARD");
        assertThat(outcomes.get(1).noteKey()).isEqualTo("licence.scan.note.refiled");

        assertThat(jdbc.sql("select subject from document where order_id = ? order by id").param(id).query(String.class).list())
                .containsExactly("PROPERTY_PROOF", "ID_CARD");
        assertThat(supplied(id)).isEqualTo(2);
        List<LicenceReading> read = asClerk(u -> readings.ofOrder(id, u));
        assertThat(read).hasSize(2).allMatch(r -> !r.isConfirmed());
        LicenceReading idCard = read.get(1);
        assertThat(idCard.refiled()).isTrue();
        assertThat(value(idCard, "idNumber")).isEqualTo(card.truth().get("idNumber"));
        // Personal data is stored encrypted: the ID number is nowhere in the row.
        assertThat(jdbc.sql("select read_cipher from licence_reading where id = ?").param(idCard.id()).query(String.class).single())
                .doesNotContain(card.truth().get("idNumber")).doesNotContain(card.truth().get("name"));

        mvc.perform(get("/licences/readings/{r}", idCard.id()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("已按内容归档")))
                .andExpect(content().string(Matchers.containsString(card.truth().get("idNumber"))));
        mvc.perform(get("/licences/scans/orders/{o}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("待确认")));
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action).contains("licence.scanned");
    }

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 a business licence photo dropped in the property slot is filed as the licence; its fields are used "
            + "only once a person confirms them, and a corrected credit code is checked like a typed one")
    void confirmingABusinessLicence() throws Exception {
        long id = newOrder("LV_NONRES_NEW", "ORGANISATION");
        Sample licence = images.next(PaperKind.BUSINESS_LICENCE, Spoil.PHONE);
        scan(id, "PROPERTY_PROOF", new MockMultipartFile("files", "营业执照.jpg", "image/jpeg", licence.jpeg()))
                .andExpect(status().is3xxRedirection());
        LicenceReading reading = asClerk(u -> readings.ofOrder(id, u)).get(0);
        assertThat(reading.kind()).isEqualTo(PaperKind.BUSINESS_LICENCE);
        assertThat(reading.filedMaterial()).isEqualTo("BUSINESS_LICENCE");
        assertThat(reading.confirmed()).isEmpty();

        Map<String, String> form = new java.util.LinkedHashMap<>(licence.truth());
        String code = form.get("creditCode");
        form.put("creditCode", code.substring(0, 17) + (code.charAt(17) == '1' ? '2' : '1'));
        mvc.perform(confirm(reading.id(), form))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("校验")));
        assertThat(asClerk(u -> readings.get(reading.id(), u)).isConfirmed()).isFalse();

        form.put("creditCode", code);
        mvc.perform(confirm(reading.id(), form))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "licence.ocr.confirmed"));
        LicenceReading confirmed = asClerk(u -> readings.get(reading.id(), u));
        assertThat(confirmed.isConfirmed()).isTrue();
        assertThat(confirmed.confirmed()).containsAllEntriesOf(licence.truth());
        assertThat(confirmed.confirmedBy()).isEqualTo("clerk");
        mvc.perform(confirm(reading.id(), form)).andExpect(status().isConflict());
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action).contains("licence.confirmed");
    }

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 bad input: a file that is not an image, a photo that shows no licence and a blurred licence are each "
            + "refused with what to do (photograph again or enter by hand), and nothing is kept")
    void badInputLeavesNothing() throws Exception {
        long id = newOrder("LV_RES_NEW", "PERSON");
        long suppliedBefore = supplied(id);
        scan(id, "ID_CARD", new MockMultipartFile("files", "身份证.jpg", "image/jpeg", "<html>not an image</html>".getBytes()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("refusal", Matchers.hasToString(Matchers.containsString("手工录入"))));

        readPhoto("note.jpg", images.notALicence())
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("未识别出营业执照、不动产权证书或身份证")))
                .andExpect(content().string(Matchers.containsString("手工录入")));
        // Shrunk four times and blown up again: the labels are lost, so it is either no licence or too blurred to read.
        readPhoto("blurred.jpg", images.next(PaperKind.ID_CARD, Spoil.BLURRED).jpeg())
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.either(Matchers.containsString("太模糊")).or(Matchers.containsString("未识别出"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"confirm-form\""))));
        readPhoto("web.jpg", "<html></html>".getBytes())
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("不是 JPEG、PNG 图片或 PDF")));
        assertThat(jdbc.sql("select count(*) from document where file_name in ('note.jpg', 'blurred.jpg', 'web.jpg')")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from licence_reading where order_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(supplied(id)).isEqualTo(suppliedBefore);
    }

    private long supplied(long orderId) {
        return jdbc.sql("select count(*) from application_material where application_id = ? and document_id is not null")
                .param(orderId).query(Long.class).single();
    }

    @Test
    @DisplayName("R-LIC-3 before accepting, the clerk reads an ID card photo: nothing is kept, and only the confirmed fields fill the "
            + "acceptance form")
    void confirmedFieldsFillTheAcceptanceForm() throws Exception {
        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        mvc.perform(multipart("/licences/read").file(new MockMultipartFile("photo", "card.jpg", "image/jpeg", card.jpeg()))
                        .with(httpBasic("clerk", PASSWORD)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("居民身份证")))
                .andExpect(content().string(Matchers.containsString("name=\"field.idNumber\"")));
        assertThat(jdbc.sql("select count(*) from document where file_name = 'card.jpg'").query(Long.class).single()).isZero();

        MockMultipartHttpServletRequestBuilder confirm = multipart("/licences/read/confirm");
        confirm.param("kind", "ID_CARD");
        card.truth().forEach((k, v) -> confirm.param("field." + k, v));
        MvcResult confirmed = mvc.perform(confirm.with(httpBasic("clerk", PASSWORD)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/orders/new");
        Object prefill = confirmed.getFlashMap().get("applicationPrefill");
        assertThat(prefill).isEqualTo(Map.of("applicantKind", "PERSON", "subjectCode", card.truth().get("idNumber"),
                "applicantName", card.truth().get("name"), "supplyAddress", card.truth().get("address")));
        mvc.perform(get("/orders/new").flashAttr("applicationPrefill", prefill).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"" + card.truth().get("idNumber") + "\"")))
                .andExpect(content().string(Matchers.containsString("来自您确认的证照识别结果")));
        mvc.perform(get("/orders/new").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(card.truth().get("idNumber")))));

        MockMultipartHttpServletRequestBuilder wrong = multipart("/licences/read/confirm");
        wrong.param("kind", "ID_CARD");
        card.truth().forEach((k, v) -> wrong.param("field." + k, k.equals("idNumber") ? v.substring(0, 17) + (v.endsWith("1") ? "2" : "1") : v));
        mvc.perform(wrong.with(httpBasic("clerk", PASSWORD)).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("校验")));
    }

    @Test
    @DisplayName("R-LIC-3 R-X-5 the readings API: a clerk gets a reading with its doubtful fields marked and confirms it; a bad ID "
            + "number, a missing body, an unknown reading and a second confirmation are problem details naming what is wrong; "
            + "other roles are refused")
    void readingsThroughTheApi() throws Exception {
        long id = newOrder("LV_RES_NEW", "PERSON");
        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        scan(id, "ID_CARD", new MockMultipartFile("files", "身份证.jpg", "image/jpeg", card.jpeg())).andExpect(status().is3xxRedirection());
        LicenceReading reading = asClerk(u -> readings.ofOrder(id, u)).get(0);

        mvc.perform(get("/api/licence-readings/{r}", reading.id()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("ID_CARD"))
                .andExpect(jsonPath("$.orderId").value(id))
                .andExpect(jsonPath("$.confirmed").value(false))
                .andExpect(jsonPath("$.fields[?(@.name == 'idNumber')].label").value(Matchers.hasItem("公民身份号码")))
                .andExpect(jsonPath("$.fields[*].doubtful").isNotEmpty());
        mvc.perform(get("/api/licence-readings/{r}", reading.id()).with(httpBasic("designer", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/licence-readings/{r}", 999_999_999L).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        Map<String, String> values = new java.util.LinkedHashMap<>(card.truth());
        String number = values.get("idNumber");
        values.put("idNumber", number.substring(0, 17) + (number.charAt(17) == '1' ? '2' : '1'));
        confirmApi(reading.id(), values).andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("idNumber"));
        mvc.perform(post("/api/licence-readings/{r}/confirm", reading.id()).with(httpBasic("clerk", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values"));
        mvc.perform(post("/api/licence-readings/{r}/confirm", reading.id()).with(httpBasic("clerk", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"values\": 3"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(asClerk(u -> readings.get(reading.id(), u)).isConfirmed()).isFalse();

        values.put("idNumber", number);
        confirmApi(reading.id(), values, List.of("name", "address")).andExpect(status().isOk())
                .andExpect(jsonPath("$.confirmed").value(true))
                .andExpect(jsonPath("$.confirmedValues.idNumber").value(number))
                .andExpect(jsonPath("$.confirmedBy").value("clerk"));
        // R-LIC-3 the confirmed name and address became the order's applicant name and supply address, audited.
        assertThat(jdbc.sql("select supply_address from application where id = ?").param(id).query(String.class).single())
                .isEqualTo(card.truth().get("address"));
        assertThat(audit.forSubject("application", orderNo(id))).extracting(AuditEntry::action).contains("application.applicant-taken");
        confirmApi(reading.id(), values).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private org.springframework.test.web.servlet.ResultActions confirmApi(long readingId, Map<String, String> values) throws Exception {
        return confirmApi(readingId, values, List.of());
    }

    private org.springframework.test.web.servlet.ResultActions confirmApi(long readingId, Map<String, String> values, List<String> take)
            throws Exception {
        String body = new tools.jackson.databind.ObjectMapper().writeValueAsString(Map.of("values", values, "take", take));
        return mvc.perform(post("/api/licence-readings/{r}/confirm", readingId).with(httpBasic("clerk", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    @DisplayName("R-LIC-3 only counter clerks read papers, and only for orders in their scope")
    void onlyClerksInScope() throws Exception {
        long id = newOrder("LV_RES_NEW", "PERSON");
        mvc.perform(get("/licences/scans/orders/{o}", id).with(httpBasic("designer", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/licences/scans/orders/{o}", 999_999_999L).with(httpBasic("clerk", PASSWORD))).andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.ResultActions readPhoto(String name, byte[] bytes) throws Exception {
        return mvc.perform(multipart("/licences/read").file(new MockMultipartFile("photo", name, "image/jpeg", bytes))
                .with(httpBasic("clerk", PASSWORD)).with(csrf()));
    }

    private MockMultipartHttpServletRequestBuilder confirm(long readingId, Map<String, String> values) {
        MockMultipartHttpServletRequestBuilder request = multipart("/licences/readings/{r}/confirm", readingId);
        values.forEach((k, v) -> request.param("field." + k, v));
        request.with(httpBasic("clerk", PASSWORD)).with(csrf());
        return request;
    }

    private org.springframework.test.web.servlet.ResultActions scan(long orderId, String slot, MockMultipartFile file) throws Exception {
        return mvc.perform(multipart("/licences/scans/orders/{o}", orderId).file(file).param("slot", slot)
                .with(httpBasic("clerk", PASSWORD)).with(csrf()));
    }

    private static String value(LicenceReading reading, String field) {
        return reading.fields().stream().collect(Collectors.toMap(ReadField::name, ReadField::value)).get(field);
    }

    /** Runs {@code work} in a transaction as the demo clerk, as the pages do. */
    private <T> T asClerk(java.util.function.Function<CurrentUser, T> work) {
        var clerk = staff.loadUserByUsername("clerk");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(clerk, null, clerk.getAuthorities()));
        try {
            return transactions.execute(s -> work.apply(users.require()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private long newOrder(String type, String kind) throws Exception {
        String subject = kind.equals("PERSON") ? Subjects.idNumber() : Subjects.creditCode();
        String body = """
                {"typeCode":"%s","applicantKind":"%s","applicantName":"示范用户","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 100 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(type, kind, subject, Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }

    static byte[] pdfOf(byte[]... jpegs) throws Exception {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (byte[] jpeg : jpegs) {
                var image = ImageIO.read(new ByteArrayInputStream(jpeg));
                PDPage page = new PDPage(new PDRectangle(image.getWidth() * 72f / 200, image.getHeight() * 72f / 200));
                pdf.addPage(page);
                PDImageXObject x = JPEGFactory.createFromByteArray(pdf, jpeg);
                try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                    c.drawImage(x, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
