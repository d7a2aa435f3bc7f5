package org.yekuo.licence.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.document.UploadedFile;
import org.yekuo.intake.OnlineProof;
import org.yekuo.licence.ApplyPhotos;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The photo panel of the online application form (R-LIC-3, R-DOC-1): the applicant photographs a licence or ID card,
 * checks and corrects what was read on a page of its own, and the confirmed values fill the form. Its buttons submit
 * the whole form here, and every step hands the form back as typed (a flash "applicationForm"), as the counter's
 * e-licence panel does. Only for the phone proven in this session and not yet spent; asking creates no session.
 */
@Controller
@RequestMapping("/apply/photos")
class ApplyPhotoPages {

    private final ApplyPhotos photos;
    private final Refusals refusals;
    private final Clock clock;

    ApplyPhotoPages(ApplyPhotos photos, Refusals refusals, Clock clock) {
        this.photos = photos;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** The panel as the form stands: whether photos are read here, and the photos read for it. */
    @GetMapping("/{formKey}/panel")
    String panel(@PathVariable String formKey, HttpServletRequest request, Model model) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "licence/apply :: none";
        }
        model.addAttribute("formKey", formKey);
        model.addAttribute("ocrAvailable", photos.ocrAvailable());
        model.addAttribute("photos", photos.photos(formKey, proof.get().phone()));
        model.addAttribute("floor", photos.confidenceFloor());
        return "licence/apply :: panel";
    }

    @PostMapping("/read")
    String read(@RequestParam Map<String, String> form, @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
            Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        Map<String, String> typed = typed(form);
        redirect.addFlashAttribute("applicationForm", typed);
        try {
            ApplyPhotos.Photo photo = photos.read(form.get("idempotencyKey"), proof.get().phone(), UploadedFile.of(file));
            redirect.addFlashAttribute("read", true);
            return "redirect:/apply/photos/" + form.get("idempotencyKey") + "/" + photo.id();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            return "redirect:/apply/form#apply-photos";
        }
    }

    /** The page to check one photo's fields; the form as typed rides along in hidden fields. */
    @GetMapping("/{formKey}/{id}")
    String check(@PathVariable String formKey, @PathVariable long id, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        try {
            ApplyPhotos.Photo photo = photos.get(formKey, proof.get().phone(), id);
            // The form as typed rides in from the form page; a reload of this page (no flash) takes it as last kept.
            if (model.getAttribute("applicationForm") instanceof Map<?, ?> handed) {
                Map<String, String> typed = new LinkedHashMap<>();
                handed.forEach((name, value) -> typed.put(String.valueOf(name), String.valueOf(value)));
                OnlineProof.keepTypedForm(request, typed);
            } else {
                Map<String, String> kept = OnlineProof.typedForm(request);
                kept.put("idempotencyKey", formKey);
                model.addAttribute("applicationForm", kept);
            }
            return page(formKey, photo, values(photo), model);
        } catch (DomainException e) {
            return "redirect:/apply/form";
        }
    }

    /** From the form's panel: open a photo to check it again, keeping what was typed. */
    @PostMapping("/{formKey}/{id}/open")
    String open(@PathVariable String formKey, @PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        redirect.addFlashAttribute("applicationForm", typed(form));
        return "redirect:/apply/photos/" + formKey + "/" + id;
    }

    @PostMapping("/{formKey}/{id}/confirm")
    String confirm(@PathVariable String formKey, @PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                values.put(name.substring("field.".length()), value);
            }
        });
        Map<String, String> typed = typed(form);
        try {
            typed.putAll(photos.confirm(formKey, proof.get().phone(), id, values));
            redirect.addFlashAttribute("applicationForm", typed);
            redirect.addFlashAttribute("notice", "licence.apply.confirmed");
            return "redirect:/apply/form#apply-photos";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("applicationForm", typed);
            try {
                return page(formKey, photos.get(formKey, proof.get().phone(), id), values, model);
            } catch (DomainException gone) {
                redirect.addFlashAttribute("applicationForm", typed);
                return "redirect:/apply/form";
            }
        }
    }

    @PostMapping("/{formKey}/{id}/remove")
    String remove(@PathVariable String formKey, @PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request,
            Locale locale, RedirectAttributes redirect) {
        Optional<OnlineProof> proof = OnlineProof.unspent(request, clock);
        if (proof.isEmpty()) {
            return "redirect:/apply";
        }
        try {
            photos.remove(formKey, proof.get().phone(), id);
            redirect.addFlashAttribute("notice", "licence.apply.removed");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        redirect.addFlashAttribute("applicationForm", typed(form));
        return "redirect:/apply/form#apply-photos";
    }

    /** Back to the form from the check page without confirming: what was typed comes back. */
    @PostMapping("/back")
    String back(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        redirect.addFlashAttribute("applicationForm", typed(form));
        return "redirect:/apply/form#apply-photos";
    }

    private String page(String formKey, ApplyPhotos.Photo photo, Map<String, String> values, Model model) {
        model.addAttribute("formKey", formKey);
        model.addAttribute("photo", photo);
        model.addAttribute("values", values);
        model.addAttribute("floor", photos.confidenceFloor());
        return "licence/apply-check";
    }

    private static Map<String, String> values(ApplyPhotos.Photo photo) {
        Map<String, String> values = new LinkedHashMap<>();
        photo.fields().forEach(f -> values.put(f.name(), photo.value(f.name())));
        return values;
    }

    /** What the form sends that is the application's own, not this panel's. */
    private static Map<String, String> typed(Map<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (!name.equals("_csrf") && !name.equals("file") && !name.startsWith("field.")) {
                typed.put(name, value);
            }
        });
        return typed;
    }
}
