package org.yekuo.manual.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffNames;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.Chapter;
import org.yekuo.manual.Edition;
import org.yekuo.manual.Feedback;
import org.yekuo.manual.Manual;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;
import org.yekuo.workflow.ProcessDiagrams;
import org.yekuo.workflow.ProcessFamily;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The manual's pages for every member of staff (R-STD-1): the contents with what changed since the reader
 * last read, a chapter with its flow chart, stages, clauses and notes and a feedback form, search, the
 * editions with their change logs, the typical-case appendix and the PDF book.
 */
@Controller
@RequestMapping("/manual")
class ManualPages {

    private final Manual manual;
    private final ManualSearch search;
    private final ManualBook book;
    private final ManualTexts texts;
    private final ProcessDiagrams diagrams;
    private final CurrentUsers users;
    private final StaffNames names;
    private final Refusals refusals;
    private final PageShell shell;
    private final MessageSource messages;
    private final java.time.Clock clock;

    ManualPages(Manual manual, ManualSearch search, ManualBook book, ManualTexts texts, ProcessDiagrams diagrams, CurrentUsers users,
            StaffNames names, Refusals refusals, PageShell shell, MessageSource messages, java.time.Clock clock) {
        this.manual = manual;
        this.search = search;
        this.book = book;
        this.texts = texts;
        this.diagrams = diagrams;
        this.users = users;
        this.names = names;
        this.refusals = refusals;
        this.shell = shell;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String contents(@RequestParam(required = false) Integer edition, Model model) {
        CurrentUser user = users.require();
        Edition shown = manual.edition(edition);
        model.addAttribute("edition", shown);
        model.addAttribute("latest", manual.current().map(Edition::number).orElse(shown.number()));
        model.addAttribute("chapters", manual.chapters(shown.number()));
        model.addAttribute("reading", manual.reading(user));
        model.addAttribute("myFeedback", manual.feedbackOf(user));
        common(model);
        return "manual/contents";
    }

    @GetMapping("/chapters/{typeCode}")
    String chapter(@PathVariable String typeCode, @RequestParam(required = false) Integer edition, Locale locale, Model model) {
        Chapter chapter = manual.chapter(typeCode, edition);
        model.addAttribute("chapter", chapter);
        model.addAttribute("latest", manual.current().map(Edition::number).orElse(chapter.edition()));
        model.addAttribute("flowChart", diagrams.forType(ProcessFamily.valueOf(chapter.type().family().name()),
                chapter.type().nodeSequence().stream().map(KeyNode::name).toList(), node -> texts.node(node, locale)));
        model.addAttribute("chapterChanges", manual.changes(chapter.edition()).stream()
                .filter(c -> typeCode.equals(c.typeCode())).toList());
        common(model);
        return "manual/chapter";
    }

    @PostMapping("/chapters/{typeCode}/feedback")
    String feedback(@PathVariable String typeCode, @RequestParam(required = false) String section,
            @RequestParam(required = false) String body, Locale locale, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            Feedback saved = manual.leaveFeedback(typeCode, section, body, users.require());
            redirect.addFlashAttribute("feedbackSaved", saved.id());
            return "redirect:/manual/chapters/" + typeCode + "#feedback";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("feedbackError", refusals.explain(e, locale).message());
            model.addAttribute("feedbackSection", section);
            model.addAttribute("feedbackBody", body);
            return chapter(typeCode, null, locale, model);
        }
    }

    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, Locale locale, Model model) {
        Edition current = manual.edition(null);
        model.addAttribute("edition", current);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("hits", search.search(q, current.number(), locale));
        common(model);
        return "manual/search";
    }

    @GetMapping("/editions")
    String editions(Model model) {
        List<Edition> editions = manual.editions();
        model.addAttribute("editions", editions);
        model.addAttribute("changes", editions.stream().collect(Collectors.toMap(Edition::number, e -> manual.changes(e.number()))));
        common(model);
        return "manual/editions";
    }

    @GetMapping("/appendix")
    String appendix(@RequestParam(required = false) Integer edition, Model model) {
        Edition shown = manual.edition(edition);
        model.addAttribute("edition", shown);
        model.addAttribute("cases", manual.appendix(shown.number()));
        common(model);
        return "manual/appendix";
    }

    @PostMapping("/read")
    String read(@RequestParam int edition) {
        manual.markRead(users.require(), edition);
        return "redirect:/manual";
    }

    @GetMapping("/book.pdf")
    ResponseEntity<byte[]> book(@RequestParam(required = false) Integer edition, Locale locale) {
        Edition shown = manual.edition(edition);
        byte[] pdf = book.write(shown, locale);
        String name = messages.getMessage("manual.book.file", new Object[] {shown.number()}, locale);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, ManualBook.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }

    /** A refusal (no edition yet, an unknown chapter or edition, no font for the book) as the page's message. */
    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        shell.addTo(model, request);
        response.setStatus(e.status().value());
        model.addAttribute("refusal", refusals.explain(e, locale).message());
        common(model);
        return "manual/refused";
    }

    private void common(Model model) {
        CurrentUser user = users.require();
        model.addAttribute("canEdit", user.hasAny(Role.ADMIN, Role.LEADER));
        model.addAttribute("canSeeBoard", user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN));
        model.addAttribute("texts", new Wording(texts, names));
        model.addAttribute("zone", clock.getZone());
    }

    /** What templates call to word codes: {@code ${texts.describe(entry, #locale)}}. */
    record Wording(ManualTexts texts, StaffNames names) {

        public String describe(ChangeEntry entry, Locale locale) {
            return texts.describe(entry, locale);
        }

        public String chapter(String typeCode, Locale locale) {
            return texts.chapter(typeCode, locale);
        }

        public String limit(org.yekuo.catalogue.TimeLimit limit, Locale locale) {
            return texts.limit(limit, locale);
        }

        public String department(String code, Locale locale) {
            return texts.department(code, locale);
        }

        public String node(String code, Locale locale) {
            return texts.node(code, locale);
        }

        public String person(String username) {
            return names.of(username);
        }

        public String clauses(List<String> clauses) {
            return String.join("、", clauses);
        }
    }
}
