package org.yekuo.licence.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import org.yekuo.licence.ApplicantReadings;
import org.yekuo.licence.LicenceReading;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The applicant's photos of what the order still misses, from the progress page on their phone (R-LIC-3, R-DOC-1):
 * uploaded, read, and, when a licence was read, its fields confirmed by the applicant. Behind the progress link,
 * without a sign-in, like the progress page.
 */
@Controller
@RequestMapping("/s/{token}/licences")
class ApplicantReadingPages {

    private final ApplicantReadings readings;
    private final Refusals refusals;

    ApplicantReadingPages(ApplicantReadings readings, Refusals refusals) {
        this.readings = readings;
        this.refusals = refusals;
    }

    @PostMapping("/photos/{materialCode}")
    String upload(@PathVariable String token, @PathVariable String materialCode, @RequestParam(required = false) MultipartFile file,
            Locale locale, RedirectAttributes redirect) {
        try {
            ApplicantReadings.Upload upload = readings.upload(token, materialCode, UploadedFile.of(file));
            if (upload.readingId() != null) {
                redirect.addFlashAttribute("read", true);
                return "redirect:/s/" + token + "/licences/readings/" + upload.readingId();
            }
            redirect.addFlashAttribute("suppliedMaterial", upload.filedMaterial());
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("refusedMaterial", materialCode);
        }
        return "redirect:/s/" + token + "#materials";
    }

    @GetMapping("/readings/{id}")
    String reading(@PathVariable String token, @PathVariable long id, Model model, Locale locale, HttpServletResponse response) {
        try {
            LicenceReading reading = readings.get(token, id);
            if (!model.containsAttribute("values")) {
                Map<String, String> values = new LinkedHashMap<>();
                reading.fields().forEach(f -> values.put(f.name(), reading.isConfirmed() ? reading.confirmed().getOrDefault(f.name(), "")
                        : f.value()));
                model.addAttribute("values", values);
            }
            return page(token, reading, model);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            return "intake/progress-unknown";
        }
    }

    @PostMapping("/readings/{id}/confirm")
    String confirm(@PathVariable String token, @PathVariable long id, @RequestParam Map<String, String> form,
            @RequestParam(name = "take", required = false) Set<String> take, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                values.put(name.substring("field.".length()), value);
            }
        });
        try {
            readings.confirm(token, id, values, take == null ? Set.of() : take);
            redirect.addFlashAttribute("readingConfirmed", true);
            return "redirect:/s/" + token + "#materials";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("values", values);
            try {
                return page(token, readings.get(token, id), model);
            } catch (DomainException gone) {
                return "intake/progress-unknown";
            }
        }
    }

    private String page(String token, LicenceReading reading, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("reading", reading);
        model.addAttribute("floor", readings.confidenceFloor());
        return "licence/applicant-reading";
    }
}
