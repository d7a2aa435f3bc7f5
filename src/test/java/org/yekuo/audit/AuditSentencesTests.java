package org.yekuo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.StaffMembers;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** R-X-1 (words, not codes): audit records read as sentences with names, on the auditor's page and the order's. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditSentencesTests {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    AuditSentences sentences;

    @Autowired
    AuditTrail trail;

    @Autowired
    StaffMembers staff;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("R-X-1 a signed-for node reads as who signed for which node, by display name and node name")
    void signedForReadsAsASentence() {
        String surveyor = staff.displayNames(Set.of("surveyor")).get("surveyor");
        AuditLine line = line(entry("surveyor", "node.signed-for", "node=SITE_SURVEY"), ZH);
        assertThat(line.sentence()).isEqualTo(surveyor + " 签收了 现场勘查");
        assertThat(line.details()).isEmpty();
        assertThat(line(entry("surveyor", "node.signed-for", "node=SITE_SURVEY"), Locale.ENGLISH).sentence())
                .isEqualTo(surveyor + " signed for Site survey");
    }

    @Test
    @DisplayName("R-X-1 people, departments, lists of nodes and times in a record's detail are named, the rest labelled")
    void detailValuesAreNamed() {
        String ops = staff.displayNames(Set.of("ops")).get("ops");
        AuditLine transferred = line(entry("ops", "review.transferred", "department=OPERATIONS from=ops to=marketing"), ZH);
        assertThat(transferred.sentence()).startsWith(ops + " 将 运检部门 的方案审查转交给 ")
                .doesNotContain("marketing", "OPERATIONS");
        assertThat(transferred.details()).containsExactly(new AuditLine.Detail("转出人", ops));

        AuditLine paused = line(entry("system", "deadline.paused", "nodes=[SITE_SURVEY, SCHEME_DESIGN]"), ZH);
        assertThat(paused.sentence()).isEqualTo("订单暂停，现场勘查、供电方案拟定 停止计时");

        AuditLine yellow = line(entry("system", "deadline.turned-yellow", "node=SITE_SURVEY due=2026-03-02T09:30:00Z"), ZH);
        assertThat(yellow.sentence()).isEqualTo("现场勘查 临近期限（2026-03-02 17:30），转为黄色预警");

        AuditLine completed = line(entry("designer", "node.completed", "node=DESIGN_REVIEW outcome=FAIL returnTo=SCHEME_DESIGN"), ZH);
        assertThat(completed.details()).containsExactly(new AuditLine.Detail("结论", "不合格"),
                new AuditLine.Detail("退回至", "供电方案拟定"));

        AuditLine plain = line(entry("admin", "notification.sms.test", "test SMS to 138****0000"), ZH);
        assertThat(plain.details()).containsExactly(new AuditLine.Detail(null, "test SMS to 138****0000"));
        assertThat(line(entry("system", "deadline.paused", "nodes=[SITE_SURVEY]"), ZH).subject()).startsWith("工单 ");
    }

    @Test
    @DisplayName("R-X-1 every action the product declares has a sentence, every detail key a label and every subject a name, in both languages")
    void everyRecordedActionHasASentence() throws IOException {
        Set<String> actions = new TreeSet<>(declaredActions());
        Set<String> keys = new TreeSet<>();
        Set<String> subjects = new TreeSet<>(Set.of("security", "calendar-year", "business-type", "review-guideline"));
        List<String> undeclared = new ArrayList<>();
        Pattern call = Pattern.compile("audit\\.(record|recordSecurityEvent)\\(");
        Pattern literal = Pattern.compile("^\\s*\"([^\"]*)\"\\s*$");
        Pattern detailKey = Pattern.compile("\"[ ;]*([a-zA-Z][\\w-]*)=\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("AuditTrail audit") || file.toString().contains("/audit/")) {
                    continue;
                }
                Matcher calls = call.matcher(source);
                while (calls.find()) {
                    List<String> arguments = arguments(source, calls.end());
                    boolean record = calls.group(1).equals("record");
                    // record(action, subjectType, subjectId, detail); recordSecurityEvent(actor, action, subjectId, detail, outcome).
                    String action = arguments.get(record ? 0 : 1);
                    // A lambda would record an action no enum declares, which this test could not see.
                    if (action.contains("->")) {
                        undeclared.add(file.getFileName() + ": " + action.strip());
                    }
                    Matcher subject = literal.matcher(arguments.get(1));
                    if (record && subject.matches()) {
                        subjects.add(subject.group(1));
                    }
                    Matcher detail = detailKey.matcher(String.join(",", arguments));
                    while (detail.find()) {
                        keys.add(detail.group(1));
                    }
                }
            }
        }
        assertThat(actions).contains("node.signed-for", "login", "staff.enabled", "staff.disabled", "review.urged-automatically",
                "calendar.year-loaded", "catalogue.time-limit-changed", "document.download", "stock.step.escalation")
                .hasSizeGreaterThan(60);
        assertThat(undeclared).as("actions recorded without a declaration").isEmpty();
        assertThat(keys).contains("node", "returnTo", "department", "reason");
        assertThat(subjects).contains("application", "staff", "sms", "score-rule");
        for (String bundle : List.of("messages_zh_CN.properties", "messages_en.properties")) {
            Properties messages = load(bundle);
            assertThat(actions.stream().filter(action -> !messages.containsKey("audit.sentence." + action)))
                    .as("actions without a sentence in " + bundle).isEmpty();
            assertThat(keys.stream().filter(key -> !messages.containsKey("audit.detail." + key)))
                    .as("detail keys without a label in " + bundle).isEmpty();
            assertThat(subjects.stream().filter(subject -> !messages.containsKey("audit.subject-type." + subject)))
                    .as("subject types without a name in " + bundle).isEmpty();
        }
    }

    @Test
    @DisplayName("R-X-1 each module declares its audit actions as an enum of stored codes")
    void actionsAreDeclaredAsEnums() {
        List<Class<?>> declarations = auditActionTypes();
        assertThat(declarations).allMatch(Class::isEnum, "an enum")
                .extracting(Class::getPackageName).contains("org.yekuo.identity.internal", "org.yekuo.review", "org.yekuo.stock");
        // A code may be declared by two modules that record the same kind of change (a node completed by its handler
        // or reported by another system); what it is called is what the chain already holds.
        assertThat(declaredActions()).allMatch(code -> code.matches("[a-z][a-z-]*[a-z](?:\\.[a-z-]*[a-z])*"),
                "a lower-case code such as staff.created");
    }

    @Test
    @DisplayName("R-X-1 the auditor's page shows the sentence, not the action's code")
    void auditorPageShowsSentences() throws Exception {
        String subject = "YK-AUDIT-" + System.nanoTime();
        tx.executeWithoutResult(status -> trail.record(() -> "node.signed-for", "application", subject, "node=SCHEME_REPLY"));
        mvc.perform(get("/audit").param("subjectType", "application").with(httpBasic("auditor", "Yekuo@2026")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("签收了 供电方案答复")))
                .andExpect(content().string(containsString("工单 " + subject)))
                .andExpect(content().string(not(containsString("node.signed-for"))))
                .andExpect(content().string(containsString("<option value=\"application\" selected=\"selected\">工单</option>")));
    }

    /** The stored codes of every action the product's modules declare. */
    private static Set<String> declaredActions() {
        return auditActionTypes().stream().flatMap(type -> Arrays.stream(type.getEnumConstants()))
                .map(action -> ((AuditAction) action).code()).collect(Collectors.toSet());
    }

    private static List<Class<?>> auditActionTypes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.yekuo")
                .stream().filter(type -> type.isAssignableTo(AuditAction.class) && !type.isInterface())
                .<Class<?>>map(JavaClass::reflect).toList();
    }

    /** The top-level arguments of the call whose opening parenthesis ends at {@code from}. */
    private static List<String> arguments(String source, int from) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; ; i++) {
            char c = source.charAt(i);
            if (c == '"') {
                do {
                    i = source.indexOf('"', i + 1);
                } while (source.charAt(i - 1) == '\\');
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth-- == 0) {
                arguments.add(source.substring(start, i));
                return arguments;
            } else if (c == ',' && depth == 0) {
                arguments.add(source.substring(start, i));
                start = i + 1;
            }
        }
    }

    private AuditLine line(AuditEntry entry, Locale locale) {
        return sentences.lines(List.of(entry), locale).get(0);
    }

    private static AuditEntry entry(String actor, String action, String detail) {
        return new AuditEntry(1, java.time.Instant.parse("2026-03-02T01:00:00Z"), actor, action, "application", "YK1",
                detail, AuditEntry.Outcome.SUCCESS, "0", "0");
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AuditSentencesTests.class.getResourceAsStream("/" + bundle)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
