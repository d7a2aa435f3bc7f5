package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.BadFiles;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Refusals;
import org.yekuo.support.Subjects;

/**
 * R-LIC-3 R-DOC-1 an applicant applying online photographs their ID card on the form before the order exists: it is
 * read, recognised by what it says, its fields checked and corrected on the phone, the confirmed values fill the form,
 * and the submitted order files the photo as its ID card with the confirmed reading. Bad photos and bad values are
 * refused naming the field and keep nothing; nobody without a proven phone gets a session or a photo in; an
 * abandoned form's photos are swept.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApplyPhotoTests {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern FORM_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([A-Za-z0-9-]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    AuditTrail audit;
    @Autowired
    ApplyPhotos photos;

    final LicenceImages images = new LicenceImages(2027);

    @BeforeEach
    void needsTesseract() {
        Assumptions.assumeTrue(photos.ocrAvailable() || "true".equals(System.getenv("CI")), "tesseract-ocr-chi-sim is not installed");
    }

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 an ID card photographed on /apply is read, corrected and confirmed, fills the form, and the "
            + "submitted order files it as its ID card with the confirmed reading")
    void photoOnTheFormBecomesTheOrdersIdCard() throws Exception {
        String phone = Subjects.phone();
        MockHttpSession session = proven(phone);
        String formKey = formKey(session);
        mvc.perform(get("/apply/photos/{k}/panel", formKey).session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"apply-photo-read\"")));

        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        MvcResult read = mvc.perform(typed(multipart("/apply/photos/read")
                        .file(new MockMultipartFile("file", "身份证.jpg", "image/jpeg", card.jpeg())), session, formKey)
                        .param("capacity", "8"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("applicationForm", Matchers.hasEntry("capacity", "8"))).andReturn();
        String checkPage = read.getResponse().getRedirectedUrl();
        assertThat(checkPage).startsWith("/apply/photos/" + formKey + "/");
        long photoId = Long.parseLong(checkPage.substring(checkPage.lastIndexOf('/') + 1));
        // Held for the form, sealed: nothing of the order exists yet, and no readable ID number is stored.
        assertThat(jdbc.sql("select count(*) from licence_apply_photo where form_key = ?").param(formKey).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select read_cipher from licence_apply_photo where id = ?").param(photoId).query(String.class).single())
                .doesNotContain(card.truth().get("idNumber"));

        mvc.perform(get(checkPage).session(session).flashAttrs(read.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"field.idNumber\"")))
                .andExpect(content().string(Matchers.containsString("data-doubtful=")))
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" value=\"8\"")));

        // A value carrying a bidi override is refused naming the field, and so is an ID number whose check digit is wrong;
        // nothing is confirmed.
        Map<String, String> values = new LinkedHashMap<>(card.truth());
        var bidi = post(checkPage + "/confirm").session(session).with(csrf()).param("capacity", "8");
        values.forEach((k, v) -> bidi.param("field." + k, k.equals("address") ? v + "\u202e" : v));
        mvc.perform(bidi).andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("field.address")));
        String idNumber = card.truth().get("idNumber");
        String wrongCheck = idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? "2" : "1");
        var badNumber = post(checkPage + "/confirm").session(session).with(csrf()).param("capacity", "8");
        values.forEach((k, v) -> badNumber.param("field." + k, k.equals("idNumber") ? wrongCheck : v));
        mvc.perform(badNumber).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" value=\"8\"")));
        assertThat(jdbc.sql("select confirmed_at is null from licence_apply_photo where id = ?").param(photoId).query(Boolean.class)
                .single()).isTrue();

        String corrected = card.truth().get("address") + "1 单元";
        var confirm = post(checkPage + "/confirm").session(session).with(csrf()).param("capacity", "8").param("idempotencyKey", formKey);
        values.forEach((k, v) -> confirm.param("field." + k, k.equals("address") ? corrected : v));
        MvcResult confirmed = mvc.perform(confirm).andExpect(redirectedUrl("/apply/form#apply-photos"))
                .andExpect(flash().attribute("applicationForm", Matchers.allOf(Matchers.hasEntry("applicantName", card.truth().get("name")),
                        Matchers.hasEntry("subjectCode", card.truth().get("idNumber")), Matchers.hasEntry("supplyAddress", corrected),
                        Matchers.hasEntry("applicantKind", "PERSON"), Matchers.hasEntry("capacity", "8"))))
                .andReturn();
        mvc.perform(get("/apply/form").session(session).flashAttrs(confirmed.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"" + card.truth().get("idNumber") + "\"")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"notice\"")));
        // A reload (a phone's browser reloads a page it left) keeps what was filled in.
        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"" + card.truth().get("idNumber") + "\"")))
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" inputmode=\"decimal\" value=\"8\"")));

        MvcResult submitted = mvc.perform(post("/apply/form").session(session).with(csrf())
                        .param("typeCode", "LV_RES_NEW").param("applicantKind", "PERSON").param("applicantName", card.truth().get("name"))
                        .param("subjectCode", card.truth().get("idNumber")).param("supplyAddress", corrected).param("capacity", "8")
                        .param("capacityUnit", "KW").param("stationId", Long.toString(orgUnit("YK-EAST"))).param("idempotencyKey", formKey))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn();
        String orderNo = (String) submitted.getFlashMap().get("orderNo");
        long orderId = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();

        Map<String, Object> document = jdbc.sql("select id, subject, content_type from document where order_id = ?").param(orderId)
                .query().singleRow();
        assertThat(document.get("subject")).isEqualTo("ID_CARD");
        assertThat(document.get("content_type")).isEqualTo("image/jpeg");
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'ID_CARD'")
                .param(orderId).query(String.class).single()).isEqualTo("SUPPLIED");
        Map<String, Object> reading = jdbc.sql("select * from licence_reading where order_id = ?").param(orderId).query().singleRow();
        assertThat(reading.get("status")).isEqualTo("CONFIRMED");
        assertThat(reading.get("confirmed_by")).isEqualTo("applicant");
        assertThat(((Number) reading.get("document_id")).longValue()).isEqualTo(((Number) document.get("id")).longValue());
        assertThat(cipher.decrypt((String) reading.get("confirmed_cipher"))).contains(corrected);
        // The form keeps nothing once its order has the photo.
        assertThat(jdbc.sql("select count(*) from licence_apply_photo where form_key = ?").param(formKey).query(Long.class).single())
                .isZero();
        assertThat(audit.forSubject("application", orderNo)).extracting(AuditEntry::action).contains("licence.apply-attached");
        assertThat(audit.forSubject("licence-form", formKey)).extracting(AuditEntry::action)
                .contains("licence.apply-read", "licence.apply-confirmed");
    }

    @Test
    @DisplayName("R-LIC-3 an agent who photographs a licence comes back to the form with the agent box still ticked and what was "
            + "typed kept, a reload of the check page loses nothing, and unticking the box on the way back sticks")
    void agentBoxAndTypedValuesSurviveThePhotoPagesAndAReload() throws Exception {
        MockHttpSession session = proven(Subjects.phone());
        String formKey = formKey(session);
        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        MvcResult read = mvc.perform(typed(multipart("/apply/photos/read")
                        .file(new MockMultipartFile("file", "身份证.jpg", "image/jpeg", card.jpeg())), session, formKey)
                        .param("capacity", "12").param("agent", "true").param("_agent", "on"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String checkPage = read.getResponse().getRedirectedUrl();
        mvc.perform(get(checkPage).session(session).flashAttrs(read.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"agent\" value=\"true\"")));
        // The phone's browser reloads the check page: the flash is gone, the typed form is not.
        mvc.perform(get(checkPage).session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" value=\"12\"")))
                .andExpect(content().string(Matchers.containsString("name=\"agent\" value=\"true\"")))
                .andExpect(content().string(Matchers.containsString("name=\"idempotencyKey\" value=\"" + formKey + "\"")));

        MvcResult back = mvc.perform(post("/apply/photos/back").session(session).with(csrf()).param("idempotencyKey", formKey)
                        .param("capacity", "12").param("agent", "true").param("_agent", "on"))
                .andExpect(redirectedUrl("/apply/form#apply-photos")).andReturn();
        mvc.perform(get("/apply/form").session(session).flashAttrs(back.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"agent\" type=\"checkbox\" value=\"true\" checked")));
        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"agent\" type=\"checkbox\" value=\"true\" checked")))
                .andExpect(content().string(Matchers.containsString("name=\"capacity\" inputmode=\"decimal\" value=\"12\"")));

        // Unticked on the way back: the box stays unticked, also after a reload.
        MvcResult unticked = mvc.perform(post("/apply/photos/back").session(session).with(csrf()).param("idempotencyKey", formKey)
                        .param("capacity", "12").param("_agent", "on"))
                .andExpect(redirectedUrl("/apply/form#apply-photos")).andReturn();
        mvc.perform(get("/apply/form").session(session).flashAttrs(unticked.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("value=\"true\" checked"))));
        mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("value=\"true\" checked"))));
    }

    @Test
    @DisplayName("R-LIC-3 a photo left unconfirmed on the form joins the order unconfirmed, is used for nothing, and waits on the "
            + "progress page for the applicant to confirm it")
    void unconfirmedPhotoWaitsOnTheProgressPage() throws Exception {
        MockHttpSession session = proven(Subjects.phone());
        String formKey = formKey(session);
        Sample certificate = images.next(PaperKind.PROPERTY_CERTIFICATE, Spoil.PHONE);
        mvc.perform(typed(multipart("/apply/photos/read")
                        .file(new MockMultipartFile("file", "产权证.jpg", "image/jpeg", certificate.jpeg())), session, formKey))
                .andExpect(status().is3xxRedirection());

        MvcResult submitted = mvc.perform(post("/apply/form").session(session).with(csrf())
                        .param("typeCode", "LV_RES_NEW").param("applicantKind", "PERSON").param("applicantName", "王小明")
                        .param("subjectCode", Subjects.idNumber()).param("supplyAddress", "示范市城东区人民路 9 号").param("capacity", "8")
                        .param("capacityUnit", "KW").param("stationId", Long.toString(orgUnit("YK-EAST"))).param("idempotencyKey", formKey))
                .andExpect(redirectedUrl("/apply/submitted")).andReturn();
        String token = (String) submitted.getFlashMap().get("token");
        long orderId = jdbc.sql("select id from application where progress_token = ?").param(token).query(Long.class).single();
        Map<String, Object> reading = jdbc.sql("select id, status, filed_material from licence_reading where order_id = ?").param(orderId)
                .query().singleRow();
        assertThat(reading.get("status")).isEqualTo("READ");
        assertThat(PaperKind.PROPERTY_CERTIFICATE.materials()).contains((String) reading.get("filed_material"));
        // Nothing read is used before it is confirmed: the order keeps the address typed on the form.
        assertThat(jdbc.sql("select supply_address from application where id = ?").param(orderId).query(String.class).single())
                .isEqualTo("示范市城东区人民路 9 号");

        String link = "/s/" + token + "/licences/readings/" + reading.get("id");
        mvc.perform(get("/s/{t}/licences/panel", token)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"reading-to-confirm\"")))
                .andExpect(content().string(Matchers.containsString("href=\"" + link + "\"")));
        var confirm = post(link + "/confirm").with(csrf());
        certificate.truth().forEach((k, v) -> confirm.param("field." + k, v));
        mvc.perform(confirm).andExpect(status().is3xxRedirection()).andExpect(flash().attribute("readingConfirmed", true));
        mvc.perform(get("/s/{t}/licences/panel", token)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"reading-to-confirm\""))));
    }

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 a file that is no picture, a PDF carrying script and a photo of no licence are refused naming "
            + "the photo field, and nothing is kept")
    void badPhotosAreRefusedNamingTheField() throws Exception {
        String phone = Subjects.phone();
        MockHttpSession session = proven(phone);
        String formKey = formKey(session);

        assertRefused(session, formKey, "notes.txt", "just some text\n".getBytes(), "JPEG");
        assertRefused(session, formKey, "scan.pdf", BadFiles.corpus().get("PDF with JavaScript").getKey(), "脚本");
        assertRefused(session, formKey, "meter.jpg", images.notALicence(), "meter.jpg");

        assertThat(jdbc.sql("select count(*) from licence_apply_photo where form_key = ?").param(formKey).query(Long.class).single())
                .isZero();
    }

    @Test
    @DisplayName("6b R-LIC-3 without a phone proven by SMS code, the photo panel creates no session and a photo is not taken")
    void noSessionAndNoPhotoBeforeThePhoneIsProven() throws Exception {
        MvcResult panel = mvc.perform(get("/apply/photos/{k}/panel", "0123456789abcdef")).andExpect(status().isOk()).andReturn();
        assertThat(panel.getRequest().getSession(false)).isNull();
        assertThat(panel.getResponse().getContentAsString()).doesNotContain("apply-photo-read");

        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);
        mvc.perform(multipart("/apply/photos/read").file(new MockMultipartFile("file", "id.jpg", "image/jpeg", card.jpeg()))
                        .with(csrf()).param("idempotencyKey", "0123456789abcdef"))
                .andExpect(redirectedUrl("/apply"));
        assertThat(jdbc.sql("select count(*) from licence_apply_photo where form_key = ?").param("0123456789abcdef")
                .query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-LIC-3 a photo is the form's and its phone's only, and an abandoned form's photos are deleted once the hold is over")
    void photosAreTheFormsAndExpire() throws Exception {
        MockHttpSession session = proven(Subjects.phone());
        String formKey = formKey(session);
        Sample licence = images.next(PaperKind.BUSINESS_LICENCE, Spoil.PHONE);
        MvcResult read = mvc.perform(typed(multipart("/apply/photos/read")
                        .file(new MockMultipartFile("file", "licence.jpg", "image/jpeg", licence.jpeg())), session, formKey))
                .andExpect(status().is3xxRedirection()).andReturn();
        String checkPage = read.getResponse().getRedirectedUrl();
        assertThat(checkPage).startsWith("/apply/photos/" + formKey + "/");

        // Another proven phone does not see it, even with the form's key.
        MockHttpSession other = proven(Subjects.phone());
        mvc.perform(get(checkPage).session(other)).andExpect(redirectedUrl("/apply/form"));
        mvc.perform(get("/apply/photos/{k}/panel", formKey).session(other)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"apply-photo\""))));
        mvc.perform(get("/apply/photos/{k}/panel", formKey).session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-kind=\"BUSINESS_LICENCE\"")));

        jdbc.sql("update licence_apply_photo set expires_at = read_at where form_key = ?").param(formKey).update();
        assertThat(photos.sweep()).isPositive();
        assertThat(jdbc.sql("select count(*) from licence_apply_photo where form_key = ?").param(formKey).query(Long.class).single())
                .isZero();
    }

    private void assertRefused(MockHttpSession session, String formKey, String name, byte[] bytes, String said) throws Exception {
        MvcResult result = mvc.perform(typed(multipart("/apply/photos/read").file(new MockMultipartFile("file", name, "image/jpeg", bytes)),
                        session, formKey))
                .andExpect(redirectedUrl("/apply/form#apply-photos")).andReturn();
        Refusals.Refusal refusal = (Refusals.Refusal) result.getFlashMap().get("refusal");
        assertThat(refusal.fields()).containsKey("file");
        assertThat(refusal.fields().get("file")).contains(said);
        mvc.perform(get("/apply/form").session(session).flashAttrs(result.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"error-file\"")));
    }

    private MockMultipartHttpServletRequestBuilder typed(MockMultipartHttpServletRequestBuilder request, MockHttpSession session, String formKey) {
        return request.session(session).with(csrf()).param("idempotencyKey", formKey).param("typeCode", "LV_RES_NEW")
                .param("stationId", Long.toString(orgUnit("YK-EAST")));
    }

    private MockHttpSession proven(String phone) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/apply/code").session(session).with(csrf()).param("phone", phone)).andExpect(status().isOk());
        mvc.perform(post("/apply/verify").session(session).with(csrf()).param("phone", phone).param("code", lastCode(phone)))
                .andExpect(redirectedUrl("/apply/form"));
        return session;
    }

    private String formKey(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/apply/form").session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"apply-photos-slot\"")))
                .andReturn().getResponse().getContentAsString();
        Matcher key = FORM_KEY.matcher(page);
        assertThat(key.find()).isTrue();
        return key.group(1);
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), "verification-online-application").query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private long orgUnit(String code) {
        return jdbc.sql("select id from org_unit where code = ?").param(code).query(Long.class).single();
    }
}
