package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;


import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.CounterOrders;

import com.jayway.jsonpath.JsonPath;

/**
 * The order's archive through the API and the pages, on PostgreSQL (R-DOC-1, R-DOC-5, R-LIC-5): versions,
 * watermarks burned into what is served, the access log, refusals with alerts, originals for the archive
 * office only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DocumentArchiveTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    @DisplayName("R-DOC-1 R-LIC-5 a material supplied again is its next version; the archive lists both, the order page names "
            + "the current one and its history, and the content is kept encrypted outside the database")
    void resuppliedMaterialIsTheNextVersion() throws Exception {
        long id = newOrder();
        supply(id, "scan-1.pdf", SampleFiles.PDF).andExpect(status().isOk());
        supply(id, "scan-2.pdf", SampleFiles.pdf("second scan")).andExpect(status().isOk());

        mvc.perform(get("/api/orders/{id}/documents", id).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].subject").value(Matchers.contains("PROPERTY_PROOF", "PROPERTY_PROOF")))
                .andExpect(jsonPath("$[*].version").value(Matchers.contains(1, 2)))
                .andExpect(jsonPath("$[*].fileName").value(Matchers.contains("scan-1.pdf", "scan-2.pdf")))
                .andExpect(jsonPath("$[0].kind").value("MATERIAL"))
                .andExpect(jsonPath("$[0].contentType").value("application/pdf"))
                .andExpect(jsonPath("$[0].addedByName").value("王受理"));
        mvc.perform(get("/orders/{id}", id).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("电子档案")))
                .andExpect(content().string(Matchers.containsString("第 2 版")))
                .andExpect(content().string(Matchers.containsString("历史版本（1）")));

        String key = jdbc.sql("select storage_key from document where order_id = ? and version_no = 2").param(id)
                .query(String.class).single();
        Path stored = Path.of("data/documents", key.substring(0, 2), key);
        assertThat(Files.size(stored)).isGreaterThan(SampleFiles.PDF.length);
        assertThat(new String(Files.readAllBytes(stored), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
    }

    @Test
    @DisplayName("R-DOC-1 a bad file is refused with what is wrong and what is allowed, leaves no document and is audited; so "
            + "is a file name with a path in it")
    void badFilesLeaveNothingBehind() throws Exception {
        long id = newOrder();
        String orderNo = orderNo(id);
        supply(id, "scan.pdf", BadFiles.windowsProgram())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("可执行程序")));
        supply(id, "scan.pdf", BadFiles.corpus().get("PDF with JavaScript").getKey())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("JavaScript")));
        supply(id, "..\\..\\windows\\scan.pdf", SampleFiles.PDF)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("路径分隔符")));
        supply(id, "web.pdf", "<html></html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("PDF、JPEG、PNG")));

        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'PROPERTY_PROOF'")
                .param(id).query(String.class).single()).isNotEqualTo("SUPPLIED");
        assertThat(audit.forSubject("security", "clerk")).filteredOn(e -> e.detail().contains("order=" + orderNo))
                .extracting(AuditEntry::action).contains("document.upload-refused");
    }

    @Test
    @DisplayName("R-DOC-5 a downloaded PDF carries the reader's name, username, the time and 业扩内部资料 in its text, every page; "
            + "the download is logged with the address it came from")
    void downloadedPdfCarriesTheReadersWatermark() throws Exception {
        long id = newOrder();
        long documentId = documentOf(supply(id, "合同扫描件.pdf", SampleFiles.PDF));

        byte[] served = mvc.perform(get("/documents/{d}/download", documentId).with(httpBasic("designer", PASSWORD))
                        .with(request -> {
                            request.setRemoteAddr("10.1.2.3");
                            return request;
                        }))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(served)) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertThat(text).contains("业扩内部资料").contains("陈设计").contains("designer").contains("Yekuosamplescan");
        }
        assertThat(jdbc.sql("""
                select count(*) from document_access
                where document_id = ? and username = 'designer' and access_kind = 'DOWNLOAD' and allowed = true
                  and remote_address = '10.1.2.3'""").param(documentId).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/api/documents/access-log").param("username", "designer").param("orderNo", orderNo(id))
                        .with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].kind").value("DOWNLOAD"))
                .andExpect(jsonPath("$.rows[0].allowed").value(true));
        mvc.perform(get("/documents/access-log").param("orderNo", orderNo(id)).with(httpBasic("auditor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("陈设计")));
        mvc.perform(get("/api/documents/access-log").with(httpBasic("designer", PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-DOC-5 a document opened by another station's clerk is not found for them, logged as refused, and alerts the "
            + "security administrator on the alerts page and by SMS")
    void viewOutOfScopeIsRefusedAndAlerted() throws Exception {
        long id = newOrder();
        long documentId = documentOf(supply(id, "scan.pdf", SampleFiles.PDF));

        mvc.perform(get("/documents/{d}/content", documentId).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(get("/documents/{d}", documentId).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(get("/api/orders/{id}/documents", id).with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());

        assertThat(jdbc.sql("""
                select count(*) from document_access
                where document_id = ? and username = 'clerk.west' and allowed = false and refusal = 'out-of-scope'""")
                .param(documentId).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from document_alert where document_id = ? and alert_kind = 'REFUSED' and username = 'clerk.west'")
                .param(documentId).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from sms_outbox where template_code = 'document-refused' and phone_masked = '139****0002' "
                + "and body like ?").param("%" + orderNo(id) + "%").query(Long.class).single()).isEqualTo(2);
        String alerts = mvc.perform(get("/api/documents/alerts").with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        java.util.List<Number> ids = JsonPath.read(alerts, "$.rows[?(@.documentId == " + documentId + ")].id");
        long alertId = ids.get(0).longValue();
        mvc.perform(get("/documents/alerts").with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("赵受理")))
                .andExpect(content().string(Matchers.containsString(orderNo(id))));
        mvc.perform(post("/api/documents/alerts/{a}/acknowledge", alertId).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledgedBy").value("secadmin"));
        mvc.perform(get("/api/documents/alerts").with(httpBasic("auditor", PASSWORD))).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-DOC-5 only the archive office exports the original bytes; anyone else asking is refused, logged and alerted")
    void onlyArchivistsExportOriginals() throws Exception {
        long id = newOrder();
        byte[] scan = SampleFiles.pdf("original scan");
        long documentId = documentOf(supply(id, "scan.pdf", scan));

        mvc.perform(get("/documents/{d}/original", documentId).with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from document_alert where document_id = ? and username = 'clerk'")
                .param(documentId).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/documents/{d}/original", documentId).with(httpBasic("archivist", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().bytes(scan))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("attachment")));
        assertThat(jdbc.sql("select count(*) from document_access where document_id = ? and access_kind = 'ORIGINAL' and allowed = true")
                .param(documentId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-DOC-5 the 31st download within 10 minutes by one person raises one burst alert, not one per download after it")
    void downloadBurstRaisesOneAlert() throws Exception {
        long id = newOrder();
        long documentId = documentOf(supply(id, "scan.pdf", SampleFiles.PDF));
        for (int i = 0; i < 32; i++) {
            mvc.perform(get("/documents/{d}/download", documentId).with(httpBasic("head.east", PASSWORD))).andExpect(status().isOk());
        }
        assertThat(jdbc.sql("select access_count from document_alert where username = 'head.east' and alert_kind = 'BURST'")
                .query(Integer.class).list()).containsExactly(31);
        // One text to each security administrator with a work mobile; secadmin's is 139****0002.
        assertThat(jdbc.sql("select count(*) from sms_outbox where template_code = 'document-burst' and body like '%刘所长%' "
                        + "and phone_masked = '139****0002'").query(Long.class).single()).isEqualTo(1);
    }

    private long newOrder() throws Exception {
        return CounterOrders.residential(mvc, "王小明");
    }

    private String orderNo(long id) {
        return jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
    }

    private ResultActions supply(long id, String fileName, byte[] bytes) throws Exception {
        return mvc.perform(multipart("/api/applications/{id}/materials/PROPERTY_PROOF", id)
                .file(new MockMultipartFile("file", fileName, "application/octet-stream", bytes))
                .with(httpBasic("clerk", PASSWORD)));
    }

    private static long documentOf(ResultActions supplied) throws Exception {
        return ((Number) JsonPath.read(supplied.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(),
                "$.documentId")).longValue();
    }

}
