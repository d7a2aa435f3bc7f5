package org.yekuo.review.web;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Department;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.TaskContexts;
import org.yekuo.reporting.ExcelExport;
import org.yekuo.review.Opinion;
import org.yekuo.review.ReviewBoard;
import org.yekuo.review.ReviewDesk;
import org.yekuo.review.Verdict;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * The review pages: the reviewer's desk (own department's guideline items, opinion form, signature),
 * the leader's arbitration, the review board per order (with withdraw, urge and copy) and per department,
 * orders copied to me, and the month's typical cases with their export.
 */
@Controller
class ReviewPages {

    private final ReviewDesk desk;
    private final ReviewBoard board;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;
    private final TypicalCasesWorkbook workbook;
    private final TaskContexts contexts;

    ReviewPages(ReviewDesk desk, ReviewBoard board, CurrentUsers users, Refusals refusals, Clock clock,
            TypicalCasesWorkbook workbook, TaskContexts contexts) {
        this.contexts = contexts;
        this.workbook = workbook;
        this.desk = desk;
        this.board = board;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/reviews/tasks/{taskId}")
    @OnRefusal(view = "review/refused")
    String task(@PathVariable String taskId, Model model, Locale locale) {
        var user = users.require();
        Optional<ReviewBoard.Arbitration> arbitration = board.arbitration(taskId, user);
        if (arbitration.isPresent()) {
            model.addAttribute("arbitration", arbitration.get());
            model.addAttribute("departments", Department.values());
            model.addAttribute("verdicts", Verdict.values());
            // What the departments disagree about, as the reviewers saw it.
            model.addAttribute("context", contexts.forNode(arbitration.get().round().orderId(), "SCHEME_REVIEW", user, locale));
            return "review/arbitration";
        }
        ReviewBoard.Desk desk = board.desk(taskId, user);
        model.addAttribute("desk", desk);
        model.addAttribute("verdicts", Verdict.values());
        // What is under review: the scheme as designed, on the survey's figures and photos.
        model.addAttribute("context", contexts.forNode(desk.line().review().orderId(), "SCHEME_REVIEW", user, locale));
        return "review/desk";
    }

    @PostMapping("/reviews/tasks/{taskId}/open")
    String open(@PathVariable String taskId, Locale locale, RedirectAttributes redirect) {
        return act(() -> desk.open(taskId, users.require()), "review.page.opened", "/reviews/tasks/" + taskId, locale, redirect);
    }

    @PostMapping("/reviews/tasks/{taskId}/opinion")
    String countersign(@PathVariable String taskId, @RequestParam(required = false) Verdict verdict,
            @RequestParam(required = false) List<String> clauses, @RequestParam(required = false) String text, Locale locale,
            RedirectAttributes redirect) {
        try {
            desk.countersign(taskId, new Opinion(verdict, clauses, text), users.require());
            redirect.addFlashAttribute("notice", "review.page.countersigned");
            return "redirect:/reviews/orders/" + board.desk(taskId, users.require()).line().review().orderId();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("entered", new Opinion(verdict, clauses, text));
            return "redirect:/reviews/tasks/" + taskId;
        }
    }

    @PostMapping("/reviews/tasks/{taskId}/transfer")
    String transfer(@PathVariable String taskId, @RequestParam(required = false) String to, Locale locale,
            RedirectAttributes redirect) {
        return act(() -> desk.transfer(taskId, to, users.require()), "review.page.transferred", "/tasks", locale, redirect);
    }

    @PostMapping("/reviews/tasks/{taskId}/delegate")
    String delegate(@PathVariable String taskId, @RequestParam(required = false) String to, Locale locale,
            RedirectAttributes redirect) {
        return act(() -> desk.delegate(taskId, to, users.require()), "review.page.delegated", "/reviews/tasks/" + taskId,
                locale, redirect);
    }

    @PostMapping("/reviews/tasks/{taskId}/hand-back")
    String handBack(@PathVariable String taskId, @RequestParam(required = false) String note, Locale locale,
            RedirectAttributes redirect) {
        return act(() -> desk.handBack(taskId, note, users.require()), "review.page.handed-back", "/reviews/tasks/" + taskId,
                locale, redirect);
    }

    @PostMapping("/reviews/tasks/{taskId}/co-signers")
    String coSigner(@PathVariable String taskId, @RequestParam(required = false) String to, Locale locale,
            RedirectAttributes redirect) {
        return act(() -> desk.addCoSigner(taskId, to, users.require()), "review.page.co-signer-added", "/reviews/tasks/" + taskId,
                locale, redirect);
    }

    @PostMapping("/reviews/arbitrations/{taskId}/open")
    String openArbitration(@PathVariable String taskId, Locale locale, RedirectAttributes redirect) {
        return act(() -> desk.openArbitration(taskId, users.require()), "review.page.arbitration-opened", "/reviews/tasks/" + taskId,
                locale, redirect);
    }

    @PostMapping("/reviews/arbitrations/{taskId}/ruling")
    String rule(@PathVariable String taskId, @RequestParam(required = false) Verdict verdict,
            @RequestParam(required = false) List<String> clauses, @RequestParam(required = false) String opinion,
            @RequestParam(required = false) String meeting, @RequestParam(required = false) List<Department> departments,
            Locale locale, RedirectAttributes redirect) {
        try {
            var ruling = desk.rule(taskId, new Opinion(verdict, clauses, opinion), meeting, departments, users.require());
            redirect.addFlashAttribute("notice", "review.page.ruled");
            return "redirect:/reviews/orders/" + ruling.orderId();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            return "redirect:/reviews/tasks/" + taskId;
        }
    }

    @GetMapping("/reviews/orders/{orderId}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "review/refused")
    String order(@PathVariable long orderId, Model model) {
        var user = users.require();
        model.addAttribute("reviews", board.forOrder(orderId, user));
        model.addAttribute("canWithdraw", user.has(org.yekuo.identity.Role.DESIGNER));
        model.addAttribute("canUrge", ReviewDesk.mayUrge(user));
        return "review/order";
    }

    @PostMapping("/reviews/orders/{orderId}/withdraw")
    String withdraw(@PathVariable long orderId, @RequestParam(required = false) String note, Locale locale,
            RedirectAttributes redirect) {
        return act(() -> desk.withdraw(orderId, note, users.require()), "review.page.withdrawn", "/reviews/orders/" + orderId,
                locale, redirect);
    }

    @PostMapping("/reviews/orders/{orderId}/copies")
    String copy(@PathVariable long orderId, @RequestParam(required = false) String to, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        return act(() -> desk.copy(orderId, to, note, users.require()), "review.page.copied", "/reviews/orders/" + orderId,
                locale, redirect);
    }

    @PostMapping("/reviews/{reviewId}/urge")
    String urge(@PathVariable long reviewId, @RequestParam long orderId, Locale locale, RedirectAttributes redirect) {
        return act(() -> desk.urge(reviewId, users.require()), "review.page.urged", "/reviews/orders/" + orderId, locale, redirect);
    }

    @PostMapping("/reviews/{reviewId}/typical")
    String typical(@PathVariable long reviewId, @RequestParam long orderId, @RequestParam(required = false) String note,
            Locale locale, RedirectAttributes redirect) {
        return act(() -> desk.markTypical(reviewId, note, users.require()), "review.page.marked-typical",
                "/reviews/orders/" + orderId, locale, redirect);
    }

    @GetMapping("/reviews/board")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "review/refused")
    String departmentBoard(@RequestParam Optional<String> department, Model model) {
        Optional<Department> shown = department.filter(d -> !d.isBlank()).map(ReviewForms::department);
        model.addAttribute("lines", board.openReviews(users.require(), shown));
        model.addAttribute("department", shown.orElse(null));
        model.addAttribute("departments", Department.values());
        return "review/board";
    }

    @GetMapping("/reviews/copies")
    String copies(Model model) {
        model.addAttribute("copies", board.copiedTo(users.require()));
        return "review/copies";
    }

    @GetMapping("/reviews/typical")
    @OnRefusal(view = "review/refused")
    String typicalCases(@RequestParam Optional<String> month, Model model) {
        YearMonth shown = month.filter(m -> !m.isBlank()).map(ReviewForms::month).orElse(YearMonth.now(clock));
        model.addAttribute("month", shown.toString());
        model.addAttribute("lines", board.typicalCases(shown, users.require()));
        return "review/typical";
    }

    @GetMapping("/reviews/typical.xlsx")
    ResponseEntity<byte[]> typicalExport(@RequestParam String month, Locale locale) {
        YearMonth shown = ReviewForms.month(month);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + TypicalCasesWorkbook.fileName(shown) + "\"")
                .contentType(MediaType.parseMediaType(ExcelExport.MEDIA_TYPE))
                .body(workbook.of(shown, board.typicalCases(shown, users.require()), locale));
    }

    private String act(Runnable action, String notice, String back, Locale locale, RedirectAttributes redirect) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        return "redirect:" + back;
    }

}
