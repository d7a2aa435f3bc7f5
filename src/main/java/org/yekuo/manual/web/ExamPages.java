package org.yekuo.manual.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

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
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.PageShell;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.identity.StaffNames;
import org.yekuo.manual.Certifications;
import org.yekuo.manual.Countersigns;
import org.yekuo.manual.ExamPaper;
import org.yekuo.manual.Exams;
import org.yekuo.manual.QuestionBank;
import org.yekuo.manual.QuestionDraft;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;
import org.yekuo.workflow.WorkList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Certification pages (R-STD-2): the reader's certifications, exams and countersigns; an exam's paper with its
 * countdown and its result; the board of lapsing certifications and countersigned handling for heads; the
 * question banks for editors.
 */
@Controller
@RequestMapping("/manual")
class ExamPages {

    private final Exams exams;
    private final Certifications certifications;
    private final Countersigns countersigns;
    private final QuestionBank bank;
    private final Catalogue catalogue;
    private final WorkList work;
    private final StaffMembers staff;
    private final ManualTexts texts;
    private final CurrentUsers users;
    private final StaffNames names;
    private final Refusals refusals;
    private final PageShell shell;
    private final Clock clock;

    ExamPages(Exams exams, Certifications certifications, Countersigns countersigns, QuestionBank bank, Catalogue catalogue,
            WorkList work, StaffMembers staff, ManualTexts texts, CurrentUsers users, StaffNames names, Refusals refusals,
            PageShell shell, Clock clock) {
        this.exams = exams;
        this.certifications = certifications;
        this.countersigns = countersigns;
        this.bank = bank;
        this.catalogue = catalogue;
        this.work = work;
        this.staff = staff;
        this.texts = texts;
        this.users = users;
        this.names = names;
        this.refusals = refusals;
        this.shell = shell;
        this.clock = clock;
    }

    @GetMapping("/exams")
    String overview(Model model) {
        CurrentUser user = users.require();
        model.addAttribute("types", catalogue.types());
        model.addAttribute("certifications", certifications.of(user.username()));
        model.addAttribute("exams", exams.history(user));
        model.addAttribute("rules", exams.rules());
        model.addAttribute("waiting", countersigns.waitingFor(user));
        model.addAttribute("requested", countersigns.requestedBy(user));
        // The nodes the reader may ask a countersign for: those offered to their roles that nobody has signed for.
        model.addAttribute("openNodes", work.page(user, 0, 50).items().stream().filter(i -> !i.signedFor()).toList());
        model.addAttribute("colleagues", colleagues(user));
        common(model);
        return "manual/exams";
    }

    @PostMapping("/exams")
    String start(@RequestParam(required = false) String typeCode, Model model, RedirectAttributes redirect) {
        return act(() -> "redirect:/manual/exams/" + exams.start(typeCode, users.require()).id(), redirect);
    }

    @GetMapping("/exams/{id}")
    String paper(@PathVariable long id, Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = users.require();
        ExamPaper paper;
        try {
            paper = exams.paper(id, user);
        } catch (DomainException e) {
            if (e.status().value() == 409) {
                return "redirect:/manual/exams/" + id + "/result";
            }
            throw e;
        }
        model.addAttribute("paper", paper);
        model.addAttribute("chapter", texts.chapter(paper.typeCode(), locale));
        model.addAttribute("passMark", exams.rules().passMark());
        model.addAttribute("secondsLeft", Math.max(0, java.time.Duration.between(clock.instant(), paper.dueAt()).toSeconds()));
        common(model);
        return "manual/exam";
    }

