package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * Records the product issues are PDF/A documents of the order, signed per person with a certificate of
 * the product's authority, that standard tools verify (R-DOC-3, R-DOC-5): poppler's {@code pdfsig} names
 * the signer and finds a tampered copy invalid; the watermark of a download leaves the signature valid.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignedRecordsTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String PDFSIG = "/usr/bin/pdfsig";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignedRecords records;

    @Autowired
    Documents documents;

    @Autowired
    StaffMembers staff;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path temp;

    @Test
    @DisplayName("R-DOC-3 an issued record is PDF/A with its CJK font embedded, signed in the signer's name: pdfsig reports it "
            + "valid and names the signer, and reports a copy with one changed byte invalid")
    void issuedRecordVerifiesWithPdfsigAndATamperedCopyFails() throws Exception {
        long orderId = newOrder();
        Document issued = issue(orderId, "ops", "REVIEW_OPINION_OPERATIONS");
        byte[] original = mvc.perform(get("/documents/{d}/original", issued.id()).with(httpBasic("archivist", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        try (PDDocument pdf = Loader.loadPDF(original)) {
            String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("pdfaid:part").contains("<pdfaid:part>1</pdfaid:part>").contains("<pdfaid:conformance>B</pdfaid:conformance>");
            assertThat(pdf.getDocumentCatalog().getCOSObject().getCOSArray(org.apache.pdfbox.cos.COSName.OUTPUT_INTENTS)).isNotNull();
            for (var name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("运检部门审查意见单").contains("签名人：").contains(orderNo(orderId));
        }

        Path signed = temp.resolve("signed.pdf");
        Files.write(signed, original);
        String report = pdfsig(signed);
        assertThat(report).contains("Signature is Valid").contains("Total document signed").contains("ETSI.CAdES.detached");
        assertThat(report).contains("Signer Certificate Common Name: " + staff.byUsername("ops").orElseThrow().displayName());

        byte[] changed = original.clone();
        int at = indexOf(changed, "/Subject".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        changed[at + 12] ^= 0x01;
        Path tampered = temp.resolve("tampered.pdf");
        Files.write(tampered, changed);
        assertThat(pdfsig(tampered)).doesNotContain("Signature is Valid");
    }

    @Test
    @DisplayName("R-DOC-3 R-DOC-5 a downloaded record carries the reader's watermark after the signature, which stays valid; the "
            + "viewer page says the signature is valid and who signed; the archive lists the record under its name")
    void downloadedRecordKeepsAValidSignatureUnderTheWatermark() throws Exception {
        long orderId = newOrder();
        Document issued = issue(orderId, "leader", "ARBITRATION_RULING");
        String signer = staff.byUsername("leader").orElseThrow().displayName();

        byte[] download = mvc.perform(get("/documents/{d}/download", issued.id()).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(download)) {
            assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", "")).contains("业扩内部资料").contains("designer");
        }
        Path copy = temp.resolve("download.pdf");
        Files.write(copy, download);
        assertThat(pdfsig(copy)).contains("Signature is Valid").contains("Not total document signed");

        mvc.perform(get("/documents/{d}", issued.id()).with(httpBasic("designer", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("签名有效")))
                .andExpect(content().string(Matchers.containsString(signer)))
                .andExpect(content().string(Matchers.containsString("Yekuo Signing CA")));
        mvc.perform(get("/orders/{id}", orderId).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("争议裁决书")))
                .andExpect(content().string(Matchers.containsString("办理文书")));
        mvc.perform(get("/api/orders/{id}/documents", orderId).with(httpBasic("designer", PASSWORD)))
                .andExpect(jsonPath("$[0].kind").value("RECORD"))
                .andExpect(jsonPath("$[0].subject").value("ARBITRATION_RULING"))
                .andExpect(jsonPath("$[0].addedBy").value("leader"));
    }

    @Test
    @DisplayName("R-DOC-3 each member of staff signs with a certificate of their own from the product's authority, the same one "
            + "each time; a record issued again is its next version")
    void everySignerHasTheirOwnCertificate() throws Exception {
        long orderId = newOrder();
        issue(orderId, "ops", "REVIEW_OPINION_OPERATIONS");
        Document again = issue(orderId, "ops", "REVIEW_OPINION_OPERATIONS");
        issue(orderId, "marketing", "REVIEW_OPINION_MARKETING");
        assertThat(again.version()).isEqualTo(2);

        List<String> certificates = jdbc.sql("select certificate from signing_credential where holder in ('ops', 'marketing')")
                .query(String.class).list();
        assertThat(certificates).hasSize(2).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select private_key from signing_credential where holder = 'ops'").query(String.class).single())
                .doesNotStartWith("MI");
        for (Document document : records(orderId)) {
            List<PdfSignature> signatures = records.signatures(document);
            assertThat(signatures).singleElement().satisfies(s -> {
                assertThat(s.valid()).isTrue();
                assertThat(s.signerUsername()).isEqualTo(document.addedBy());
            });
        }
    }

    private List<Document> records(long orderId) {
        return documents.archive(orderId, user("designer"));
    }

    private CurrentUser user(String username) {
        StaffMember member = staff.byUsername(username).orElseThrow();
        return new CurrentUser(member.id(), member.username(), member.displayName(), member.orgUnitId(), "-", "-",
                member.orgPath(), "/", member.roles());
    }

    private Document issue(long orderId, String username, String subject) {
        CurrentUser signer = user(username);
        String orgPath = jdbc.sql("select org_path from application where id = ?").param(orderId).query(String.class).single();
        DocumentOwner owner = new DocumentOwner(orderId, orderNo(orderId), orgPath);
        RecordSheet sheet = new RecordSheet("运检部门审查意见单", List.of(new RecordSheet.Line("审查结论", "通过"),
                new RecordSheet.Line("审查意见", "电源点与回路数满足要求")), "本意见经审查人签署后生效。");
        return transactions.execute(status -> records.issue(owner, subject, "SCHEME_REVIEW", sheet, signer));
    }

    private static String pdfsig(Path file) throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(Path.of(PDFSIG));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("The signature tests need poppler-utils' pdfsig on CI");
        }
        Assumptions.assumeTrue(installed, "pdfsig is not installed: the standard-tool check is skipped");
        Process process = new ProcessBuilder(PDFSIG, "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long newOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"王小明","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市东城区建设路 1 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", PASSWORD))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(created, "$.id")).longValue();
    }

    private String orderNo(long orderId) {
        return jdbc.sql("select order_no from application where id = ?").param(orderId).query(String.class).single();
    }
}
