package org.yekuo.licence.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.document.Document;
import org.yekuo.document.Documents;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.Orders;
import org.yekuo.licence.LicenceReading;
import org.yekuo.licence.LicenceReadings;
import org.yekuo.licence.LicenceReadings.PageOutcome;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * The counter's papers of an order (R-LIC-3, R-LIC-5): scan or photograph them, see what each page was taken for,
 * and confirm or correct what was read. For counter clerks in the order's scope; a phone's camera works as the
 * scanner.
 */
@Controller
@PreAuthorize("hasRole('CLERK')")
class ScanPages {

    private final LicenceReadings readings;
    private final Orders orders;
    private final Documents documents;
    private final Catalogue catalogue;
    private final CurrentUsers users;
    private final Refusals refusals;

    ScanPages(LicenceReadings readings, Orders orders, Documents documents, Catalogue catalogue, CurrentUsers users,
            Refusals refusals) {
        this.readings = readings;
        this.orders = orders;
        this.documents = documents;
        this.catalogue = catalogue;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping("/licences/scans/orders/{orderId}")
    String scans(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = users.require();
        try {
            model.addAttribute("order", orders.view(orderId, user));
            model.addAttribute("readings", readings.ofOrder(orderId, user));
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "licence/scan-refused";
        }
        model.addAttribute("materialNames", materialNames(locale));
        model.addAttribute("ocrAvailable", readings.ocrAvailable());
        model.addAttribute("floor", readings.confidenceFloor());
        return "licence/scans";
    }

    @PostMapping("/licences/scans/orders/{orderId}")
    @OnRefusal(redirect = "/licences/scans/orders/{orderId}")
    String scan(@PathVariable long orderId, @RequestParam(required = false) String slot,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes redirect) {
        List<PageOutcome> outcomes = readings.scan(orderId, slot, files == null ? List.of() : files.stream().map(UploadedFile::of).toList(),
                users.require());
        List<PageOutcome> read = outcomes.stream().filter(o -> o.readingId() != null).toList();
        if (read.size() == 1 && outcomes.size() == 1 && outcomes.get(0).noteKey() == null) {
            redirect.addFlashAttribute("notice", "licence.scan.read-one");
            return "redirect:/licences/readings/" + read.get(0).readingId();
        }
        redirect.addFlashAttribute("outcomes", outcomes);
        redirect.addFlashAttribute("notice", "licence.scan.filed");
        return "redirect:/licences/scans/orders/" + orderId;
    }

    @GetMapping("/licences/readings/{id}")
    String reading(@PathVariable long id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = users.require();
        LicenceReading reading;
        try {
            reading = readings.get(id, user);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "licence/scan-refused";
        }
        if (!model.containsAttribute("values")) {
            Map<String, String> values = new LinkedHashMap<>();
            reading.fields().forEach(f -> values.put(f.name(), reading.isConfirmed() ? reading.confirmed().getOrDefault(f.name(), "") : f.value()));
            model.addAttribute("values", values);
        }
        return readingPage(reading, model, locale, request);
    }

    @PostMapping("/licences/readings/{id}/confirm")
    String confirm(@PathVariable long id, @RequestParam Map<String, String> form,
            @RequestParam(name = "take", required = false) java.util.Set<String> take, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        CurrentUser user = users.require();
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                values.put(name.substring("field.".length()), value);
            }
        });
        try {
            LicenceReading confirmed = readings.confirm(id, values, take == null ? java.util.Set.of() : take, user);
            redirect.addFlashAttribute("notice", "licence.ocr.confirmed");
            return "redirect:/licences/scans/orders/" + confirmed.orderId();
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            model.addAttribute("values", values);
            try {
                return readingPage(readings.get(id, user), model, locale, request);
            } catch (DomainException gone) {
                model.addAttribute("refusal", refusals.explain(gone, locale));
                return "licence/scan-refused";
            }
        }
    }

    /** The counter reads a licence before accepting an application: the confirmed fields fill the acceptance form. */
    @GetMapping("/licences/read")
    String readForm(Model model) {
        model.addAttribute("ocrAvailable", readings.ocrAvailable());
        return "licence/read";
    }

    @PostMapping("/licences/read")
    String read(@RequestParam(required = false) MultipartFile photo, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("ocrAvailable", readings.ocrAvailable());
        try {
            LicenceReadings.ReadPaper paper = readings.readForApplication(UploadedFile.of(photo));
            Map<String, String> values = new LinkedHashMap<>();
            paper.fields().forEach(f -> values.put(f.name(), f.value()));
            model.addAttribute("paper", paper);
            model.addAttribute("values", values);
            model.addAttribute("floor", readings.confidenceFloor());
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
        }
        return "licence/read";
    }

    @PostMapping("/licences/read/confirm")
    String confirmRead(@RequestParam(required = false) String kind, @RequestParam Map<String, String> form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("ocrAvailable", readings.ocrAvailable());
        org.yekuo.licence.PaperKind licenceKind;
        try {
            licenceKind = org.yekuo.licence.PaperKind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            return "redirect:/licences/read";
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                values.put(name.substring("field.".length()), value);
            }
        });
        try {
            redirect.addFlashAttribute("applicationPrefill", readings.confirmForApplication(licenceKind, values));
            return "redirect:/orders/new";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            // The fields as the person left them, with the confidence they were read with, for another try.
            List<org.yekuo.licence.ReadField> fields = licenceKind.fields().stream().map(name -> {
                String confidence = form.getOrDefault("confidence." + name, "0");
                double read;
                try {
                    read = Math.max(0, Math.min(1, Double.parseDouble(confidence)));
                } catch (NumberFormatException notANumber) {
                    read = 0;
                }
                return new org.yekuo.licence.ReadField(name, values.getOrDefault(name, ""), read, null);
            }).toList();
            model.addAttribute("paper", new LicenceReadings.ReadPaper(licenceKind, fields));
            model.addAttribute("values", values);
            model.addAttribute("floor", readings.confidenceFloor());
            return "licence/read";
        }
    }

    private String readingPage(LicenceReading reading, Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = users.require();
        Document document = documents.entry(reading.documentId(), user, request.getRemoteAddr());
        model.addAttribute("reading", reading);
        model.addAttribute("document", document);
        model.addAttribute("order", orders.view(reading.orderId(), user));
        model.addAttribute("materialNames", materialNames(locale));
        model.addAttribute("floor", readings.confidenceFloor());
        return "licence/reading";
    }

    private Map<String, String> materialNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        catalogue.materials().forEach(m -> names.put(m.code(), m.name(locale)));
        return names;
    }
}
