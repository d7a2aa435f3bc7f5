package org.yekuo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.identity.internal.SecondFactors;
import org.yekuo.identity.internal.SecondFactors.Proof;
import org.yekuo.identity.internal.StaffPrincipal;
import org.yekuo.identity.internal.StaffPrincipal.SecondFactorStep;
import org.yekuo.shared.QrCodes;

/**
 * The second step of signing in for accounts that prove a second factor: enrolling an authenticator app (QR code and
 * the secret as text, confirmed by a first code, then the ten recovery codes shown once), or entering a code — or a
 * recovery code when the phone is lost. Until then every other page leads here.
 */
@Controller
@RequestMapping("/login/second-factor")
class SecondFactorPages {

    private static final String VIEW = "account/second-factor";

    private final SecondFactors secondFactors;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorPages(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @GetMapping
    String form(Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        SecondFactorStep step = step(signedIn);
        if (step == SecondFactorStep.NONE) {
            return "redirect:/";
        }
        return show(signedIn, step, model);
    }

    @PostMapping("/enrolment")
    String confirm(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (step(signedIn) != SecondFactorStep.ENROL || !secondFactors.enrolmentOpen(signedIn)) {
            return "redirect:/login/second-factor";
        }
        SecondFactors.Confirmation confirmation = secondFactors.confirm(signedIn, code);
        if (confirmation.proof() != Proof.PROVEN) {
            return refused(confirmation.proof(), signedIn, request, response, model);
        }
        proven(signedIn, request, response);
        // Shown this once: the page is not kept in the browser's cache, and the codes are stored only as hashes.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("mode", "recovery-codes");
        model.addAttribute("recoveryCodes", confirmation.recoveryCodes());
        return VIEW;
    }

    @PostMapping
    String verify(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (step(signedIn) != SecondFactorStep.VERIFY) {
            return "redirect:/login/second-factor";
        }
        Proof proof = secondFactors.verify(signedIn, code);
        if (proof != Proof.PROVEN) {
            return refused(proof, signedIn, request, response, model);
        }
        proven(signedIn, request, response);
        return "redirect:/";
    }

    @PostMapping("/recovery")
    String recover(@RequestParam(required = false) String recoveryCode, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (step(signedIn) != SecondFactorStep.VERIFY) {
            return "redirect:/login/second-factor";
        }
        Proof proof = secondFactors.recover(signedIn, recoveryCode);
        if (proof != Proof.PROVEN) {
            model.addAttribute("recoveryError", "signin.totp.recovery-wrong");
            return refused(proof, signedIn, request, response, model);
        }
        proven(signedIn, request, response);
        model.addAttribute("mode", "recovered");
        model.addAttribute("remaining", secondFactors.remainingRecoveryCodes(signedIn));
        return VIEW;
    }

    private String show(Authentication signedIn, SecondFactorStep step, Model model) {
        if (step == SecondFactorStep.ENROL) {
            SecondFactors.Enrolment enrolment = secondFactors.enrolment(signedIn);
            model.addAttribute("mode", "enrol");
            model.addAttribute("secret", enrolment.groupedSecret());
            model.addAttribute("qr", QrCodes.svgOnce(enrolment.uri()));
        } else {
            model.addAttribute("mode", "verify");
        }
        return VIEW;
    }

    /** A wrong code shows the form again; a lock ends the sign-in, saying for how long. */
    private String refused(Proof proof, Authentication signedIn, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (proof == Proof.LOCKED) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("mode", "locked");
            return VIEW;
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        if (!model.containsAttribute("recoveryError")) {
            model.addAttribute("error", "signin.totp.wrong");
        }
        return show(signedIn, step(signedIn), model);
    }

    /** The session now carries the whole sign-in, under a new id. */
    private void proven(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(secondFactors.proven(signedIn));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }

    private static SecondFactorStep step(Authentication signedIn) {
        return signedIn != null && signedIn.getPrincipal() instanceof StaffPrincipal staff ? staff.secondFactor()
                : SecondFactorStep.NONE;
    }
}