    @PostMapping("/exams/{id}/submission")
    String submit(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        Map<Integer, List<Integer>> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("q")) {
                List<Integer> chosen = new ArrayList<>();
                values.stream().filter(v -> !v.isBlank()).forEach(v -> chosen.add(Integer.valueOf(v)));
                answers.put(Integer.valueOf(name.substring(1)), chosen);
            }
        });
        return act(() -> {
            exams.submit(id, answers, users.require());
            return "redirect:/manual/exams/" + id + "/result";
        }, redirect);
    }

    @GetMapping("/exams/{id}/result")
    String result(@PathVariable long id, Locale locale, Model model) {
        var result = exams.result(id, users.require());
        model.addAttribute("result", result);
        model.addAttribute("chapter", texts.chapter(result.typeCode(), locale));
        model.addAttribute("passMark", exams.rules().passMark());
        common(model);
        return "manual/result";
    }

    @PostMapping("/countersigns")
    String request(@RequestParam(required = false) String taskId, @RequestParam(required = false) String coHandler,
            RedirectAttributes redirect) {
        return act(() -> {
            countersigns.request(taskId, coHandler, users.require());
            redirect.addFlashAttribute("notice", "manual.countersign.requested");
            return "redirect:/manual/exams#countersigns";
        }, redirect);
    }

    @PostMapping("/countersigns/{id}/decision")
    String decide(@PathVariable long id, @RequestParam boolean approve, RedirectAttributes redirect) {
        return act(() -> {
            countersigns.decide(id, approve, users.require());
            redirect.addFlashAttribute("notice", approve ? "manual.countersign.approved" : "manual.countersign.declined");
            return "redirect:/manual/exams#countersigns";
        }, redirect);
    }

    @GetMapping("/certifications")
    @PreAuthorize("hasAnyRole('DEPARTMENT_HEAD', 'LEADER', 'ADMIN')")
    String board(Model model) {
        CurrentUser user = users.require();
        model.addAttribute("lapsing", certifications.lapsing(user));
        model.addAttribute("handled", countersigns.handledUncertified(user));
        common(model);
        return "manual/certifications";
    }

    @GetMapping("/editing/questions")
    @PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
    String questions(@RequestParam(required = false) String type, Model model) {
        String shown = type == null || type.isBlank() ? catalogue.types().get(0).code() : type;
        model.addAttribute("types", catalogue.types());
        model.addAttribute("type", catalogue.current(shown));
        model.addAttribute("questions", bank.questions(shown));
        model.addAttribute("rules", exams.rules());
        model.addAttribute("kinds", org.yekuo.manual.QuestionKind.values());
        common(model);
        return "manual/questions";
    }

    @PostMapping("/editing/questions")
    @PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
    String addQuestion(@RequestParam MultiValueMap<String, String> form, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        List<QuestionDraft.OptionDraft> options = new ArrayList<>();
        List<String> correct = form.getOrDefault("correct", List.of());
        for (int i = 0; i < 6; i++) {
            options.add(new QuestionDraft.OptionDraft(form.getFirst("option" + i), correct.contains(String.valueOf(i))));
        }
        QuestionDraft draft = new QuestionDraft(form.getFirst("typeCode"), form.getFirst("nodeCode"), form.getFirst("kind"),
                form.getFirst("stem"), form.getFirst("explanation"), options);
        try {
            bank.add(draft, users.require());
            redirect.addFlashAttribute("notice", "manual.question.saved");
            return "redirect:/manual/editing/questions?type=" + draft.typeCode();
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("errorMessage", refusals.explain(e, locale).message());
            model.addAttribute("rejected", form.toSingleValueMap());
            return questions(draft.typeCode(), model);
        }
    }

    @PostMapping("/editing/questions/{id}/retire")
    @PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
    String retireQuestion(@PathVariable long id, @RequestParam String type, RedirectAttributes redirect) {
        return act(() -> {
            bank.retire(id, users.require());
            redirect.addFlashAttribute("notice", "manual.question.retired-notice");
            return "redirect:/manual/editing/questions?type=" + type;
        }, redirect);
    }

    /** A refused action goes back to the overview with the reason. */
    private String act(Supplier<String> action, RedirectAttributes redirect) {
        try {
            return action.get();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, org.springframework.context.i18n.LocaleContextHolder.getLocale())
                    .message());
            return "redirect:/manual/exams";
        }
    }

    /** Colleagues who share one of the reader's work roles in their scope: those who could countersign. */
    private List<StaffMember> colleagues(CurrentUser user) {
        Map<String, StaffMember> found = new LinkedHashMap<>();
        for (Role role : user.roles()) {
            staff.withRole(role, user.scope()).stream().filter(m -> !m.username().equals(user.username()))
                    .forEach(m -> found.putIfAbsent(m.username(), m));
        }
        return List.copyOf(found.values());
    }

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
        model.addAttribute("texts", new ManualPages.Wording(texts, names));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("now", clock.instant());
    }
}
