package org.yekuo.intake.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.yekuo.intake.OnlineProof;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.Refusals;

/**
 * The applicant's H5 pages for applying online without a staff account: prove the mobile number with
 * an SMS code, fill in the application (photographing a licence or ID card to fill it in, see
 * {@code /apply/photos}), get the order number and the progress link. The session, begun when the number is
 * proven, holds it ({@link OnlineProof}) and the form's key for 30 minutes and for one application; the
 * application always carries that number.
 */
@Controller
@RequestMapping("/apply")
class OnlineApplicationPages {

    static final String VERIFIED_PHONE = OnlineProof.SESSION_ATTRIBUTE;
    /** The form an unspent proof is filling in, so that what was read for it (photos) is still its own after a reload. */
    static final String FORM_KEY = "online.formKey";

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

    @GetMapping
    String start(HttpServletRequest request, Model model) {
        if (OnlineProof.unspent(request, clock).isPresent()) {
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
        request.getSession().setAttribute(VERIFIED_PHONE, new OnlineProof(phone.strip(), clock.instant()));
        request.getSession().setAttribute(FORM_KEY, UUID.randomUUID().toString());
        return "redirect:/apply/form";
    }

    @GetMapping("/form")
    String form(HttpServletRequest request, Model model) {
        Optional<OnlineProof> verified = OnlineProof.unspent(request, clock);
        if (verified.isEmpty()) {
            return "redirect:/apply";
        }
        HttpSession session = request.getSession();
        // The photos read and the e-licences fetched on the form (/apply/photos, /apply/licences) hand it back as typed,
        // with what the applicant confirmed or fetched filled in. Kept with the proof, so that a reload (a phone's
        // browser reloads a page it left for the camera) keeps it too.
        Map<String, String> typed = OnlineProof.typedForm(request);
        if (model.getAttribute("applicationForm") instanceof Map<?, ?> handed) {
            handed.forEach((name, value) -> {
                if (value instanceof String text && !text.isBlank()) {
                    typed.put(String.valueOf(name), text);
                }
            });
            // An unticked box sends nothing but its marker: the agent box comes back as the applicant left it.
            if (handed.containsKey("_agent") && !handed.containsKey("agent")) {
                typed.remove("agent");
            }
            OnlineProof.keepTypedForm(request, typed);
        }
        NewApplicationForm form = NewApplicationForm.empty(formKey(session)).prefilled(typed);
        return form(form, typed.getOrDefault("stationId", ""), verified.get(), model);
    }

    @PostMapping("/form")
    String submit(@ModelAttribute NewApplicationForm form, @RequestParam(required = false) String stationId,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> verified = OnlineProof.of(request, clock);
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
            request.getSession().setAttribute(VERIFIED_PHONE, verified.get().spentOn(key.orElse("")));
            request.getSession().removeAttribute(FORM_KEY);
            OnlineProof.forgetTypedForm(request);
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

    private String form(NewApplicationForm form, String stationId, OnlineProof verified, Model model) {
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

    /** The key of the form this session's proof is filling in; one is made for a session from before keys were kept. */
    private static String formKey(HttpSession session) {
        if (session.getAttribute(FORM_KEY) instanceof String key) {
            return key;
        }
        String key = UUID.randomUUID().toString();
        session.setAttribute(FORM_KEY, key);
        return key;
    }

    private static long station(String stationId) {
        try {
            return Long.parseLong(stationId == null ? "" : stationId.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("stationId", "online.station.unknown");
        }
    }
}
