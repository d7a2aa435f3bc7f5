package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.http.Cookie;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;

/**
 * R-X-2 and issue 24 "going live without demo data": a security administrator imports staff from an Excel or CSV file
 * (UTF-8 or GBK, headers in Chinese or English). The preview names every refused row's problem per column; confirming
 * creates the accepted rows at once, each with a one-time initial password to be changed at the first sign-in, audits
 * each account and the import, and creates nothing twice when repeated. Privileged roles and units outside the
 * administrator's scope are refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffImportTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final String[] HEADERS = {"姓名", "用户名", "组织单位", "角色", "手机", "邮箱"};

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    /** A suffix that keeps this test's usernames apart from every other run's. */
    private String run;

    @BeforeEach
    void suffix() {
        run = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @Test
    @DisplayName("R-X-2 a good workbook previews every row as to be created and creates nothing; the confirmation creates them "
            + "all with a one-time password that must be changed at the first sign-in, audits each, and a second confirmation "
            + "creates nothing twice")
    void goodWorkbookIsPreviewedThenCreatedOnce() throws Exception {
        String zhang = "zhang.san." + run;
        String li = "li.si." + run;
        String wang = "wang.wu." + run;
        byte[] file = xlsx(List.of(HEADERS,
                new String[] {"张三", zhang, "YK-EAST-BIZ", "受理员", "13800138000", "zhang@example.com"},
                // The unit by its names from the company down, roles by Chinese and English names, the username in capitals.
                new String[] {"李四", li.toUpperCase(), "示范市供电公司/城东供电所/城东装表接电班", "勘查员、Inspector", "", ""},
                // The unit by its name alone, where only one unit is called so.
                new String[] {"王五", wang, "城西营业班", "受理员", "139 0000 0099", ""}));

        String preview = upload("secadmin", "staff.xlsx", file).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PREVIEWED"))
                .andExpect(jsonPath("$.creatable").value(3))
                .andExpect(jsonPath("$.refused").value(0))
                .andExpect(jsonPath("$.rows[1].username").value(li))
                .andExpect(jsonPath("$.rows[1].roles.length()").value(2))
                .andExpect(jsonPath("$.rows[0].mobileMasked").value("138****8000"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(preview, "$.id");
        assertThat(count(zhang)).as("nothing is created before the confirmation").isZero();

        String confirmed = confirm("secadmin", id).andExpect(status().isOk())
                .andExpect(jsonPath("$.alreadyConfirmed").value(false))
                .andExpect(jsonPath("$.created.length()").value(3))
                .andReturn().getResponse().getContentAsString();
        String initial = JsonPath.read(confirmed, "$.created[0].initialPassword");
        assertThat(initial).hasSize(12).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*");

        Map<String, Object> account = jdbc.sql("""
                        select s.password_must_change, s.mobile_masked, s.mobile_sealed, s.email_masked, o.code
                          from staff s join org_unit o on o.id = s.org_unit_id where s.username = ?""")
                .param(zhang).query().singleRow();
        assertThat(account).containsEntry("password_must_change", true).containsEntry("mobile_masked", "138****8000")
                .containsEntry("email_masked", "z***@example.com").containsEntry("code", "YK-EAST-BIZ");
        assertThat((String) account.get("mobile_sealed")).as("R-X-3 sealed").doesNotContain("13800138000");
        mvc.perform(get("/api/identity/staff/{id}", JsonPath.<Integer>read(confirmed, "$.created[0].staffId"))
                .with(httpBasic("secadmin", PASSWORD)))
                .andExpect(jsonPath("$.emailMasked").value("z***@example.com"));
        assertThat(jdbc.sql("select o.code from staff s join org_unit o on o.id = s.org_unit_id where s.username = ?").param(wang)
                .query(String.class).single()).isEqualTo("YK-WEST-BIZ");
        assertThat(jdbc.sql("select r.role_code from staff_role r join staff s on s.id = r.staff_id where s.username = ?")
                .param(li).query(String.class).list()).containsExactlyInAnyOrder("SURVEYOR", "INSPECTOR");
        assertThat(audit.forSubject("staff", zhang)).extracting(AuditEntry::action).containsExactly("staff.created");
        assertThat(audit.forSubject("staff-import", id)).extracting(AuditEntry::action)
                .containsExactly("staff-import.previewed", "staff-import.confirmed");

        // The initial password opens only the password page.
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(zhang).password(initial))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));

        confirm("secadmin", id).andExpect(status().isOk())
                .andExpect(jsonPath("$.alreadyConfirmed").value(true))
                .andExpect(jsonPath("$.created.length()").value(3))
                .andExpect(jsonPath("$.created[0].initialPassword").doesNotExist());
        assertThat(count(zhang) + count(li) + count(wang)).isEqualTo(3);
        assertThat(audit.forSubject("staff-import", id)).hasSize(2);
    }

    @Test
    @DisplayName("R-X-2 two confirmations of one preview at once (a double click, a repeated request) create the account once")
    void parallelConfirmationsCreateOnce() throws Exception {
        String username = "twice." + run;
        String csv = "姓名,用户名,组织单位,角色\n并发," + username + ",YK-EAST-BIZ,受理员\n";
        String id = JsonPath.read(upload("secadmin", "s.csv", csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        Callable<Boolean> confirmation = () -> JsonPath.read(confirm("secadmin", id).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.alreadyConfirmed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Boolean> again = new ArrayList<>();
            for (Future<Boolean> answer : pool.invokeAll(List.of(confirmation, confirmation))) {
                again.add(answer.get());
            }
            assertThat(again).containsExactlyInAnyOrder(false, true);
        } finally {
            pool.shutdown();
        }
        assertThat(count(username)).isEqualTo(1);
        assertThat(audit.forSubject("staff", username)).hasSize(1);
    }

    @Test
    @DisplayName("R-X-2 every refused row names its column and what is wrong: a username twice in the file or taken, an unknown "
            + "unit, a bad mobile or e-mail, a privileged or unknown role, a missing name; only the good row is created")
    void everyProblemIsNamedPerRowAndColumn() throws Exception {
        String good = "good." + run;
        String csv = "\uFEFFName,Username,Org unit,Roles,Mobile,Email\n"
                + "好人," + good + ",YK-EAST-BIZ,CLERK,,\n"
                + "重复," + good + ",YK-EAST-BIZ,受理员,,\n"
                + "已有,clerk,YK-EAST-BIZ,受理员,,\n"
                + "无单位,nounit." + run + ",NOPE,受理员,,\n"
                + "错手机,phone." + run + ",YK-EAST-BIZ,受理员,12345,\n"
                + "特权,priv." + run + ",YK,安全管理员,,\n"
                + "无角色,role." + run + ",YK-EAST-BIZ,老板,,\n"
                + "坏名字,Bad Name!,YK-EAST-BIZ,受理员,,\n"
                + "," + "noname." + run + ",YK-EAST-BIZ,受理员,,\n"
                + "错邮箱,mail." + run + ",YK-EAST-BIZ,受理员,,not-an-address\n"
                + "\"引号,逗号\",quoted." + run + ",YK-EAST-BIZ,\"受理员,勘查员\",,\n";
        String preview = upload("secadmin", "staff.csv", csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.creatable").value(2))
                .andExpect(jsonPath("$.refused").value(9))
                .andReturn().getResponse().getContentAsString();
        assertThat(problems(preview, 3)).containsEntry("username", "用户名与第 2 行重复：同一个用户名只能导入一次");
        assertThat(problems(preview, 4)).containsEntry("username", "用户名“clerk”已有人使用：请换一个");
        assertThat(problems(preview, 5).get("orgUnit")).startsWith("组织单位“NOPE”不存在或不在您的管理范围内");
        assertThat(problems(preview, 6)).containsKey("mobile");
        assertThat(problems(preview, 7).get("roles")).startsWith("角色“安全管理员”不能批量授予");
        assertThat(problems(preview, 8).get("roles")).startsWith("角色“老板”不存在");
        assertThat(problems(preview, 9)).containsKey("username");
        assertThat(problems(preview, 10)).containsKey("displayName");
        assertThat(problems(preview, 11)).containsKey("email");
        assertThat(problems(preview, 12)).as("quoted values with commas are one value").isEmpty();
        assertThat(JsonPath.<String>read(preview, "$.rows[10].displayName")).isEqualTo("引号,逗号");

        String id = JsonPath.read(preview, "$.id");
        confirm("secadmin", id).andExpect(status().isOk()).andExpect(jsonPath("$.created.length()").value(2));
        assertThat(count(good)).isEqualTo(1);
        assertThat(count("priv." + run) + count("nounit." + run)).isZero();
    }

    @Test
    @DisplayName("R-X-2 a CSV that Chinese Excel saved in GBK is read, with its Chinese headers and names")
    void gbkCsvIsRead() throws Exception {
        String csv = "姓名,用户名,组织单位,角色,手机\r\n赵六,zhao.liu." + run + ",城东营业班,受理员,13700137000\r\n";
        upload("secadmin", "员工.csv", csv.getBytes(Charset.forName("GBK"))).andExpect(status().isCreated())
                .andExpect(jsonPath("$.creatable").value(1))
                .andExpect(jsonPath("$.rows[0].displayName").value("赵六"))
                .andExpect(jsonPath("$.rows[0].orgUnitName").value("城东营业班"));
    }

    @Test
    @DisplayName("R-X-2 a template downloaded earlier, with its Chinese headers and their marks, still imports for an administrator "
            + "working in English; a refusal in English lists unknown columns as English lists them")
    void anEarlierChineseTemplateStillImports() throws Exception {
        byte[] template = xlsx(List.of(new String[] {"姓名*", "用户名", "组织单位", "角色", "手机（选填）", "邮箱"},
                new String[] {"钱七", "qian.qi." + run, "YK-EAST-BIZ", "受理员", "13600136000", ""}));
        String preview = mvc.perform(multipart("/api/identity/staff-imports")
                        .file(new MockMultipartFile("file", "员工导入模板.xlsx", "application/octet-stream", template))
                        .cookie(new Cookie("yekuo-lang", "en")).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.creatable").value(1))
                .andExpect(jsonPath("$.rows[0].mobileMasked").value("136****6000"))
                .andReturn().getResponse().getContentAsString();
        assertThat(problems(preview, 2)).isEmpty();

        byte[] unknown = xlsx(List.of(new String[] {"姓名", "用户名", "组织单位", "角色", "工号", "Badge"},
                new String[] {"钱七", "qian.qi2." + run, "YK-EAST-BIZ", "受理员", "7", "8"}));
        refused(mvc.perform(multipart("/api/identity/staff-imports")
                        .file(new MockMultipartFile("file", "staff.xlsx", "application/octet-stream", unknown))
                        .cookie(new Cookie("yekuo-lang", "en")).with(httpBasic("secadmin", PASSWORD))),
                "Columns not recognised: 工号, Badge.");
    }

    @Test
    @DisplayName("R-X-2 data scope: a station's security administrator cannot place staff in another station, whose unit reads "
            + "as unknown, and another administrator's import is not found")
    void unitsOutsideTheScopeAreRefused() throws Exception {
        String eastAdmin = "secadmin.east." + run;
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, enabled, created_at, second_factor_waived)
                select ?, '东所安全员', password_hash, (select id from org_unit where code = 'YK-EAST'), true, created_at, true
                  from staff where username = 'secadmin'""").param(eastAdmin).update();
        jdbc.sql("insert into staff_role (staff_id, role_code) select id, 'SECURITY_ADMIN' from staff where username = ?")
                .param(eastAdmin).update();
        String csv = "姓名,用户名,组织单位,角色\n东,east." + run + ",YK-EAST-BIZ,受理员\n西,west." + run + ",YK-WEST-BIZ,受理员\n";
        String preview = upload(eastAdmin, "s.csv", csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.creatable").value(1)).andReturn().getResponse().getContentAsString();
        assertThat(problems(preview, 3).get("orgUnit")).startsWith("组织单位“YK-WEST-BIZ”不存在或不在您的管理范围内");
        String id = JsonPath.read(preview, "$.id");
        mvc.perform(get("/api/identity/staff-imports/{id}", id).with(httpBasic("secadmin", PASSWORD)))
                .andExpect(status().isNotFound());
        confirm("secadmin", id).andExpect(status().isNotFound());
        // R-X-3: only security administrators import staff; the system administrator's rights are read-only here.
        upload("admin", "s.csv", csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-X-2 a file that cannot be taken as a whole is refused naming the file: missing columns, too many rows, a "
            + "formula, something that is not a spreadsheet")
    void unusableFilesAreRefused() throws Exception {
        refused(upload("secadmin", "s.csv", "姓名,用户名\n张,z\n".getBytes(StandardCharsets.UTF_8)), "缺少必填的列：组织单位、角色");
        StringBuilder many = new StringBuilder("姓名,用户名,组织单位,角色\n");
        for (int i = 0; i < 1001; i++) {
            many.append("人").append(i).append(",u").append(i).append(",YK-EAST-BIZ,受理员\n");
        }
        refused(upload("secadmin", "s.csv", many.toString().getBytes(StandardCharsets.UTF_8)), "文件超过 1000 行");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            for (int c = 0; c < 4; c++) {
                header.createCell(c).setCellValue(HEADERS[c]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellFormula("CONCATENATE(\"张\",\"三\")");
            workbook.write(out);
            refused(upload("secadmin", "s.xlsx", out.toByteArray()), "单元格 A2 是公式");
        }
        refused(upload("secadmin", "s.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2, 3}), "无法读取这个文件");
    }

    @Test
    @DisplayName("R-X-2 the downloads: the template has the Chinese headers and the units one may use; the preview to correct "
            + "writes a value a spreadsheet would run as a formula as text")
    void downloadsAreSafe() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("secadmin").password(PASSWORD))
                .andReturn().getRequest().getSession();
        byte[] template = mvc.perform(get("/staff/imports/template.xlsx").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Row header = workbook.getSheetAt(0).getRow(0);
            assertThat(List.of(header.getCell(0).getStringCellValue(), header.getCell(1).getStringCellValue(),
                    header.getCell(2).getStringCellValue(), header.getCell(3).getStringCellValue())).containsExactly("姓名", "用户名", "组织单位", "角色");
            String help = java.util.stream.StreamSupport.stream(workbook.getSheetAt(1).spliterator(), false)
                    .map(r -> r.getCell(0) == null ? "" : r.getCell(0).getStringCellValue()).collect(Collectors.joining("\n"));
            assertThat(help).contains("YK-EAST-BIZ", "受理员").doesNotContain("安全管理员\n");
        }
        String csvTemplate = new String(mvc.perform(get("/staff/imports/template.csv").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(csvTemplate).isEqualTo("\uFEFF姓名,用户名,组织单位,角色,手机,邮箱\r\n");

        String csv = "姓名,用户名,组织单位,角色\n=HYPERLINK(\"http://evil\"),x." + run + ",YK-EAST-BIZ,受理员\n";
        String id = JsonPath.read(upload("secadmin", "s.csv", csv.getBytes(StandardCharsets.UTF_8))
                .andReturn().getResponse().getContentAsString(), "$.id");
        String rows = new String(mvc.perform(get("/staff/imports/{id}/rows.csv", id).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(rows).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContain(",=HYPERLINK");

        // The page confirms as the API does, and shows the initial password this once.
        String page = mvc.perform(post("/staff/imports/{id}/confirmation", id).session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-testid=\"initial-passwords\"").contains("x." + run);
        assertThat(mvc.perform(post("/staff/imports/{id}/confirmation", id).session(session).with(csrf()))
                .andReturn().getResponse().getContentAsString()).doesNotContain("data-testid=\"initial-passwords\"");
        assertThat(mvc.perform(get("/staff/imports").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).as("the administrator's recent imports, each with its outcome").contains("已导入 1 个账户");
    }

    @Test
    @DisplayName("R-X-2 an English-speaking administrator's template is in English, named in English, and reads back as it is filled in")
    void theTemplateSpeaksTheUsersLanguage() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("secadmin").password(PASSWORD))
                .andReturn().getRequest().getSession();
        MvcResult download = mvc.perform(get("/staff/imports/template.xlsx").session(session).cookie(new Cookie("yekuo-lang", "en")))
                .andExpect(status().isOk()).andReturn();
        assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("staff-import-template.xlsx");
        List<String[]> filled = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.getResponse().getContentAsByteArray()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1))).containsExactly("Staff", "Instructions");
            Row header = workbook.getSheetAt(0).getRow(0);
            String[] headers = new String[header.getLastCellNum()];
            for (int c = 0; c < headers.length; c++) {
                headers[c] = header.getCell(c).getStringCellValue();
            }
            assertThat(headers).containsExactly("Name", "Username", "Org unit", "Roles", "Mobile", "Email");
            filled.add(headers);
        }
        filled.add(new String[] {"Wang Fang", "en." + run, "YK-EAST-BIZ", "Counter clerk", "", ""});
        String preview = upload("secadmin", "staff.xlsx", xlsx(filled)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(problems(preview, 2)).as("the row under the English headers is accepted").isEmpty();

        assertThat(mvc.perform(get("/staff/imports/template.csv").session(session)).andReturn().getResponse()
                .getHeader(HttpHeaders.CONTENT_DISPOSITION)).as("in Chinese by default")
                .contains(java.net.URLEncoder.encode("员工导入模板", StandardCharsets.UTF_8));
    }

    private ResultActions upload(String username, String fileName, byte[] content) throws Exception {
        return mvc.perform(multipart("/api/identity/staff-imports").file(new MockMultipartFile("file", fileName,
                "application/octet-stream", content)).with(httpBasic(username, PASSWORD)));
    }

    private ResultActions confirm(String username, String id) throws Exception {
        return mvc.perform(post("/api/identity/staff-imports/{id}/confirmation", id).with(httpBasic(username, PASSWORD)));
    }

    private static void refused(ResultActions result, String message) throws Exception {
        result.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("file"));
        assertThat(JsonPath.<String>read(result.andReturn().getResponse().getContentAsString(), "$.errors[0].message"))
                .startsWith(message);
    }

    /** The problems of the row at this line, by field. */
    private static Map<String, String> problems(String preview, int line) {
        List<Map<String, String>> found = JsonPath.read(preview, "$.rows[?(@.line == " + line + ")].problems[*]");
        return found.stream().collect(Collectors.toMap(p -> p.get("field"), p -> p.get("message"), (a, b) -> a + "；" + b));
    }

    private long count(String username) {
        return jdbc.sql("select count(*) from staff where username = ?").param(username).query(Long.class).single();
    }

    private static byte[] xlsx(List<String[]> rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("员工");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).length; c++) {
                    row.createCell(c).setCellValue(rows.get(r)[c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
