package org.yekuo.review.web;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.catalogue.Department;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.reporting.ExcelExport;
import org.yekuo.review.CopiedOrder;
import org.yekuo.review.Opinion;
import org.yekuo.review.Review;
import org.yekuo.review.ReviewBoard;
import org.yekuo.review.ReviewDesk;
import org.yekuo.review.Ruling;
import org.yekuo.review.Verdict;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/reviews")
@Tag(name = "Reviews", description = "Parallel department review of supply schemes (R-REV-1..6)")
class ReviewApi {

    private final ReviewDesk desk;
    private final ReviewBoard board;
    private final CurrentUsers users;
    private final TypicalCasesWorkbook workbook;

    ReviewApi(ReviewDesk desk, ReviewBoard board, CurrentUsers users, TypicalCasesWorkbook workbook) {
        this.workbook = workbook;
        this.desk = desk;
        this.board = board;
        this.users = users;
    }

    record OpinionRequest(Verdict verdict, List<String> clauses, String text) {
    }

    record ToRequest(String to, String note) {
    }

    record NoteRequest(String note) {
    }

    record RulingRequest(Verdict verdict, List<String> clauses, String opinion, String meeting, List<Department> departments) {
    }

    @GetMapping("/orders/{orderId}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The order's review board: every round, who has each review since when, due when, opinions, ruling")
    ReviewBoard.OrderReviews order(@PathVariable long orderId) {
        return board.forOrder(orderId, users.require());
    }

    @GetMapping("/board")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Open reviews of my departments (or one department) on orders in my scope, overdue flagged")
    List<ReviewBoard.ReviewLine> open(@RequestParam Optional<String> department) {
        return board.openReviews(users.require(), department.map(ReviewForms::department));
    }

    @GetMapping("/tasks/{taskId}")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "A review with the guideline items of its department only")
    ReviewBoard.Desk desk(@PathVariable String taskId) {
        return board.desk(taskId, users.require());
    }

    @PostMapping("/tasks/{taskId}/open")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Sign for and open the review (the designer can then no longer withdraw)")
    ResponseEntity<Void> openReview(@PathVariable String taskId) {
        desk.open(taskId, users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/opinion")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Countersign with a PASS, MODIFY or RETURN opinion, electronically signed")
    Review countersign(@PathVariable String taskId, @RequestBody OpinionRequest request) {
        return desk.countersign(taskId, new Opinion(request.verdict(), request.clauses(), request.text()), users.require());
    }

    @PostMapping("/tasks/{taskId}/transfer")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Transfer the review to a colleague of the same department")
    ResponseEntity<Void> transfer(@PathVariable String taskId, @RequestBody ToRequest request) {
        desk.transfer(taskId, request.to(), users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/delegate")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Delegate the review to a colleague of the same department")
    ResponseEntity<Void> delegate(@PathVariable String taskId, @RequestBody ToRequest request) {
        desk.delegate(taskId, request.to(), users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/hand-back")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Hand a delegated review back to its owner, or take it back as the owner")
    ResponseEntity<Void> handBack(@PathVariable String taskId, @RequestBody(required = false) NoteRequest request) {
        desk.handBack(taskId, request == null ? null : request.note(), users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/co-signers")
    @PreAuthorize(AccessRules.REVIEWERS)
    @Operation(summary = "Add a co-signer to this round")
    ResponseEntity<Void> coSigner(@PathVariable String taskId, @RequestBody ToRequest request) {
        desk.addCoSigner(taskId, request.to(), users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{reviewId}/urge")
    @PreAuthorize("hasAnyRole('DESIGNER', 'CLERK', 'DEPARTMENT_HEAD', 'LEADER')")
    @Operation(summary = "Urge the reviewer by SMS")
    Map<String, List<String>> urge(@PathVariable long reviewId) {
        return Map.of("reached", desk.urge(reviewId, users.require()));
    }

    @PostMapping("/orders/{orderId}/withdraw")
    @PreAuthorize("hasRole('DESIGNER')")
    @Operation(summary = "Withdraw the submitted scheme before any reviewer opened it")
    ResponseEntity<Void> withdraw(@PathVariable long orderId, @RequestBody(required = false) NoteRequest request) {
        desk.withdraw(orderId, request == null ? null : request.note(), users.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/orders/{orderId}/copies")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Copy the order to a member of staff for information")
    ResponseEntity<Void> copy(@PathVariable long orderId, @RequestBody ToRequest request) {
        desk.copy(orderId, request.to(), request.note(), users.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/copies")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Orders copied to me")
    List<CopiedOrder> copies() {
        return board.copiedTo(users.require());
    }

    @PostMapping("/arbitrations/{taskId}/open")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "The leader in charge signs for the arbitration")
    ResponseEntity<Void> openArbitration(@PathVariable String taskId) {
        desk.openArbitration(taskId, users.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/arbitrations/{taskId}")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "The disputed round: every opinion, the conflicts and the whole guideline")
    ReviewBoard.Arbitration arbitration(@PathVariable String taskId) {
        return board.arbitration(taskId, users.require())
                .orElseThrow(() -> org.yekuo.shared.DomainException.notFound("review.arbitration.not-found", taskId));
    }

    @PostMapping("/arbitrations/{taskId}/ruling")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "The leader in charge records the meeting's ruling: one consolidated, signed opinion")
    Ruling rule(@PathVariable String taskId, @RequestBody RulingRequest request) {
        return desk.rule(taskId, new Opinion(request.verdict(), request.clauses(), request.opinion()), request.meeting(),
                request.departments(), users.require());
    }

    @GetMapping("/{reviewId}/signature")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The opinion's signature, verified again from its stored bytes")
    ReviewBoard.SignatureCheck signature(@PathVariable long reviewId) {
        return board.signatureOfReview(reviewId, users.require());
    }

    @PostMapping("/{reviewId}/typical")
    @PreAuthorize("hasAnyRole('REVIEWER_OPERATIONS', 'REVIEWER_MARKETING', 'REVIEWER_DISPATCH', 'LEADER')")
    @Operation(summary = "Mark a countersigned review as a typical case (R-REV-6)")
    ResponseEntity<Void> typical(@PathVariable long reviewId, @RequestBody NoteRequest request) {
        desk.markTypical(reviewId, request.note(), users.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/typical")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The month's typical cases (yyyy-MM)")
    List<ReviewBoard.ReviewLine> typical(@RequestParam String month) {
        return board.typicalCases(ReviewForms.month(month), users.require());
    }

    @GetMapping(value = "/typical.xlsx", produces = ExcelExport.MEDIA_TYPE)
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The month's typical cases as an Excel workbook (yyyy-MM)")
    ResponseEntity<byte[]> typicalWorkbook(@RequestParam String month, Locale locale) {
        YearMonth shown = ReviewForms.month(month);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + TypicalCasesWorkbook.fileName(shown) + "\"")
                .contentType(MediaType.parseMediaType(ExcelExport.MEDIA_TYPE))
                .body(workbook.of(shown, board.typicalCases(shown, users.require()), locale));
    }
}
