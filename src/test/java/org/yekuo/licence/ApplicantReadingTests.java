package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.support.CounterOrders;


/**
 * R-LIC-3 R-DOC-1 an applicant photographs a missing material on the progress page: an ID card is read by the same
 * recogniser as at the counter, filed as the ID card, and its fields wait for the applicant to confirm them on their
 * phone, taking the address into the order if they choose; a photo of something else is filed as given; another
 * order's reading is not theirs to see.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApplicantReadingTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    LicenceReadings readings;

    final LicenceImages images = new LicenceImages(2026);

    @BeforeEach
    void needsTesseract() {
        Assumptions.assumeTrue(readings.ocrAvailable() || "true".equals(System.getenv("CI")), "tesseract-ocr-chi-sim is not installed");
    }

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 an ID card photographed on the progress page is read, filed and confirmed by the applicant, "
            + "who takes its address into the order")
    void applicantConfirmsAnIdCardReadOnThePhone() throws Exception {
        long orderId = newOrder();
        String token = token(orderId);
        String slot = missingMaterial(orderId);
        Sample card = images.next(PaperKind.ID_CARD, Spoil.PHONE);

        MvcResult uploaded = mvc.perform(multipart("/s/{t}/licences/photos/{c}", token, slot)
                        .file(new MockMultipartFile("file", "身份证.jpg", "image/jpeg", card.jpeg())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String readingPage = uploaded.getResponse().getRedirectedUrl();
        assertThat(readingPage).startsWith("/s/" + token + "/licences/readings/");
        long readingId = Long.parseLong(readingPage.substring(readingPage.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(orderId).query(Long.class).single()).isEqualTo(1);

        mvc.perform(get(readingPage)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"field.idNumber\"")))
                .andExpect(content().string(Matchers.containsString("id=\"confirm-reading\"")));
        // Another order's progress link does not open this reading.
        mvc.perform(get("/s/{t}/licences/readings/{id}", token(newOrder()), readingId)).andExpect(status().isNotFound());

        Map<String, String> values = new LinkedHashMap<>(card.truth());
        var confirm = post(readingPage + "/confirm").with(csrf()).param("take", "address");
        values.forEach((k, v) -> confirm.param("field." + k, v));
        mvc.perform(confirm).andExpect(status().is3xxRedirection()).andExpect(flash().attribute("readingConfirmed", true));

        assertThat(jdbc.sql("select status || ' ' || confirmed_by from licence_reading where id = ?").param(readingId)
                .query(String.class).single()).isEqualTo("CONFIRMED applicant");
        assertThat(jdbc.sql("select supply_address from application where id = ?").param(orderId).query(String.class).single())
                .isEqualTo(card.truth().get("address"));
        assertThat(audit.forSubject("application", orderNo(orderId))).extracting(AuditEntry::action)
                .contains("licence.read-online", "licence.confirmed", "application.applicant-taken");
    }

    @Test
    @DisplayName("R-DOC-1 a photo of something that is no licence is filed as the material it was given for, as before")
    void otherPhotosAreFiledAsGiven() throws Exception {
        long orderId = newOrder();
        String token = token(orderId);
        String slot = missingMaterial(orderId);
        BufferedImage blank = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(blank, "jpeg", jpeg);

        mvc.perform(multipart("/s/{t}/licences/photos/{c}", token, slot)
                        .file(new MockMultipartFile("file", "photo.jpg", "image/jpeg", jpeg.toByteArray())).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("suppliedMaterial", slot));
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = ?")
                .params(orderId, slot).query(String.class).single()).isEqualTo("SUPPLIED");
        assertThat(jdbc.sql("select count(*) from licence_reading where order_id = ?").param(orderId).query(Long.class).single()).isZero();
    }

    private String missingMaterial(long orderId) {
        return jdbc.sql("select material_code from application_material where application_id = ? and state in ('DEFERRED', 'REQUIRED')"
                + " order by material_code limit 1").param(orderId).query(String.class).single();
    }

    private long newOrder() throws Exception {
        return CounterOrders.residential(mvc, "示范用户");
    }

    private String token(long orderId) {
        return jdbc.sql("select progress_token from application where id = ?").param(orderId).query(String.class).single();
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }
}
