package org.yekuo.document.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.document.AccessFilter;
import org.yekuo.document.AccessKind;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentAccess;
import org.yekuo.document.DocumentAlert;
import org.yekuo.document.Documents;
import org.yekuo.document.HandSignature;
import org.yekuo.document.HandSignatures;
import org.yekuo.document.Page;
import org.yekuo.document.PdfSignature;
import org.yekuo.document.SignedRecords;
import org.yekuo.document.ServedFile;
import org.yekuo.document.internal.AccessWatch;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Times;

/**
 * The viewer (pdf.js for a PDF, the image itself with zoom), the watermarked bytes it shows, downloads
 * and the archive office's export of originals; the auditor's access log and the security
 * administrator's alerts (R-DOC-5). Every staff member in scope may view and download.
 */
@Controller
class DocumentPages {

    static final int PAGE_SIZE = 20;

    private final Documents documents;
    private final SignedRecords records;
    private final HandSignatures hands;
    private final AccessWatch watch;
    private final CurrentUsers users;
    private final Clock clock;

    DocumentPages(Documents documents, SignedRecords records, HandSignatures hands, AccessWatch watch, CurrentUsers users, Clock clock) {
        this.hands = hands;
        this.documents = documents;
        this.records = records;
        this.watch = watch;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/documents/{id}")
    @OnRefusal(view = "document/refused")
    String viewer(@PathVariable long id, Model model, HttpServletRequest request) {
        CurrentUser user = users.require();
        // The page names the file only; its bytes come from /content, which logs the view.
        Document document = documents.entry(id, user, request.getRemoteAddr());
        model.addAttribute("document", document);
        model.addAttribute("addedAt", Times.MINUTES.format(document.addedAt().atZone(clock.getZone())));
        model.addAttribute("archivist", user.has(Role.ARCHIVIST));
        List<PdfSignature> signatures = records.signatures(document);
        model.addAttribute("signatures", signatures);
        model.addAttribute("signedAt", signatures.stream()
                .map(s -> s.signedAt() == null ? "-" : Times.MINUTES.format(s.signedAt().atZone(clock.getZone()))).toList());
        List<HandSignature> handSignatures = hands.of(document);
        model.addAttribute("handSignatures", handSignatures);
        model.addAttribute("handSignedAt", handSignatures.stream().map(h -> Times.MINUTES.format(h.signedAt().atZone(clock.getZone()))).toList());
        model.addAttribute("handSigners", hands.offeredTo(document, user));
        return "document/view";
    }

    @GetMapping("/documents/{id}/content")
    void content(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        serve(id, AccessKind.VIEW, request, response, locale);
    }

    @GetMapping("/documents/{id}/download")
    void download(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        serve(id, AccessKind.DOWNLOAD, request, response, locale);
    }

    @GetMapping("/documents/{id}/original")
    void original(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        serve(id, AccessKind.ORIGINAL, request, response, locale);
    }

    private void serve(long id, AccessKind kind, HttpServletRequest request, HttpServletResponse response, Locale locale)
            throws IOException {
        ServedFile served;
        try {
            served = documents.open(id, kind, users.require(), request.getRemoteAddr(), locale);
        } catch (DomainException e) {
            response.sendError(e.status().value());
            return;
        }
        ContentDisposition disposition = kind == AccessKind.VIEW ? ContentDisposition.inline().build()
                : ContentDisposition.attachment().filename(served.document().fileName(), StandardCharsets.UTF_8).build();
        response.setContentType(served.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().cachePrivate().getHeaderValue());
        served.body().writeTo(response.getOutputStream());
    }

    @GetMapping("/documents/access-log")
    @PreAuthorize("hasRole('AUDITOR')")
    String accessLog(@RequestParam(required = false) String username, @RequestParam(required = false) String orderNo,
            @RequestParam(required = false) Boolean allowed,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        AccessFilter filter = new AccessFilter(username, orderNo, allowed,
                from == null ? null : from.atZone(clock.getZone()).toInstant(), to == null ? null : to.atZone(clock.getZone()).toInstant());
        Page<DocumentAccess> records = watch.log(filter, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("records", records);
        model.addAttribute("pages", Paging.pages(records.total(), PAGE_SIZE));
        model.addAttribute("times", records.rows().stream().map(r -> Times.MINUTES.format(r.occurredAt().atZone(clock.getZone()))).toList());
        model.addAttribute("username", username);
        model.addAttribute("orderNo", orderNo);
        model.addAttribute("allowed", allowed);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "document/access-log";
    }

    @GetMapping("/documents/alerts")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String alerts(@RequestParam(defaultValue = "true") boolean open, @RequestParam(defaultValue = "0") int page, Model model) {
        Page<DocumentAlert> alerts = watch.alerts(open, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("alerts", alerts);
        model.addAttribute("pages", Paging.pages(alerts.total(), PAGE_SIZE));
        model.addAttribute("times", alerts.rows().stream().map(a -> Times.MINUTES.format(a.raisedAt().atZone(clock.getZone()))).toList());
        model.addAttribute("open", open);
        return "document/alerts";
    }

    @PostMapping("/documents/alerts/{id}/acknowledge")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
        watch.acknowledge(id, users.require());
        redirect.addFlashAttribute("notice", "document.alert.acknowledged");
        return "redirect:/documents/alerts";
    }
}
