package org.yekuo.intake.web;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.Refusals;

/**
 * The applicant's H5 pages for applying online without a staff account: prove the mobile number with
 * an SMS code, fill in the application, get the order number and the progress link. The session, begun
 * when the number is proven, holds it and nothing else for 30 minutes and for one application; the
 * application always carries that number.
 */
@Controller
@RequestMapping("/apply")
class OnlineApplicationPages {

    static final String VERIFIED_PHONE = "online.verifiedPhone";
    static final Duration VERIFIED_FOR = Duration.ofMinutes(30);

    private final VerificationCodes codes;
    private final ApplicationIntake intake;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final Refusals refusals;
    private final Clock clock;

    OnlineApplicationPages(VerificationCodes codes, ApplicationIntake intake, Catalogue catalogue, OrgUnits orgUnits,
            Refusals refusals, Clock clock) {
        this.codes = codes;
        this.intake = intake;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.refusals = refusals;
        this.clock = clock;
    }

    /**
     * A number proven with a code, when, and the idempotency key of the one application it was spent on (null while
     * unspent); serializable so that sessions may live in the database.
     */
    record VerifiedPhone(String phone, Instant verifiedAt, String spentOn) implements Serializable {

        VerifiedPhone(String phone, Instant verifiedAt) {
            this(phone, verifiedAt, null);
        }

        boolean spent() {
            return spentOn != null;
        }

        /** A proof is good for one application: once spent, only a repeat of that same submission gets through. */
        boolean allows(String idempotencyKey) {
            return !spent() || (!spentOn.isEmpty() && spentOn.equals(idempotencyKey));
        }
    }

    @GetMapping
    String start(HttpServletRequest request, Model model) {
        if (verifiedPhone(request).filter(v -> !v.spent()).isPresent()) {
            return "redirect:/apply/form";
        }
        model.addAttribute("phone", "");
        return "online/phone";
    }

    @PostMapping("/code")
    String sendCode(@RequestParam(required = false) String phone, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        model.addAttribute("phone", phone == null ? "" : phone.strip());
        try {
            var issued = codes.issue(phone, VerificationPurpose.ONLINE_APPLICATION, request.getRemoteAddr());
            model.addAttribute("phoneMasked", issued.phoneMasked());
            model.addAttribute("sent", true);
            return "online/code";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "online/phone";
        }
    }

    @PostMapping("/verify")
    String verify(@RequestParam(required = false) String phone, @RequestParam(required = false) String code,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        try {
            codes.verify(phone, VerificationPurpose.ONLINE_APPLICATION, code);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("phone", phone == null ? "" : phone.strip());
            model.addAttribute("phoneMasked", Masking.mobile(phone));
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "online/code";
        }
        // A new session id once the number is proven, so that a session id planted earlier proves nothing.
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(VERIFIED_PHONE, new VerifiedPhone(phone.strip(), clock.instant()));
        return "redirect:/apply/form";
    }

    @GetMapping("/form")
    String form(HttpServletRequest request, Model model) {
        Optional<VerifiedPhone> verified = verifiedPhone(request).filter(v -> !v.spent());
        if (verified.isEmpty()) {
            return "redirect:/apply";
        }
        return form(NewApplicationForm.empty(UUID.randomUUID().toString()), "", verified.get(), model);
    }

    @PostMapping("/form")
    String submit(@ModelAttribute NewApplicationForm form, @RequestParam(required = false) String stationId,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        Optional<VerifiedPhone> verified = verifiedPhone(request);
        Optional<String> key = Optional.ofNullable(form.idempotencyKey()).map(String::strip).filter(k -> !k.isEmpty());
        if (verified.isEmpty() || !verified.get().allows(key.orElse(""))) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("phone", "");
            model.addAttribute("refusal", refusals.explain(DomainException.forbidden(
                    verified.isEmpty() ? "online.session.unverified" : "online.session.spent"), locale));
            return "online/phone";
        }
        try {
            var application = intake.acceptOnline(form.toRequest(verified.get().phone()), station(stationId), key);
            request.getSession().setAttribute(VERIFIED_PHONE, new VerifiedPhone(verified.get().phone(), verified.get().verifiedAt(),
                    key.orElse("")));
            redirect.addFlashAttribute("orderNo", application.orderNo());
            redirect.addFlashAttribute("token", application.progressToken());
            return "redirect:/apply/submitted";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return form(form, stationId, verified.get(), model);
        }
    }

    @GetMapping("/submitted")
    String submitted(Model model) {
        return model.containsAttribute("orderNo") ? "online/submitted" : "redirect:/apply";
    }

    private String form(NewApplicationForm form, String stationId, VerifiedPhone verified, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("stationId", stationId == null ? "" : stationId);
        model.addAttribute("phoneMasked", Masking.mobile(verified.phone()));
        model.addAttribute("types", catalogue.onlineTypes());
        model.addAttribute("stations", stations());
        return "online/form";
    }

    private List<OrgUnit> stations() {
        // A closed station takes no new orders (issue 24, org-unit administration).
        return orgUnits.within(new DataScope("/")).stream().filter(unit -> unit.kind() == OrgUnit.Kind.STATION && !unit.closed())
                .toList();
    }

    /**
     * The number proven in this session within the last 30 minutes; an older one is forgotten. Only looked for: a visitor
     * who has proven no number has no session, so opening these pages in bulk costs the server no memory.
     */
    private Optional<VerifiedPhone> verifiedPhone(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(VERIFIED_PHONE) instanceof VerifiedPhone verified)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(verified.verifiedAt().plus(VERIFIED_FOR))) {
            session.removeAttribute(VERIFIED_PHONE);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    private static long station(String stationId) {
        try {
            return Long.parseLong(stationId == null ? "" : stationId.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("stationId", "online.station.unknown");
        }
    }
}
