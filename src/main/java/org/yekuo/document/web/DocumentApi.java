package org.yekuo.document.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.document.AccessFilter;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentAccess;
import org.yekuo.document.DocumentAlert;
import org.yekuo.document.Documents;
import org.yekuo.document.HandSignature;
import org.yekuo.document.HandSignatures;
import org.yekuo.document.HandSigning;
import org.yekuo.document.Page;
import org.yekuo.document.internal.AccessWatch;
import org.yekuo.identity.CurrentUsers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Documents", description = "The order's archive, its access log and the security alerts it raises")
class DocumentApi {

    private final Documents documents;
    private final HandSignatures hands;
    private final AccessWatch watch;
    private final CurrentUsers users;

    DocumentApi(Documents documents, HandSignatures hands, AccessWatch watch, CurrentUsers users) {
        this.documents = documents;
        this.hands = hands;
        this.watch = watch;
        this.users = users;
    }

    @GetMapping("/orders/{orderId}/documents")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Every version of every document of an order in my data scope, oldest first (any member of staff); "
            + "view one at /documents/{id}, download it watermarked at /documents/{id}/download")
    List<Document> archive(@PathVariable long orderId) {
        return documents.archive(orderId, users.require());
    }

    @PostMapping("/documents/{id}/hand-signatures")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Sign a record by hand (R-DOC-3, R-DOC-6): the surveyor or inspector their own record, a customer the "
            + "completion-acceptance report or power-on confirmation on the screen of the member of staff in scope who collects "
            + "it; bound to the SM3 digest of the version shown, answered with the record's next version that carries it")
    Document signByHand(@PathVariable long id, @RequestBody HandSigning signing, HttpServletRequest request) {
        return hands.sign(id, signing, users.require(), request.getRemoteAddr());
    }

    @GetMapping("/documents/{id}/hand-signatures")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The hand signatures a version of a record carries, each with whether its binding still holds "
            + "(any member of staff whose scope holds the order)")
    List<HandSignature> handSignatures(@PathVariable long id, HttpServletRequest request) {
        return hands.of(documents.entry(id, users.require(), request.getRemoteAddr()));
    }

    @GetMapping("/documents/access-log")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Views, downloads and exports of documents, allowed and refused, newest first (auditor, all org units)")
    Page<DocumentAccess> accessLog(@RequestParam(required = false) String username, @RequestParam(required = false) String orderNo,
            @RequestParam(required = false) Boolean allowed,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return watch.log(new AccessFilter(username, orderNo, allowed, from, to), page, size);
    }

    @GetMapping("/documents/alerts")
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Refused accesses and download bursts, newest first (security administrator, all org units)")
    Page<DocumentAlert> alerts(@RequestParam(defaultValue = "true") boolean open, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return watch.alerts(open, page, size);
    }

    @PostMapping("/documents/alerts/{id}/acknowledge")
    @ResponseStatus(HttpStatus.OK)
    @PreAuthorize("hasRole('SECURITY_ADMIN')")
    @Operation(summary = "Mark an alert as looked at (security administrator)")
    DocumentAlert acknowledge(@PathVariable long id) {
        return watch.acknowledge(id, users.require());
    }
}
