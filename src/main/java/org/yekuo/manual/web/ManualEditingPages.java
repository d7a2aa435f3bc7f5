package org.yekuo.manual.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.StaffNames;
import org.yekuo.manual.Edition;
import org.yekuo.manual.ManualEditing;
import org.yekuo.manual.NoteDraft;
import org.yekuo.manual.NoteKind;
import org.yekuo.manual.Publication;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The editors' desk (administrators, leader in charge): what the next edition will bring from the catalogue,
 * the guidelines and the typical cases, the open feedback, the notes of a chapter, and publishing with the
 * change log. A refused form is shown again with its message and what was typed.
 */
@Controller
@RequestMapping("/manual/editing")
@PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
class ManualEditingPages {

    static final int ENTRY_FORMS = 3;

    private final ManualEditing editing;
    private final Catalogue catalogue;
    private final ManualTexts texts;
    private final CurrentUsers users;
    private final StaffNames names;
    private final Refusals refusals;
    private final PageShell shell;

    ManualEditingPages(ManualEditing editing, Catalogue catalogue, ManualTexts texts, CurrentUsers users, StaffNames names,
            Refusals refusals, PageShell shell) {
        this.editing = editing;
        this.catalogue = catalogue;
        this.texts = texts;
        this.users = users;
        this.names = names;
        this.refusals = refusals;
        this.shell = shell;
    }

    @GetMapping
    String desk(@RequestParam(required = false) String type, Model model) {
        String shown = type == null || type.isBlank() ? catalogue.types().get(0).code() : type;
        model.addAttribute("draft", editing.draft(users.require()));
        model.addAttribute("types", catalogue.types());
        model.addAttribute("type", catalogue.current(shown));
        model.addAttribute("notes", editing.draftNotes(shown));
        model.addAttribute("kinds", NoteKind.values());
        model.addAttribute("entryForms", ENTRY_FORMS);
        model.addAttribute("texts", new ManualPages.Wording(texts, names));
        model.addAttribute("canEdit", true);
        model.addAttribute("canSeeBoard", true);
        model.addAttribute("zone", org.yekuo.shared.ClockConfiguration.UTILITY_ZONE);
        return "manual/editing";
    }

    @PostMapping("/notes")
    String addNote(NoteDraft draft, Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
        try {
            editing.addNote(draft, users.require());
            redirect.addFlashAttribute("saved", "note");
            return "redirect:/manual/editing?type=" + draft.typeCode() + "#notes";
        } catch (DomainException e) {
            refused(e, "note", draft, model, response, locale);
            return desk(draft.typeCode(), model);
        }
    }

    @PostMapping("/notes/{id}/retire")
    String retireNote(@PathVariable long id, @RequestParam String type, RedirectAttributes redirect) {
        editing.retireNote(id, users.require());
        redirect.addFlashAttribute("saved", "retired");
        return "redirect:/manual/editing?type=" + type + "#notes";
    }

    @PostMapping("/publish")
    String publish(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
            HttpServletResponse response, Locale locale) {
        List<Publication.Entry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRY_FORMS; i++) {
            List<Long> answers = form.getOrDefault("entries[" + i + "].answersFeedback", List.of()).stream()
                    .filter(s -> !s.isBlank()).map(Long::valueOf).toList();
            entries.add(new Publication.Entry(form.getFirst("entries[" + i + "].typeCode"), form.getFirst("entries[" + i + "].text"),
                    form.getFirst("entries[" + i + "].reason"), answers));
        }
        Publication publication = new Publication(form.getFirst("summary"), entries,
                form.getOrDefault("materialChapters", List.of()));
        try {
            Edition edition = editing.publish(publication, users.require());
            redirect.addFlashAttribute("published", edition.number());
            return "redirect:/manual/editions#edition-" + edition.number();
        } catch (DomainException e) {
            refused(e, "publish", form.toSingleValueMap(), model, response, locale);
            model.addAttribute("rejectedMaterial", form.getOrDefault("materialChapters", List.of()));
            return desk(null, model);
        }
    }

    private void refused(DomainException e, String formName, Object rejected, Model model, HttpServletResponse response,
            Locale locale) {
        response.setStatus(e.status().value());
        Refusals.Refusal refusal = refusals.explain(e, locale);
        model.addAttribute("errorForm", formName);
        model.addAttribute("errorMessage", refusal.message());
        model.addAttribute("fieldErrors", refusal.fields());
        model.addAttribute("rejected", rejected);
    }

    /** A note or edition that is not there (another editor removed or published it): the desk with the reason. */
    @ExceptionHandler(DomainException.class)
    String notThere(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusals.explain(e, locale).message());
        model.addAttribute("texts", new ManualPages.Wording(texts, names));
        return "manual/refused";
    }
}
