package org.yekuo.collaboration.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.collaboration.Coordination;
import org.yekuo.collaboration.CoordinationQuestion;
import org.yekuo.document.AccessKind;
import org.yekuo.document.ServedFile;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The coordination pages: the board of questions the reader sees, an order's questions with the form to ask
 * one (also loaded into the order page as a panel), and one question's thread to answer, accept or reopen; each
 * of the question, an answer and a reopening may carry a file, downloaded by whoever sees the question.
 */
@Controller
@PreAuthorize(AccessRules.ORDER_READERS)
@RequestMapping("/coordination")
class CoordinationPages {

    private final Coordination coordination;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;

    CoordinationPages(Coordination coordination, CurrentUsers users, Refusals refusals, Clock clock) {
        this.coordination = coordination;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping
    String board(@RequestParam(defaultValue = "false") boolean toMe, Model model) {
        model.addAttribute("questions", coordination.board(users.require(), toMe));
        model.addAttribute("toMe", toMe);
        model.addAttribute("now", clock.instant());
        return "collaboration/board";
    }

    @GetMapping("/orders/{orderId}")
    String order(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        return orderView(orderId, model, locale, response, "collaboration/order");
    }

    /** The order's open questions as a panel of the order page. */
    @GetMapping("/orders/{orderId}/panel")
    String panel(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        return orderView(orderId, model, locale, response, "collaboration/fragments :: order-panel");
    }

    private String orderView(long orderId, Model model, Locale locale, HttpServletResponse response, String view) {
        CurrentUser user = users.require();
        try {
            model.addAttribute("questions", coordination.ofOrder(orderId, user));
            model.addAttribute("attachments", coordination.attachmentsOfOrder(orderId, user));
            model.addAttribute("departments", coordination.departments(user));
            model.addAttribute("orderId", orderId);
            model.addAttribute("now", clock.instant());
            return view;
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "collaboration/refused";
        }
    }

    @PostMapping("/orders/{orderId}")
    String ask(@PathVariable long orderId, @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String text,
            @RequestParam(required = false) MultipartFile file, Locale locale, RedirectAttributes redirect) {
        try {
            CoordinationQuestion question = coordination.ask(orderId, new Coordination.Ask(departmentId, subject, text),
                    UploadedFile.of(file), users.require());
            redirect.addFlashAttribute("notice", "collaboration.asked-notice");
            return "redirect:/coordination/" + question.id();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("entered", Map.of("departmentId", departmentId == null ? "" : departmentId.toString(),
                    "subject", subject == null ? "" : subject, "text", text == null ? "" : text));
            return "redirect:/coordination/orders/" + orderId;
        }
    }

    @GetMapping("/{id}")
    @OnRefusal(view = "collaboration/refused")
    String thread(@PathVariable long id, Model model) {
        Coordination.Thread thread = coordination.thread(id, users.require());
        model.addAttribute("thread", thread);
        model.addAttribute("colour", thread.question().colour(clock.instant()));
        return "collaboration/question";
    }

    @PostMapping("/{id}/answer")
    String answer(@PathVariable long id, @RequestParam(required = false) String text, @RequestParam(required = false) MultipartFile file,
            Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "collaboration.answered-notice",
                () -> coordination.answer(id, text, UploadedFile.of(file), users.require()));
    }

    @PostMapping("/{id}/accept")
    String accept(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "collaboration.accepted-notice", () -> coordination.accept(id, users.require()));
    }

    @PostMapping("/{id}/reopen")
    String reopen(@PathVariable long id, @RequestParam(required = false) String text, @RequestParam(required = false) MultipartFile file,
            Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "collaboration.reopened-notice",
                () -> coordination.reopen(id, text, UploadedFile.of(file), users.require()));
    }

    /** A file of a question's thread, watermarked for whoever sees the question; for anybody else it does not exist. */
    @GetMapping("/{id}/attachments/{documentId}")
    void attachment(@PathVariable long id, @PathVariable long documentId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ServedFile served;
        try {
            served = coordination.openAttachment(id, documentId, AccessKind.DOWNLOAD, users.require(), request.getRemoteAddr());
        } catch (DomainException e) {
            response.sendError(e.status().value());
            return;
        }
        response.setContentType(served.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(served.document().fileName(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().cachePrivate().getHeaderValue());
        served.body().writeTo(response.getOutputStream());
    }

    private String act(long id, Locale locale, RedirectAttributes redirect, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        return "redirect:/coordination/" + id;
    }
}
