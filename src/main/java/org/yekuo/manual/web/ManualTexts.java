package org.yekuo.manual.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.ChangeKind;

/**
 * Words the manual's codes in the reader's language, the same for the pages and the PDF book: a change-log
 * entry as one sentence, a time limit, a node, a material, a department.
 */
@Component
class ManualTexts {

    private final MessageSource messages;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;

    ManualTexts(MessageSource messages, Catalogue catalogue, ReviewGuidelines guidelines) {
        this.messages = messages;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
    }

    String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    String node(String code, Locale locale) {
        return code == null ? "" : messages.getMessage("catalogue.node." + code, null, code, locale);
    }

    String limit(TimeLimit limit, Locale locale) {
        return limit.sameWorkingDay() ? msg("catalogue.limit.same-day", locale)
                : msg("catalogue.limit." + limit.unit().name(), locale, limit.amount());
    }

    /** A limit as the change log keeps it ({@code 2 WORKING_DAYS}). */
    String limit(String stored, Locale locale) {
        if (stored == null) {
            return "";
        }
        String[] parts = stored.split(" ");
        if ("0".equals(parts[0]) && "WORKING_DAYS".equals(parts[1])) {
            return msg("catalogue.limit.same-day", locale);
        }
        return msg("catalogue.limit." + parts[1], locale, Integer.parseInt(parts[0]));
    }

    String material(String code, Locale locale) {
        Map<String, Material> all = catalogue.materials().stream().collect(Collectors.toMap(Material::code, Function.identity()));
        Material material = all.get(code);
        return material == null ? code : material.name(locale);
    }

    String department(String code, Locale locale) {
        return messages.getMessage("catalogue.department." + code, null, code, locale);
    }

    String chapter(String typeCode, Locale locale) {
        return typeCode == null ? msg("manual.whole", locale)
                : catalogue.findCurrent(typeCode).map(t -> t.name(locale)).orElse(typeCode);
    }

    /** One sentence for a change-log entry, without its chapter (shown beside it) and reason. */
    String describe(ChangeEntry e, Locale locale) {
        ChangeKind kind = e.kind();
        return switch (kind) {
            case CHAPTER_ADDED -> msg(kind.messageKey(), locale);
            case TIME_LIMIT -> msg(kind.messageKey(), locale, node(e.subject(), locale), limit(e.before(), locale), limit(e.after(), locale));
            case NODE_ADDED -> msg(kind.messageKey(), locale, node(e.subject(), locale), limit(e.after(), locale));
            case NODE_REMOVED -> msg(kind.messageKey(), locale, node(e.subject(), locale));
            case MATERIAL_ADDED -> msg(kind.messageKey(), locale, material(e.subject(), locale), node(e.after(), locale));
            case MATERIAL_REMOVED -> msg(kind.messageKey(), locale, material(e.subject(), locale));
            case MATERIAL_DEFERRAL -> msg(kind.messageKey(), locale, material(e.subject(), locale), node(e.before(), locale),
                    node(e.after(), locale));
            case REVIEWERS -> msg(kind.messageKey(), locale, departments(e.before(), locale), departments(e.after(), locale));
            case GUIDELINE_ITEM_ADDED, GUIDELINE_ITEM_CHANGED, GUIDELINE_ITEM_REMOVED -> msg(kind.messageKey(), locale, e.subject(),
                    clauseText(e, locale));
            case NOTE_ADDED, NOTE_RETIRED -> msg(kind.messageKey(), locale, e.after() != null ? e.after() : e.before(),
                    e.subject() == null ? msg("manual.section.GENERAL", locale) : node(e.subject(), locale));
            case CASES -> msg(kind.messageKey(), locale, e.after(), e.subject());
            case EDITOR -> e.after();
        };
    }

    private String departments(String codes, Locale locale) {
        if (codes == null || codes.isEmpty()) {
            return msg("manual.none", locale);
        }
        return Arrays.stream(codes.split(",")).map(c -> department(c, locale)).collect(Collectors.joining("、"));
    }

    /** The clause's text in the version that added or changed it, or in the one before for a removed clause. */
    private String clauseText(ChangeEntry e, Locale locale) {
        String[] versions = e.after().split(":");
        int version = Integer.parseInt(e.kind() == ChangeKind.GUIDELINE_ITEM_REMOVED ? versions[1] : versions[2]);
        return guidelines.version(versions[0], version).item(e.subject()).map(i -> i.text(locale)).orElse("");
    }
}
