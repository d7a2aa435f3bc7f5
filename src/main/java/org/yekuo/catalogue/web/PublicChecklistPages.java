package org.yekuo.catalogue.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.Revision;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PublicAddress;
import org.yekuo.shared.QrCodes;

/**
 * The public checklists (R-MAT-6): before applying, anyone sees which materials a business type needs at
 * acceptance, which may follow later and until which node, and which materials are never asked for. Every page
 * shows the current catalogue version, so a printed poster's QR code always leads to today's checklist.
 */
@Controller
@RequestMapping("/public/checklists")
class PublicChecklistPages {

    private static final String BASE = "/public/checklists";

    private final Catalogue catalogue;
    private final Clock clock;
    private final PublicAddress publicAddress;

    PublicChecklistPages(Catalogue catalogue, Clock clock, PublicAddress publicAddress) {
        this.publicAddress = publicAddress;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping
    String index(Model model) {
        List<BusinessTypeSummary> types = catalogue.types();
        Map<ProcessFamily, List<BusinessTypeSummary>> byFamily = new LinkedHashMap<>();
        for (ProcessFamily family : ProcessFamily.values()) {
            byFamily.put(family, types.stream().filter(t -> t.family() == family).toList());
        }
        byFamily.values().removeIf(List::isEmpty);
        model.addAttribute("families", byFamily);
        return "catalogue/checklist/index";
    }

    @GetMapping("/{code}")
    String checklist(@PathVariable String code, Model model) {
        describe(catalogue.current(code), model);
        model.addAttribute("abolished", catalogue.abolishedMaterials());
        return "catalogue/checklist/checklist";
    }

    @GetMapping("/{code}/poster")
    String poster(@PathVariable String code, Model model) {
        describe(catalogue.current(code), model);
        String link = publicAddress.link(BASE + "/" + code);
        model.addAttribute("link", link);
        model.addAttribute("qr", QrCodes.svg(link));
        return "catalogue/checklist/poster";
    }

    @GetMapping("/{code}/templates/application-form")
    String applicationForm(@PathVariable String code, @RequestParam(defaultValue = "false") boolean download,
            Model model, HttpServletResponse response) {
        return template(code, "application-form", download, model, response);
    }

    @GetMapping("/{code}/templates/power-of-attorney")
    String powerOfAttorney(@PathVariable String code, @RequestParam(defaultValue = "false") boolean download,
            Model model, HttpServletResponse response) {
        return template(code, "power-of-attorney", download, model, response);
    }

    /** An unknown type answers the same public page style, not the staff error page. */
    @ExceptionHandler(DomainException.class)
    String unknown(DomainException e, HttpServletResponse response) {
        response.setStatus(e.status().value());
        return "catalogue/checklist/unknown";
    }

    private String template(String code, String name, boolean download, Model model, HttpServletResponse response) {
        describe(catalogue.current(code), model);
        // The type code is a catalogue code (ASCII letters and underscores), so the file name needs no encoding.
        ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(name + "-" + code + ".html").build();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
        return "catalogue/checklist/" + name;
    }

    private void describe(BusinessTypeDefinition type, Model model) {
        model.addAttribute("type", type);
        model.addAttribute("versionDate", versionDate(type));
        model.addAttribute("required", type.requiredAtAcceptance());
        model.addAttribute("deferred", type.checklist().stream().filter(i -> !i.requiredAtAcceptance()).toList());
        model.addAttribute("oneCertificate", type.requiredAtAcceptance().stream()
                .map(ChecklistItem::material).anyMatch(Material::subjectQualification));
    }

    private LocalDate versionDate(BusinessTypeDefinition type) {
        return catalogue.history(type.code()).stream().filter(r -> r.version() == type.version()).findFirst()
                .map(Revision::changedAt).orElseThrow().atZone(clock.getZone()).toLocalDate();
    }
}
