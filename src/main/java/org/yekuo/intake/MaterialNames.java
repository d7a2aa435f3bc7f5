package org.yekuo.intake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.Material;
import org.yekuo.notification.Notifications;

/**
 * Names materials and nodes for the applicant. SMS and the suspension reason speak Chinese, the
 * customer's language, whatever language the member of staff uses.
 */
@Component
class MaterialNames {

    private final Catalogue catalogue;
    private final MessageSource messages;

    MaterialNames(Catalogue catalogue, MessageSource messages) {
        this.catalogue = catalogue;
        this.messages = messages;
    }

    /**
     * The same list for an SMS, where a template parameter may hold at most {@value Notifications#MAX_PARAMETER_LENGTH}
     * characters: the first names and how many more.
     */
    String forSms(List<String> materialCodes) {
        String all = describe(materialCodes);
        if (all.length() <= Notifications.MAX_PARAMETER_LENGTH) {
            return all;
        }
        String more = messages.getMessage("intake.sms.and-more", new Object[] {materialCodes.size()}, Locale.SIMPLIFIED_CHINESE);
        String first = describe(materialCodes.subList(0, 1));
        int room = Notifications.MAX_PARAMETER_LENGTH - more.length();
        return (first.length() > room ? first.substring(0, room - 1) + "\u2026" : first) + more;
    }

    static String shortened(String text) {
        int limit = Notifications.MAX_PARAMETER_LENGTH;
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "\u2026";
    }

    String describe(List<String> materialCodes) {
        Map<String, String> names = catalogue.materials().stream().collect(Collectors.toMap(Material::code, Material::nameZh));
        return materialCodes.stream().map(code -> names.getOrDefault(code, code)).collect(Collectors.joining("\u3001"));
    }

    String node(String nodeCode) {
        return messages.getMessage("catalogue.node." + nodeCode, null, nodeCode, Locale.SIMPLIFIED_CHINESE);
    }
}
