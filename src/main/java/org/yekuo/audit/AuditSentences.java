package org.yekuo.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import org.yekuo.shared.Times;

/**
 * Turns audit records into sentences in the reader's language. A record's action picks its sentence
 * ({@code audit.sentence.<action>}, with placeholders such as {@code {actor}} and {@code {node}} taken from
 * the detail); the detail's {@code key=value} pairs not used by the sentence are listed under their labels
 * ({@code audit.detail.<key>}). Values are named by the message prefixes below or by a module's
 * {@link AuditTerms}; a value nobody names (a date, a number, a reason) is shown as written.
 */
@Component
public class AuditSentences {

    /** A detail key at the start of the text or after a blank: {@code node=}, {@code returnTo=}, {@code co-signer=}. */
    private static final Pattern KEY = Pattern.compile("(?:^|(?<=\\s))([a-zA-Z][\\w-]*)=");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][\\w-]*)}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
    /** Subjects that are a person, recorded by username: a staff account, or whoever signed in (or tried to). */
    private static final Set<String> PERSON_SUBJECTS = Set.of("staff", "security");

    /** Detail keys whose values are codes with a name in the message bundles, by the prefixes tried in order. */
    private static final Map<String, List<String>> NAMED_BY_MESSAGES = Map.ofEntries(
            Map.entry("node", List.of("catalogue.node.")),
            Map.entry("nodes", List.of("catalogue.node.")),
            Map.entry("returnTo", List.of("catalogue.node.")),
            Map.entry("department", List.of("catalogue.department.")),
            Map.entry("departments", List.of("catalogue.department.")),
            Map.entry("verdict", List.of("review.verdict.")),
            Map.entry("outcome", List.of("intake.outcome.", "audit.value.round-outcome.")),
            Map.entry("category", List.of("deadline.delay-category.")),
            Map.entry("roles", List.of("role.")),
            Map.entry("from", List.of("role.")),
            Map.entry("to", List.of("role.")),
            Map.entry("kind", List.of("intake.photo.kind.")),
            Map.entry("channel", List.of("audit.value.channel.")),
            Map.entry("fields", List.of("intake.node-field.")),
            Map.entry("reason", List.of("audit.value.login-failure.")),
            Map.entry("unlocked", List.of("audit.value.")),
            Map.entry("locked", List.of("audit.value.")),
            Map.entry("sms", List.of("audit.value.")));

    private final MessageSource messages;
    private final ObjectProvider<AuditTerms> terms;
    private final Clock clock;

    AuditSentences(MessageSource messages, ObjectProvider<AuditTerms> terms, Clock clock) {
        this.messages = messages;
        this.terms = terms;
        this.clock = clock;
    }

    /** These records as sentences; each value is named once however often it occurs. */
    public List<AuditLine> lines(List<AuditEntry> entries, Locale locale) {
        Naming naming = new Naming(locale);
        return entries.stream().map(naming::line).toList();
    }

    /** The detail's {@code key=value} pairs in order; empty when the detail is plain text. */
    static Map<String, String> pairs(String detail) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (detail == null || detail.isBlank()) {
            return pairs;
        }
        Matcher matcher = KEY.matcher(detail);
        if (!matcher.find() || matcher.start() != 0) {
            return pairs;
        }
        String key = matcher.group(1);
        int valueStart = matcher.end();
        while (matcher.find()) {
            pairs.put(key, clean(detail.substring(valueStart, matcher.start())));
            key = matcher.group(1);
            valueStart = matcher.end();
        }
        pairs.put(key, clean(detail.substring(valueStart)));
        return pairs;
    }

    private static String clean(String value) {
        String trimmed = value.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    }

    private final class Naming {

        private final Locale locale;
        private final Map<String, String> named = new HashMap<>();

        Naming(Locale locale) {
            this.locale = locale;
        }

        AuditLine line(AuditEntry entry) {
            Map<String, String> pairs = pairs(entry.detail());
            Map<String, String> values = new LinkedHashMap<>();
            pairs.forEach((key, value) -> values.put(key, value(key, value)));
            values.put("actor", actor(entry.actor()));
            Set<String> used = new HashSet<>();
            String sentence = fill(sentenceOf(entry.action()), values, used);
            List<AuditLine.Detail> details = new ArrayList<>();
            if (pairs.isEmpty() && entry.detail() != null && !entry.detail().isBlank()) {
                details.add(new AuditLine.Detail(null, entry.detail()));
            }
            pairs.keySet().stream().filter(key -> !used.contains(key)).forEach(key -> details.add(
                    new AuditLine.Detail(message("audit.detail." + key).orElse(key), values.get(key))));
            return new AuditLine(entry.seq(), entry.occurredAt(), sentence, subject(entry), details, entry.outcome());
        }

        private String sentenceOf(String action) {
            return message("audit.sentence." + action).orElseGet(() -> message("audit.sentence.other").orElseThrow()
                    .replace("{action}", action));
        }

        private String subject(AuditEntry entry) {
            String type = message("audit.subject-type." + entry.subjectType()).orElse(entry.subjectType());
            String id = PERSON_SUBJECTS.contains(entry.subjectType()) ? value("actor", entry.subjectId()) : entry.subjectId();
            return type + " " + id;
        }

        private String actor(String username) {
            return AuditTrail.SYSTEM_ACTOR.equals(username) ? message("audit.actor.system").orElseThrow()
                    : value("actor", username);
        }

        /** The reader's word for a value; a list of codes ("[A, B]", "A;B") is named element by element. */
        private String value(String key, String value) {
            boolean bracketed = value.startsWith("[") && value.endsWith("]");
            String bare = bracketed ? value.substring(1, value.length() - 1).strip() : value;
            if (bracketed && bare.isEmpty()) {
                return message("audit.value.none").orElseThrow();
            }
            List<String> parts = Arrays.stream(bare.split("\\s*[,;]\\s*")).filter(p -> !p.isEmpty()).toList();
            if (parts.size() > 1 && parts.stream().allMatch(p -> CODE.matcher(p).matches())) {
                String separator = message("audit.list-separator").orElseThrow();
                return parts.stream().map(p -> single(key, p)).collect(Collectors.joining(separator));
            }
            return single(key, bare);
        }

        private String single(String key, String value) {
            return named.computeIfAbsent(key + '\u001f' + value, ignored -> byMessages(key, value)
                    .or(() -> terms.orderedStream().map(t -> t.name(key, value, locale)).flatMap(Optional::stream).findFirst())
                    .or(() -> localTime(value))
                    .orElse(value));
        }

        /** An instant as the reader's clock shows it, to the minute. */
        private Optional<String> localTime(String value) {
            if (!INSTANT.matcher(value).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Times.MINUTES.format(Instant.parse(value).atZone(clock.getZone())));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        private Optional<String> byMessages(String key, String value) {
            return NAMED_BY_MESSAGES.getOrDefault(key, List.of()).stream()
                    .map(prefix -> message(prefix + value)).flatMap(Optional::stream).findFirst();
        }

        private Optional<String> message(String key) {
            return Optional.ofNullable(messages.getMessage(key, null, null, locale));
        }

        private static String fill(String template, Map<String, String> values, Set<String> used) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String key = matcher.group(1);
                used.add(key);
                matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(key, "")));
            }
            matcher.appendTail(out);
            return out.toString().replaceAll("\\s{2,}", " ").strip();
        }
    }
}
