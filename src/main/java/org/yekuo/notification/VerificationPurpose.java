package org.yekuo.notification;

/**
 * What an SMS verification code proves (6b: codes are bound to their purpose): a code issued for one
 * purpose never verifies for another. Each purpose has its own pre-approved SMS template
 * ({@code notification.sms.<template>}), because providers send only approved texts.
 */
public enum VerificationPurpose {

    /** An applicant applies online with their own mobile number. */
    ONLINE_APPLICATION("verification-online-application"),
    /** An applicant consents to one e-licence retrieval (R-LIC-2). */
    LICENCE_CONSENT("verification-licence-consent"),
    /** A customer confirms a service evaluation from the order's phone (R-EVA-3). */
    EVALUATION("verification-evaluation");

    private final String template;

    VerificationPurpose(String template) {
        this.template = template;
    }

    String template() {
        return template;
    }
}
