package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yekuo.identity.Role;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R-X-3: every operation of the OpenAPI document names the roles that may call it, and those roles are
 * the ones written in {@code docs/security/access-matrix.md}. An operation without a rule, or whose rule
 * differs from the written matrix, fails the build; every write is refused to each role the matrix
 * leaves out, and every operation but the public ones to an anonymous caller.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class AccessMatrixTests {

    private static final Path MATRIX = Path.of("docs/security/access-matrix.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(GET|POST|PUT|PATCH|DELETE)\\s*\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|");
    private static final String PUBLIC = "public";
    /** Other systems' updates: no staff role, only an access token with the operation's scope. */
    private static final String CLIENTS = "client credentials";
    /** One demo account per role, each holding only that role. */
    private static final Map<Role, String> ACCOUNTS = accounts();

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    UserDetailsService staff;

    @Autowired
    ApplicationContext context;

    private DefaultMethodSecurityExpressionHandler expressions;

    @Test
    @DisplayName("R-X-3 every operation of the API names its roles, and they are the written access matrix")
    void everyOperationNamesTheRolesOfTheWrittenMatrix() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (String operation : operations()) {
            actual.put(operation, rule(operation));
        }
        Map<String, String> written = written();

        assertThat(actual.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey))
                .as("operations that name no roles (add @PreAuthorize)").isEmpty();
        assertThat(actual).as("the rules in the code against " + MATRIX + "; the code says:%n%s", table(actual))
                .isEqualTo(written);
    }

    @Test
    @DisplayName("R-X-3 every write is refused to each role the matrix leaves out, and the API to anonymous callers")
    void writesAreRefusedToEveryRoleTheMatrixLeavesOut() throws Exception {
        Map<Role, UserDetails> principals = new EnumMap<>(Role.class);
        ACCOUNTS.forEach((role, username) -> principals.put(role, staff.loadUserByUsername(username)));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> entry : written().entrySet()) {
            String[] operation = entry.getKey().split(" ", 2);
            HttpMethod method = HttpMethod.valueOf(operation[0]);
            String uri = operation[1].replaceAll("\\{[^}]+}", "999999999");
            if (entry.getValue().equals(PUBLIC)) {
                continue;
            }
            int anonymous = call(method, uri, null);
            if (anonymous != 401) {
                wrong.add(entry.getKey() + " anonymous → " + anonymous);
            }
            if (method == HttpMethod.GET || entry.getValue().startsWith(CLIENTS)) {
                continue;
            }
            Set<String> allowed = Set.of(entry.getValue().split(",\\s*"));
            for (Role role : Role.values()) {
                if (!allowed.contains(role.name())) {
                    int status = call(method, uri, principals.get(role));
                    if (status < 400 || status >= 500 || status == 401) {
                        wrong.add(entry.getKey() + " " + role + " → " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private int call(HttpMethod method, String uri, UserDetails principal) throws Exception {
        var request = request(method, uri).contentType(MediaType.APPLICATION_JSON).content("{}").with(csrfFree());
        if (principal != null) {
            request.with(user(principal));
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    /** The API is called without a session, as integrators do: no CSRF token is needed or sent. */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor csrfFree() {
        return request -> {
            request.addHeader("Authorization", "Bearer none");
            return request;
        };
    }

    /** Every operation of the OpenAPI document as "METHOD /path". */
    private List<String> operations() throws Exception {
        String document = mvc.perform(get("/v3/api-docs").with(httpBasic("admin", "Yekuo@2026"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        JsonNode paths = new ObjectMapper().readTree(document).get("paths");
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey()));
        }
        return operations;
    }

    /** The roles the handler's rule lets in, as written in the matrix; null when it names none. */
    private String rule(String operation) {
        String[] parts = operation.split(" ", 2);
        if (parts[1].startsWith("/api/public/")) {
            return PUBLIC;
        }
        HandlerMethod handler = handler(parts[0], parts[1]);
        assertThat(handler).as("the handler of " + operation).isNotNull();
        if (parts[1].startsWith("/api/inbound/")) {
            Operation documented = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Operation.class);
            return documented == null ? null : CLIENTS + " (" + Arrays.stream(documented.security())
                    .flatMap(requirement -> Arrays.stream(requirement.scopes())).collect(Collectors.joining(", ")) + ")";
        }
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return null;
        }
        Set<Role> allowed = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (allows(rule.value(), role, handler.getMethod())) {
                allowed.add(role);
            }
        }
        return allowed.stream().map(Role::name).collect(Collectors.joining(", "));
    }

    private boolean allows(String expression, Role role, Method method) {
        if (expressions == null) {
            expressions = new DefaultMethodSecurityExpressionHandler();
            expressions.setApplicationContext(context);
        }
        DefaultMethodSecurityExpressionHandler handler = expressions;
        var authentication = UsernamePasswordAuthenticationToken.authenticated(role.name(), null,
                List.of(new SimpleGrantedAuthority(role.authority())));
        EvaluationContext evaluation = handler.createEvaluationContext(() -> authentication,
                new SimpleMethodInvocation(null, method, new Object[method.getParameterCount()]));
        return Boolean.TRUE.equals(new SpelExpressionParser().parseExpression(expression).getValue(evaluation, Boolean.class));
    }

    private HandlerMethod handler(String method, String path) {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            boolean methodMatches = info.getMethodsCondition().getMethods().isEmpty() || info.getMethodsCondition().getMethods()
                    .stream().anyMatch(m -> m.name().equals(method));
            if (methodMatches && info.getPatternValues().stream().anyMatch(p -> normalise(p).equals(path))) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Drops a path variable's regular expression ({@code {id:\d+}}) as the OpenAPI document does. */
    private static String normalise(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    private static Map<String, String> written() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(MATRIX, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(1) + " " + row.group(2), Arrays.stream(row.group(3).trim().split(",\\s*"))
                        .map(String::trim).collect(Collectors.joining(", ")));
            }
        }
        return rows;
    }

    private static String table(Map<String, String> rules) {
        return rules.entrySet().stream().map(e -> {
            String[] op = e.getKey().split(" ", 2);
            return "| " + op[0] + " | `" + op[1] + "` | " + e.getValue() + " |";
        }).collect(Collectors.joining("\n"));
    }

    private static Map<Role, String> accounts() {
        Map<Role, String> accounts = new LinkedHashMap<>();
        accounts.put(Role.CLERK, "clerk");
        accounts.put(Role.SURVEYOR, "surveyor");
        accounts.put(Role.DESIGNER, "designer");
        accounts.put(Role.REVIEWER_OPERATIONS, "ops");
        accounts.put(Role.REVIEWER_MARKETING, "marketing");
        accounts.put(Role.REVIEWER_DISPATCH, "dispatch");
        accounts.put(Role.MATERIALS_CLERK, "materials");
        accounts.put(Role.INSPECTOR, "inspector");
        accounts.put(Role.DEPARTMENT_HEAD, "head.east");
        accounts.put(Role.LEADER, "leader");
        accounts.put(Role.AUDITOR, "auditor");
        accounts.put(Role.ADMIN, "admin");
        accounts.put(Role.SECURITY_ADMIN, "secadmin");
        accounts.put(Role.ARCHIVIST, "archivist");
        return accounts;
    }
}
