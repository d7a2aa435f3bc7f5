package org.yekuo.intake.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.document.UploadedFile;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderPageContribution;
import org.yekuo.intake.OrderProgress;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The applicant's progress page behind the QR code and the SMS link: public, phone-sized. It lists the order's
 * materials, says what is still missing and takes a photo or scan of it (R-MAT-4); other modules add to it (the
 * customer's clock) through {@link OrderPageContribution}.
 */
@Controller
class ProgressPage {

    private final OrderProgress progress;
    private final Catalogue catalogue;
    private final List<OrderPageContribution> contributions;
    private final MaterialSupply supply;
    private final Refusals refusals;

    ProgressPage(OrderProgress progress, Catalogue catalogue, List<OrderPageContribution> contributions, MaterialSupply supply,
            Refusals refusals) {
        this.progress = progress;
        this.catalogue = catalogue;
        this.contributions = contributions;
        this.supply = supply;
        this.refusals = refusals;
    }

    @GetMapping("/s/{token}")
    String progress(@PathVariable String token, Model model, HttpServletResponse response, Locale locale) {
        var view = progress.byToken(token);
        if (view.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "intake/progress-unknown";
        }
        model.addAttribute("progress", view.get());
        model.addAttribute("token", token);
        model.addAttribute("type", catalogue.current(view.get().typeCode()));
        progress.orderIdByToken(token).ifPresent(id -> contributions.forEach(c -> model.addAllAttributes(c.progress(id))));
        model.addAttribute("materials", supply.materialsByToken(token));
        Map<String, String> names = new HashMap<>();
        catalogue.materials().forEach(m -> names.put(m.code(), m.name(locale)));
        model.addAttribute("materialNames", names);
        return "intake/progress";
    }

    @PostMapping("/s/{token}/materials/{materialCode}")
    String supply(@PathVariable String token, @PathVariable String materialCode, @RequestParam(required = false) MultipartFile file,
            Locale locale, RedirectAttributes redirect) {
        try {
            supply.supplyByApplicant(token, materialCode, UploadedFile.of(file));
            redirect.addFlashAttribute("suppliedMaterial", materialCode);
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("refusedMaterial", materialCode);
        }
        return "redirect:/s/" + token + "#materials";
    }
}
