package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.yekuo.shared.Refusals;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.OrderReference;
import org.yekuo.workflow.ProcessFamily;

import com.jayway.jsonpath.JsonPath;

/** The counter's pages as the browser posts them: the acceptance form, its refusals and who may see what. */
@SpringBootTest
@AutoConfigureMockMvc
class OrderPagesTests {

    private static final String PASSWORD = "Yekuo@2026";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderProcesses processes;

    @Test
    @DisplayName("R-MAT-3 a wrong ID check digit comes back on its field with status 422, the form as typed, nothing saved")
    void refusedFormKeepsWhatWasTyped() throws Exception {
        String valid = idNumber();
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String wrong = valid.substring(0, 17) + wrongCheck;
        String key = UUID.randomUUID().toString();
        String phone = phone();

        String html = mvc.perform(acceptanceForm("clerk", key, wrong, phone))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();

        assertThat(text(html, "error-subjectCode")).contains("\u6821\u9a8c\u4f4d").contains("\u5e94\u4e3a " + valid.charAt(17));
        assertThat(inputValue(html, "subjectCode")).isEqualTo(wrong);
        assertThat(inputValue(html, "applicantName")).isEqualTo("\u94b1\u5b66\u68ee");
        assertThat(inputValue(html, "phone")).isEqualTo(phone);
        assertThat(inputValue(html, "supplyAddress")).isEqualTo("\u793a\u8303\u5e02\u57ce\u4e1c\u533a\u5149\u660e\u8def 12 \u53f7");
        assertThat(inputValue(html, "capacity")).isEqualTo("6.5");
        assertThat(html).contains("<option value=\"KW\" selected=\"selected\">");
        assertThat(html).containsPattern("name=\"idempotencyKey\" value=\"" + key + "\"");
        assertThat(html).doesNotContain("data-testid=\"error-phone\"");
        assertThat(applicationsWithKey(key)).isZero();

        mvc.perform(acceptanceForm("clerk", key, wrong, phone).header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("GB 11643 gives " + valid.charAt(17))));
    }

    @Test
    @DisplayName("R-MAT-3 the same form sent twice (same hidden key) makes one order; the list shows it with its deadline")
    void resubmittedFormMakesOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String phone = phone();
        String first = mvc.perform(acceptanceForm("clerk", key, idNumber(), phone))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();
        String second = mvc.perform(acceptanceForm("clerk", key, idNumber(), phone))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();

        assertThat(second).isEqualTo(first);
        assertThat(applicationsWithKey(key)).isEqualTo(1);
        String orderNo = jdbc.sql("select order_no from application where idempotency_key = ?").param(key)
                .query(String.class).single();
        String list = mvc.perform(get("/orders").param("q", orderNo).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String row = list.substring(list.indexOf("<tr data-order="), list.indexOf("</tr>", list.indexOf("<tr data-order=")));
        assertThat(row).contains(orderNo, "\u4f4e\u538b\u5c45\u6c11\u65b0\u88c5", "\u4e1a\u52a1\u53d7\u7406")
                .containsPattern("<span>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</span>");
        assertThat(list.split("<tr data-order=")).hasSize(2);
    }

    @Test
    @DisplayName("R-X-2 only a clerk gets the acceptance form; another station's clerk does not find the order")
    void accessToTheCounterPages() throws Exception {
        mvc.perform(get("/orders/new").with(httpBasic("surveyor", PASSWORD))).andExpect(status().isForbidden());
        String key = UUID.randomUUID().toString();
        mvc.perform(acceptanceForm("surveyor", key, idNumber(), phone())).andExpect(status().isForbidden());
        assertThat(applicationsWithKey(key)).isZero();

        mvc.perform(get("/orders/new").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(matchesPattern("(?s).*name=\"idempotencyKey\" value=\"[0-9a-f-]{36}\".*")));
        String order = mvc.perform(acceptanceForm("clerk", UUID.randomUUID().toString(), idNumber(), phone()))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(order).with(httpBasic("clerk.west", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("data-testid=\"refusal\">\u627e\u4e0d\u5230\u5de5\u5355")));
        mvc.perform(get(order + "/receipt").with(httpBasic("clerk.west", PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(get(order).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"progress-link\"")));
    }

    @Test
    @DisplayName("R-DOC-2 a node's missing field is named next to the field and in the summary, with what was entered kept")
    void taskFormShowsFieldMessages() throws Exception {
        String order = mvc.perform(acceptanceForm("clerk", UUID.randomUUID().toString(), idNumber(), phone()))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(order.substring(order.lastIndexOf('/') + 1));
        String acceptance = openTask(id);
        mvc.perform(post("/tasks/{t}/complete", acceptance).with(httpBasic("clerk", PASSWORD)).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));
        String survey = openTask(id);
        mvc.perform(post("/tasks/{t}/sign-for", survey).with(httpBasic("surveyor", PASSWORD)).with(csrf()))
                .andExpect(redirectedUrlPattern("/tasks/*"));

        String page = mvc.perform(post("/tasks/{t}/complete", survey).with(httpBasic("surveyor", PASSWORD)).with(csrf())
                        .param("meterPosition", "\u5317\u5899").param("distanceMetres", "abc"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(text(page, "error-supplyPoint")).isEqualTo("\u8bf7\u586b\u5199\u4f9b\u7535\u63a5\u5165\u70b9");
        assertThat(text(page, "error-distanceMetres")).contains("abc");
        assertThat(page).doesNotContain("data-testid=\"error-meterPosition\"");
        assertThat(all(page, "<li>\\s*<a href=\"(#[a-zA-Z]+)\">")).containsExactly("#supplyPoint", "#distanceMetres", "#surveyOpinion");
        assertThat(inputValue(page, "meterPosition")).isEqualTo("\u5317\u5899");
    }

    @Test
    @DisplayName("R-COL-1 my work names each node's order and address; a node whose order cannot be read is listed by its id")
    void myWorkListsOrdersAndSurvivesAnUnreadableOne() throws Exception {
        String order = mvc.perform(acceptanceForm("clerk", UUID.randomUUID().toString(), idNumber(), phone()))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(order.substring(order.lastIndexOf('/') + 1));
        String orgPath = jdbc.sql("select org_path from application where id = ?").param(id).query(String.class).single();
        long orphan = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
        processes.start(new OrderReference(orphan, null, null, 0, orgPath), ProcessFamily.LV, List.of("ACCEPTANCE", "SITE_SURVEY"));

        String page = allOfMyWork("clerk");
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
        assertThat(page).contains(orderNo + " \u00b7 \u94b1*\u68ee", "\u793a\u8303\u5e02\u57ce\u4e1c\u533a\u5149\u660e\u8def 12 \u53f7")
                .contains("\u5de5\u5355 #" + orphan);
    }

    @Test
    @DisplayName("R-COL-1 my work shows at most fifty lines a page, with the total and a pager through all of them")
    void myWorkIsPaged() throws Exception {
        // At least one line of the clerk's own, whatever the other tests left in the shared database.
        mvc.perform(acceptanceForm("clerk", UUID.randomUUID().toString(), idNumber(), phone()))
                .andExpect(redirectedUrlPattern("/orders/*"));
        String first = mvc.perform(get("/tasks").with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> total = all(first, "data-testid=\"tasks-total\">\u5171 (\\d+) \u6761</span>");
        assertThat(total).hasSize(1);
        String everything = allOfMyWork("clerk");
        assertThat(everything.split("<li data-order=")).hasSize(Integer.parseInt(total.get(0)) + 1);
        assertThat(first.split("<li data-order=").length - 1).isBetween(1, 50);
        assertThat(first).doesNotContain("page=-1");
    }

    @Test
    @DisplayName("R-X-2 an action on an order out of reach goes back to the order page with the reason in the flash, nothing done")
    void refusedOrderActionGoesBackToTheOrderWithTheReason() throws Exception {
        String order = mvc.perform(acceptanceForm("clerk", UUID.randomUUID().toString(), idNumber(), phone()))
                .andExpect(redirectedUrlPattern("/orders/*")).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(order.substring(order.lastIndexOf('/') + 1));
        var asWestClerk = httpBasic("clerk.west", PASSWORD);
        List<RequestBuilder> actions = List.of(post(order + "/chase").with(asWestClerk).with(csrf()),
                post(order + "/phone").with(asWestClerk).with(csrf()),
                post(order + "/cancel").param("reason", "\u5ba2\u6237\u64a4\u9500").with(asWestClerk).with(csrf()),
                multipart(order + "/materials/ID_CARD").file(new MockMultipartFile("file", "id.pdf", "application/pdf",
                        "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).with(asWestClerk).with(csrf()));
        for (RequestBuilder action : actions) {
            MvcResult refused = mvc.perform(action).andExpect(status().isFound()).andExpect(redirectedUrl(order)).andReturn();
            assertThat((Map<String, Object>) refused.getFlashMap()).as(refused.getRequest().getRequestURI())
                    .containsOnlyKeys("refusal")
                    .containsEntry("refusal", new Refusals.Refusal("\u627e\u4e0d\u5230\u5de5\u5355 " + id, Map.of()));
        }
        assertThat(jdbc.sql("select status from application where id = ?").param(id).query(String.class).single())
                .isNotEqualTo("CANCELLED");
    }

    @Test
    @DisplayName("R-COL-1 signing for a node that is not there goes back to the node's page with the reason in the flash")
    void refusedSignForGoesBackToTheNodeWithTheReason() throws Exception {
        MvcResult refused = mvc.perform(post("/tasks/{t}/sign-for", "no-such-node").with(httpBasic("surveyor", PASSWORD))
                        .with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/tasks/no-such-node")).andReturn();
        assertThat((Map<String, Object>) refused.getFlashMap()).containsOnlyKeys("refusal")
                .containsEntry("refusal", new Refusals.Refusal("\u627e\u4e0d\u5230\u73af\u8282\u4efb\u52a1 no-such-node", Map.of()));
        MvcResult page = mvc.perform(get("/tasks/{t}", "no-such-node").with(httpBasic("surveyor", PASSWORD)))
                .andExpect(status().isNotFound()).andReturn();
        assertThat(page.getModelAndView().getViewName()).isEqualTo("intake/refused");
        assertThat(page.getResponse().getContentAsString())
                .contains("data-testid=\"refusal\">\u627e\u4e0d\u5230\u73af\u8282\u4efb\u52a1 no-such-node")
                .contains("data-testid=\"current-user\"");
    }

    /** Every page of the user's work, one after the other, following the pager's "next" link. */
    private String allOfMyWork(String user) throws Exception {
        StringBuilder pages = new StringBuilder();
        for (int page = 0; ; page++) {
            String html = mvc.perform(get("/tasks").param("page", Integer.toString(page)).with(httpBasic(user, PASSWORD)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            pages.append(html);
            if (!html.contains("data-testid=\"tasks-next\"")) {
                return pages.toString();
            }
        }
    }

    private MockHttpServletRequestBuilder acceptanceForm(String user, String key, String idNumber, String phone) {
        return post("/orders").with(httpBasic(user, PASSWORD)).with(csrf())
                .param("idempotencyKey", key).param("typeCode", "LV_RES_NEW").param("applicantKind", "PERSON")
                .param("subjectCode", idNumber).param("applicantName", "\u94b1\u5b66\u68ee").param("phone", phone)
                .param("supplyAddress", "\u793a\u8303\u5e02\u57ce\u4e1c\u533a\u5149\u660e\u8def 12 \u53f7")
                .param("capacity", "6.5").param("capacityUnit", "KW")
                // An unticked checkbox sends nothing; the form's marker field stands for it.
                .param("_agent", "on");
    }

    private String openTask(long orderId) throws Exception {
        String order = mvc.perform(get("/api/applications/{id}", orderId).with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(order, "$.openItems[0].taskId");
    }

    /** The text of the element with this {@code data-testid}, which holds no further markup. */
    private static String text(String html, String testId) {
        List<String> found = all(html, "data-testid=\"" + testId + "\"[^>]*>([^<]*)<");
        assertThat(found).as(testId).hasSize(1);
        return found.get(0).trim();
    }

    private static String inputValue(String html, String id) {
        List<String> found = all(html, "<input id=\"" + id + "\"[^>]*\\svalue=\"([^\"]*)\"");
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }

    private static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private long applicationsWithKey(String key) {
        return jdbc.sql("select count(*) from application where idempotency_key = ?").param(key).query(Long.class).single();
    }

    /** A valid ID number of a birth date no other test uses, so nothing of it is on file. */
    private static String idNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String first17 = "330106" + (1950 + random.nextInt(40)) + String.format("%02d", 1 + random.nextInt(12))
                + String.format("%02d", 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
