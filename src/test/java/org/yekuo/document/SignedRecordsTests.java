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
import org.yekuo.shared.PdfFont;
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
    PdfFont font;

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

    @Test
    @DisplayName("R-DOC-3 R-DOC-6 the surveyor signs their survey record by hand and the customer the completion report: each "
            + "signature is bound to the SM3 of the version shown, placed in the PDF as its next version and countersigned; "
            + "a stale or changed version, someone else's record, a missing name or a dot are refused and save nothing")
    void handSignaturesAreBoundToTheVersionShown() throws Exception {
        long orderId = newOrder();
        Document survey = issue(orderId, "surveyor", "SITE_SURVEY_RECORD");
        mvc.perform(get("/documents/{d}", survey.id()).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-testid=\"hand-signing\"")));
        mvc.perform(get("/documents/{d}", survey.id()).with(httpBasic("inspector", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"hand-signing\""))));

        mvc.perform(get("/documents/{d}", survey.id()).with(httpBasic("archivist", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"hand-signing\""))));
        handSign(survey.id(), "inspector", survey.digest(), "HANDLER", null, SCRIBBLE).andExpect(status().isForbidden());
        handSign(survey.id(), "archivist", survey.digest(), "HANDLER", null, SCRIBBLE).andExpect(status().isForbidden());
        handSign(survey.id(), "surveyor", "0".repeat(64), "HANDLER", null, SCRIBBLE).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("已变更")));
        handSign(survey.id(), "surveyor", survey.digest(), "CUSTOMER", "王小明", SCRIBBLE).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("signer"));
        handSign(survey.id(), "surveyor", survey.digest(), "HANDLER", null, "[[[10,10]]]").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("strokes"));
        assertThat(jdbc.sql("select count(*) from hand_signature where signed_document_id = ?").param(survey.id()).query(Long.class)
                .single()).isZero();

        String signed = handSign(survey.id(), "surveyor", survey.digest(), "HANDLER", null, SCRIBBLE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(2))
                .andReturn().getResponse().getContentAsString();
        long second = ((Number) JsonPath.read(signed, "$.id")).longValue();
        mvc.perform(get("/api/documents/{d}/hand-signatures", second).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].signer").value("HANDLER"))
                .andExpect(jsonPath("$[0].signedDigest").value(survey.digest()))
                .andExpect(jsonPath("$[0].bound").value(true));
        // The version shown before is no longer the current one: signing it is refused.
        handSign(survey.id(), "surveyor", survey.digest(), "HANDLER", null, SCRIBBLE).andExpect(status().isConflict());
        // The signed version carries the surveyor's signature: it is not offered or taken twice.
        Document carrying = rows(orderId, "SITE_SURVEY_RECORD").get(1);
        handSign(second, "surveyor", carrying.digest(), "HANDLER", null, SCRIBBLE).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("已有该签名人")));
        mvc.perform(get("/documents/{d}", second).with(httpBasic("surveyor", PASSWORD)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"hand-signing\""))));

        byte[] original = mvc.perform(get("/documents/{d}/original", second).with(httpBasic("archivist", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(original)) {
            var resources = pdf.getPage(pdf.getNumberOfPages() - 1).getResources();
            boolean image = false;
            for (var name : resources.getXObjectNames()) {
                image |= resources.isImageXObject(name);
            }
            assertThat(image).as("the hand signature is drawn on the last page").isTrue();
        }
        Path copy = temp.resolve("hand-signed.pdf");
        Files.write(copy, original);
        String report = pdfsig(copy);
        assertThat(report.split("Signature is Valid", -1)).as("the surveyor's record signature and the countersignature").hasSize(3);
        // One changed byte in the placed signature image: pdfsig finds the countersignature over it invalid.
        byte[] changed = original.clone();
        int image = lastIndexOf(changed, "/Subtype /Image".getBytes(StandardCharsets.US_ASCII));
        int stream = indexOf(changed, "stream".getBytes(StandardCharsets.US_ASCII), image);
        assertThat(image).isPositive();
        assertThat(stream).isGreaterThan(image);
        changed[stream + 40] ^= 0x01;
        Path tampered = temp.resolve("hand-signed-tampered.pdf");
        Files.write(tampered, changed);
        assertThat(pdfsig(tampered).split("Signature is Valid", -1)).as("only the untouched first revision still verifies").hasSize(2);

        Document report2 = issue(orderId, "inspector", "COMPLETION_ACCEPTANCE_REPORT");
        handSign(report2.id(), "clerk", report2.digest(), "CUSTOMER", "", SCRIBBLE).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("signerName"));
        String customer = handSign(report2.id(), "clerk", report2.digest(), "CUSTOMER", "王小明", SCRIBBLE)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long accepted = ((Number) JsonPath.read(customer, "$.id")).longValue();
        mvc.perform(get("/documents/{d}", accepted).with(httpBasic("inspector", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("王*明")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("王小明"))));

        // A report issued again (after a failed inspection) starts without hand signatures and asks for them again.
        Document reissued = issue(orderId, "inspector", "COMPLETION_ACCEPTANCE_REPORT");
        assertThat(reissued.version()).isEqualTo(3);
        mvc.perform(get("/api/documents/{d}/hand-signatures", reissued.id()).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/documents/{d}", reissued.id()).with(httpBasic("inspector", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"hand-signing\"")));

        // A changed document voids the signature bound to it.
        jdbc.sql("update document set digest = ? where id = ?").params("f".repeat(64), report2.id()).update();
        mvc.perform(get("/api/documents/{d}/hand-signatures", accepted).with(httpBasic("clerk", PASSWORD)))
                .andExpect(jsonPath("$[0].bound").value(false));
        mvc.perform(get("/documents/{d}", accepted).with(httpBasic("inspector", PASSWORD)))
                .andExpect(content().string(Matchers.containsString("已失效")));
    }

    @Test
    @DisplayName("R-DOC-6 the customer signs the acceptance receipt and the supply contract by hand; the clerk who issued them "
            + "cannot sign them as the member of staff")
    void customerSignsTheReceiptAndTheContract() throws Exception {
        long orderId = newOrder();
        for (String subject : List.of("ACCEPTANCE_RECEIPT", "SUPPLY_CONTRACT")) {
            Document record = issue(orderId, "clerk", subject);
            mvc.perform(get("/documents/{d}", record.id()).with(httpBasic("clerk", PASSWORD)))
                    .andExpect(content().string(Matchers.containsString("<option value=\"CUSTOMER\"")))
                    .andExpect(content().string(Matchers.not(Matchers.containsString("<option value=\"HANDLER\""))));
            handSign(record.id(), "clerk", record.digest(), "HANDLER", null, SCRIBBLE).andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("signer"));
            handSign(record.id(), "clerk", record.digest(), "CUSTOMER", "王小明", SCRIBBLE).andExpect(status().isCreated())
                    .andExpect(jsonPath("$.subject").value(subject)).andExpect(jsonPath("$.version").value(2));
        }
    }

    private static final String SCRIBBLE = "[[[100,200],[150,150],[200,250],[260,120],[320,260]],[[400,300],[600,100]]]";

    private org.springframework.test.web.servlet.ResultActions handSign(long documentId, String user, String digest, String signer,
            String name, String strokes) throws Exception {
        String body = "{\"digest\":\"%s\",\"signer\":\"%s\",\"signerName\":%s,\"strokes\":%s}".formatted(digest, signer,
                name == null ? "null" : "\"" + name + "\"", strokes);
        return mvc.perform(post("/api/documents/{d}/hand-signatures", documentId).with(httpBasic(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private List<Document> rows(long orderId, String subject) {
        return records(orderId).stream().filter(d -> d.subject().equals(subject)).sorted(java.util.Comparator.comparingInt(Document::version))
                .toList();
    }

    private List<Document> records(long orderId) {
        return documents.archive(orderId, user("designer"));
    }

    @Test
    @DisplayName("R-DOC-3 a one-page record embeds only the glyphs it uses: under 100 KB signed, where a subset of Noto's CFF "
            + "outlines alone came to 200 KB (ADR 0027)")
    void aRecordEmbedsASmallFontSubset() throws Exception {
        Assumptions.assumeTrue(font.font().filter(name -> name.contains("wqy")).isPresent() || "true".equalsIgnoreCase(System.getenv("CI")),
                "WenQuanYi Zen Hei is not installed (fonts-wqy-zenhei)");
        assertThat(font.font()).hasValueSatisfying(name -> assertThat(name).contains("wqy-zenhei"));

        Document issued = issue(newOrder(), "ops", "REVIEW_OPINION_OPERATIONS");

        assertThat(issued.sizeBytes()).isBetween(10_000L, 100_000L);
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
        return indexOf(haystack, needle, 0);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        int last = -1;
        for (int at = indexOf(haystack, needle, 0); at >= 0; at = indexOf(haystack, needle, at + 1)) {
            last = at;
        }
        return last;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
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
