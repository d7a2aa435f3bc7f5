package org.yekuo.manual.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.manual.Certification;
import org.yekuo.manual.Certifications;
import org.yekuo.manual.Countersign;
import org.yekuo.manual.Countersigns;
import org.yekuo.manual.ExamPaper;
import org.yekuo.manual.ExamResult;
import org.yekuo.manual.Exams;
import org.yekuo.manual.Question;
import org.yekuo.manual.QuestionBank;
import org.yekuo.manual.QuestionDraft;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Staff certification over HTTP (R-STD-2). Every member of staff takes exams and sees their own exams and
 * certifications; exams are graded here and the answer key is never sent. Countersigns are asked by the
 * uncertified handler of a node and decided by the co-handler asked. Department heads, the leader in charge and
 * administrators see lapsing certifications and countersigned handling in their data scope; administrators and
 * the leader keep the question banks.
 */
@RestController
@RequestMapping("/api/manual")
@Tag(name = "Certification", description = "Question banks, timed exams graded on the server, certifications per business type, "
        + "countersigns of uncertified handling")
class CertificationApi {

    private final Exams exams;
    private final Certifications certifications;
    private final Countersigns countersigns;
    private final QuestionBank bank;
    private final CurrentUsers users;

    CertificationApi(Exams exams, Certifications certifications, Countersigns countersigns, QuestionBank bank, CurrentUsers users) {
        this.exams = exams;
        this.certifications = certifications;
        this.countersigns = countersigns;
        this.bank = bank;
        this.users = users;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/exams")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Start an exam of a chapter, or get back the one running for it (all staff)",
            description = "typeCode: a business type. The paper holds the questions drawn, their options (answered by index "
                    + "from 0) and points, and the time it is due; never the answer key.")
    ResponseEntity<ExamPaper> start(@RequestBody ExamStart start) {
        ExamPaper paper = exams.start(start.typeCode(), users.require());
        return ResponseEntity.created(URI.create("/api/manual/exams/" + paper.id())).body(paper);
    }

    @GetMapping("/exams")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The caller's exams, newest first (all staff)")
    List<Exams.ExamSummary> history() {
        return exams.history(users.require());
    }

    @GetMapping("/exams/{id}")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The paper of the caller's running exam; 409 once submitted or timed out (all staff)")
    ExamPaper paper(@PathVariable long id) {
        return exams.paper(id, users.require());
    }

    @PostMapping("/exams/{id}/submission")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "Submit the caller's exam once, within its time (all staff)",
            description = "answers: question position (from 1) to the indexes of the options chosen; a question left out "
                    + "counts as wrong. 80 points or more certifies the caller for the type.")
    ExamResult submit(@PathVariable long id, @RequestBody ExamAnswers answers) {
        return exams.submit(id, answers.answers(), users.require());
    }

    @GetMapping("/exams/{id}/result")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The result of the caller's finished exam (all staff)")
    ExamResult result(@PathVariable long id) {
        return exams.result(id, users.require());
    }

    @GetMapping("/certifications/mine")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The caller's certifications, one per business type, with when each lapses (all staff)")
    List<Certification> mine() {
        return certifications.of(users.require().username());
    }

    @GetMapping("/certifications/lapsing")
    @PreAuthorize("hasAnyRole('DEPARTMENT_HEAD', 'LEADER', 'ADMIN')")
    @Operation(summary = "Certifications lapsing within 60 days or lapsed, of staff in the caller's scope (heads, leader, admin)")
    List<Certification> lapsing() {
        return certifications.lapsing(users.require());
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/countersigns")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Ask a certified colleague to countersign the caller's sign-for of a node (the node's role holders)",
            description = "taskId: the open node; coHandler: the colleague's username, who holds the node's role, sees the "
                    + "order and is certified for its business type.")
    ResponseEntity<Countersign> request(@RequestBody CountersignRequest request) {
        Countersign countersign = countersigns.request(request.taskId(), request.coHandler(), users.require());
        return ResponseEntity.created(URI.create("/api/manual/countersigns/" + countersign.id())).body(countersign);
    }

    @PostMapping("/countersigns/{id}/decision")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Approve or decline a countersign the caller was asked for (the co-handler asked)")
    Countersign decide(@PathVariable long id, @RequestBody CountersignDecision decision) {
        return countersigns.decide(id, decision.approve(), users.require());
    }

    @GetMapping("/countersigns/waiting")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Countersigns waiting for the caller's decision (all staff)")
    List<Countersign> waiting() {
        return countersigns.waitingFor(users.require());
    }

    @GetMapping("/countersigns/handled")
    @PreAuthorize("hasAnyRole('DEPARTMENT_HEAD', 'LEADER', 'ADMIN')")
    @Operation(summary = "Uncertified handling under a countersign on orders in the caller's scope (heads, leader, admin)")
    List<Countersign> handled() {
        return countersigns.handledUncertified(users.require());
    }

    @GetMapping("/questions")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "A chapter's question bank with the answer key (administrators, leader in charge)")
    List<Question> questions(@RequestParam String typeCode) {
        return bank.questions(typeCode);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/questions")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Add a question to a chapter's bank (administrators, leader in charge)",
            description = "kind SINGLE (2-6 options, one correct), MULTIPLE (3-6 options, at least one correct) or TRUE_FALSE "
                    + "(2 options, one correct); stem 1-1000, explanation 1-2000 characters; nodeCode: the section it tests.")
    ResponseEntity<Question> add(@RequestBody QuestionDraft draft) {
        Question question = bank.add(draft, users.require());
        return ResponseEntity.created(URI.create("/api/manual/questions/" + question.id())).body(question);
    }

    @DeleteMapping("/questions/{id}")
    @PreAuthorize(AccessRules.MANUAL_EDITORS)
    @Operation(summary = "Retire a question from its bank (administrators, leader in charge)")
    ResponseEntity<Void> retire(@PathVariable long id) {
        bank.retire(id, users.require());
        return ResponseEntity.noContent().build();
    }

    /** The chapter an exam is taken for. */
    record ExamStart(String typeCode) {
    }

    /** Answers by question position. */
    record ExamAnswers(Map<Integer, List<Integer>> answers) {
    }

    record CountersignRequest(String taskId, String coHandler) {
    }

    record CountersignDecision(boolean approve) {
    }
}
