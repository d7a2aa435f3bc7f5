package org.yekuo.notification.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PublicAddress;

/**
 * The approved templates are the messages {@code notification.sms.<code>}. SMS in China are read in
 * Chinese, so a message is always rendered from the zh-CN bundle.
 */
@Component
public class SmsTemplates {

    static final Locale SMS_LOCALE = Locale.SIMPLIFIED_CHINESE;
    /** The templates approved with the provider, each named for staff by {@code notification.template-name.<code>}. */
    public static final List<String> APPROVED = List.of("application-submitted", "application-received", "materials-reminder",
            "order-suspended", "order-resumed", "order-cancelled", "power-on", "deadline-reminder", "deadline-overdue",
            "review-urged", "risk-warning", "verification-online-application", "verification-licence-consent",
            "evaluation-invitation", "evaluation-reminder", "verification-evaluation", "test", "document-refused",
            "document-burst", "countersign-requested", "licence-expiring", "licence-expired");
    private static final String PREFIX = "notification.sms.";

    private final MessageSource messages;
    private final PublicAddress publicAddress;

    SmsTemplates(MessageSource messages, PublicAddress publicAddress) {
        this.messages = messages;
        this.publicAddress = publicAddress;
    }

    public String render(String code, Map<String, String> params) {
        return template(code).render(params, publicAddress.base());
    }

    SmsTemplate template(String code) {
        // Without arguments the bundle returns the text as written, so {name} placeholders stay for us.
        String text = code == null || code.isBlank() ? null : messages.getMessage(PREFIX + code, null, null, SMS_LOCALE);
        if (text == null) {
            throw DomainException.invalid("templateCode", "notification.template.unknown", code);
        }
        return new SmsTemplate(code, text);
    }
}
