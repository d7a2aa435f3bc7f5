package org.yekuo.notification.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;

/**
 * A pre-approved SMS text with named {@code {parameters}}. Providers accept only approved templates and
 * links only in a template's fixed text, so the parameters must be exactly the template's, short, and
 * free of links; a link is {@code {linkBase}} (fixed configuration) followed by a short {@code {token}}.
 */
public record SmsTemplate(String code, String text) {

    static final String LINK_BASE = "linkBase";
    static final String TOKEN = "token";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern SHORT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{4,32}");

    /** The parameters a caller must give: every placeholder but the configured link base. */
    Set<String> parameters() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        names.remove(LINK_BASE);
        return names;
    }

    String render(Map<String, String> params, String linkBase) {
        Set<String> expected = parameters();
        for (String name : params.keySet()) {
            if (!expected.contains(name)) {
                throw DomainException.invalid("params." + name, "notification.template.unknown-parameter", code, name,
                        expected.isEmpty() ? "-" : String.join(", ", expected));
            }
        }
        for (String name : expected) {
            String value = params.get(name);
            if (value == null || value.isBlank()) {
                throw DomainException.invalid("params." + name, "notification.template.missing-parameter", code, name);
            }
            check(name, value.strip());
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(
                    LINK_BASE.equals(name) ? linkBase : params.get(name).strip()));
        }
        return matcher.appendTail(rendered).toString();
    }

    private static void check(String name, String value) {
        if (TOKEN.equals(name)) {
            if (!SHORT_TOKEN.matcher(value).matches()) {
                throw DomainException.invalid("params." + name, "notification.template.token-invalid");
            }
            return;
        }
        if (value.length() > Notifications.MAX_PARAMETER_LENGTH) {
            throw DomainException.invalid("params." + name, "notification.template.parameter-too-long", name,
                    Notifications.MAX_PARAMETER_LENGTH);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || lower.contains("www.")) {
            throw DomainException.invalid("params." + name, "notification.template.parameter-link", name);
        }
    }
}
