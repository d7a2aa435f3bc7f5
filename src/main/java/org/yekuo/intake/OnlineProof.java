package org.yekuo.intake;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A mobile number the applicant proved with an SMS code on the online application pages, when, and the idempotency
 * key of the one application it was spent on (null while unspent). The session holds it, begun only once the number
 * is proven, for 30 minutes and one application; other pages under {@code /apply} (the photos read on the form) ask
 * it who is applying. Serializable so that sessions may live in the database.
 */
public record OnlineProof(String phone, Instant verifiedAt, String spentOn) implements Serializable {

    public static final String SESSION_ATTRIBUTE = "online.verifiedPhone";
    public static final Duration VALID_FOR = Duration.ofMinutes(30);
    /** The form as last handed from page to page under {@code /apply} (photos, e-licences), so that a reload keeps it. */
    public static final String TYPED_FORM = "online.typedForm";

    public OnlineProof(String phone, Instant verifiedAt) {
        this(phone, verifiedAt, null);
    }

    public boolean spent() {
        return spentOn != null;
    }

    /** A proof is good for one application: once spent, only a repeat of that same submission gets through. */
    public boolean allows(String idempotencyKey) {
        return !spent() || (!spentOn.isEmpty() && spentOn.equals(idempotencyKey));
    }

    public OnlineProof spentOn(String idempotencyKey) {
        return new OnlineProof(phone, verifiedAt, idempotencyKey);
    }

    /**
     * The number proven in this request's session within the last 30 minutes; an older one is forgotten. Only looked
     * for: a visitor who has proven no number has no session, and asking creates none.
     */
    public static Optional<OnlineProof> of(HttpServletRequest request, Clock clock) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof OnlineProof proof)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(proof.verifiedAt().plus(VALID_FOR))) {
            session.removeAttribute(SESSION_ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(proof);
    }

    /** The number proven and not yet spent on an application: who may still fill in the form. */
    public static Optional<OnlineProof> unspent(HttpServletRequest request, Clock clock) {
        return of(request, clock).filter(proof -> !proof.spent());
    }

    /**
     * The application form as the pages under {@code /apply} last handed it on, kept with the proof: a phone's browser
     * reloads a page it left for the camera or the SMS app, and what was typed must survive that. Empty without a session.
     */
    public static Map<String, String> typedForm(HttpServletRequest request) {
        Map<String, String> typed = new LinkedHashMap<>();
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(TYPED_FORM) instanceof Map<?, ?> kept) {
            kept.forEach((name, value) -> typed.put(String.valueOf(name), String.valueOf(value)));
        }
        return typed;
    }

    /** Keeps the form as handed on; only where a proof began a session, so that asking creates none. */
    public static void keepTypedForm(HttpServletRequest request, Map<String, String> typed) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(TYPED_FORM, new LinkedHashMap<>(typed));
        }
    }

    /** Forgets the form once it became an application. */
    public static void forgetTypedForm(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(TYPED_FORM);
        }
    }
}
