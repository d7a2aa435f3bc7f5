package org.yekuo.manual;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.identity.CurrentUser;
import org.yekuo.manual.internal.CertificationRecords;
import org.yekuo.manual.internal.CertificationRecords.DrawnQuestion;
import org.yekuo.manual.internal.CertificationRecords.ExamRow;
import org.yekuo.manual.internal.ExamRules;
import org.yekuo.manual.internal.ManualRecords;
import org.yekuo.shared.DomainException;

/**
 * Exams for certification (R-STD-2), graded on the server: an exam draws its questions from the chapter's bank
 * by rule (half single choice, a quarter each multiple choice and true/false, topped up from the others when a
 * kind runs short), runs for a set time and is scored out of 100; the pass mark certifies its taker for the
 * business type. The answer key never leaves the server; an exam is submitted once, and not after its time
 * (a few seconds' grace cover the way from the browser).
 */
@Service
@Transactional(readOnly = true)
public class Exams {

    /** What the browser's submission of an exam at its last second may take to arrive. */
    static final Duration SUBMISSION_GRACE = Duration.ofSeconds(30);

    private final CertificationRecords records;
    private final ManualRecords manual;
    private final Catalogue catalogue;
    private final ExamRules rules;
    private final AuditTrail audit;
    private final Clock clock;
    private final Random random = new SecureRandom();

    Exams(CertificationRecords records, ManualRecords manual, Catalogue catalogue, ExamRules rules, AuditTrail audit, Clock clock) {
        this.records = records;
        this.manual = manual;
        this.catalogue = catalogue;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    public ExamRules rules() {
        return rules;
    }

    /**
     * Starts an exam of the chapter for the taker, or hands back the one they have running for it. Refused when
     * the manual has no edition yet or the chapter's bank holds fewer questions than an exam draws.
     */
    @Transactional
    public ExamPaper start(String typeCode, CurrentUser taker) {
        catalogue.findCurrent(typeCode == null ? "" : typeCode)
                .orElseThrow(() -> DomainException.invalid("typeCode", "manual.chapter.unknown", typeCode));
        int edition = manual.latestEdition().orElseThrow(() -> DomainException.conflict("manual.edition.none"));
        Instant now = clock.instant();
        for (ExamRow running : records.examsOf(taker.username())) {
            if (running.typeCode().equals(typeCode) && running.submittedAt() == null && now.isBefore(running.dueAt())) {
                return paper(running);
            }
        }
        List<Question> bank = records.questions(typeCode, true).stream().filter(q -> valid(q)).toList();
        if (bank.size() < rules.questions()) {
            throw DomainException.conflict("manual.exam.bank-too-small", bank.size(), rules.questions());
        }
        List<Question> drawn = draw(bank);
        List<DrawnQuestion> rows = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            rows.add(new DrawnQuestion(i + 1, drawn.get(i).id(), rules.points(), null, null));
        }
        long id = records.insertExam(taker.username(), typeCode, edition, now, now.plus(rules.duration()), rows);
        audit.record(ManualAudit.EXAM_STARTED, "manual-exam", String.valueOf(id), "type=" + typeCode + " edition=" + edition);
        return paper(records.exam(id, false).orElseThrow());
    }

    /** A question a broken import could have left without a correct option never goes into an exam. */
    private static boolean valid(Question question) {
        return question.options().stream().anyMatch(Question.Option::correct);
    }

    private List<Question> draw(List<Question> bank) {
        Map<QuestionKind, List<Question>> byKind = new EnumMap<>(QuestionKind.class);
        for (Question q : bank) {
            byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q);
        }
        byKind.values().forEach(list -> Collections.shuffle(list, random));
        int total = rules.questions();
        Map<QuestionKind, Integer> wanted = Map.of(QuestionKind.SINGLE, total - 2 * (total / 4), QuestionKind.MULTIPLE, total / 4,
                QuestionKind.TRUE_FALSE, total / 4);
        List<Question> drawn = new ArrayList<>();
        for (QuestionKind kind : QuestionKind.values()) {
            List<Question> pool = byKind.getOrDefault(kind, List.of());
            drawn.addAll(pool.subList(0, Math.min(wanted.get(kind), pool.size())));
        }
        List<Question> rest = new ArrayList<>(bank);
        rest.removeAll(drawn);
        Collections.shuffle(rest, random);
        drawn.addAll(rest.subList(0, total - drawn.size()));
        Collections.shuffle(drawn, random);
        return drawn;
    }

    /** The running exam's paper; refused once submitted or once its time is up: an exam is never reopened. */
    public ExamPaper paper(long examId, CurrentUser taker) {
        ExamRow exam = own(examId, taker, false);
        if (exam.submittedAt() != null) {
            throw DomainException.conflict("manual.exam.submitted", examId);
        }
        if (!clock.instant().isBefore(exam.dueAt())) {
            throw DomainException.conflict("manual.exam.time-up", examId);
        }
        return paper(exam);
    }

    private ExamPaper paper(ExamRow exam) {
        List<ExamPaper.PaperQuestion> questions = new ArrayList<>();
        for (DrawnQuestion d : records.drawn(exam.id())) {
            Question q = records.question(d.questionId()).orElseThrow();
            questions.add(new ExamPaper.PaperQuestion(d.position(), q.kind(), q.stem(),
                    q.options().stream().map(Question.Option::text).toList(), d.points()));
        }
        return new ExamPaper(exam.id(), exam.typeCode(), exam.edition(), exam.startedAt(), exam.dueAt(), questions);
    }

    /**
     * Grades the exam: {@code answers} maps a question's position to the indexes of the options chosen; a question
     * left out counts as wrong. Refused, with nothing saved, for an answer to a question not in the exam, an option
     * the question does not have, more than one option where one is asked for, a second submission and one after
     * the time.
     */
    @Transactional
    public ExamResult submit(long examId, Map<Integer, List<Integer>> answers, CurrentUser taker) {
        ExamRow exam = own(examId, taker, true);
        if (exam.submittedAt() != null) {
            throw DomainException.conflict("manual.exam.submitted", examId);
        }
        Instant now = clock.instant();
        if (now.isAfter(exam.dueAt().plus(SUBMISSION_GRACE))) {
            throw DomainException.conflict("manual.exam.time-up", examId);
        }
        List<DrawnQuestion> drawn = records.drawn(examId);
        Map<Integer, Question> questions = new HashMap<>();
        for (DrawnQuestion d : drawn) {
            questions.put(d.position(), records.question(d.questionId()).orElseThrow());
        }
        Map<Integer, List<Integer>> given = answers == null ? Map.of() : answers;
        for (Map.Entry<Integer, List<Integer>> answer : given.entrySet()) {
            Question q = questions.get(answer.getKey());
            String field = "answers[" + answer.getKey() + "]";
            if (q == null) {
                throw DomainException.invalid(field, "manual.exam.not-in-exam", answer.getKey(), drawn.size());
            }
            List<Integer> chosen = answer.getValue() == null ? List.of() : answer.getValue();
            if (chosen.stream().anyMatch(i -> i == null || i < 0 || i >= q.options().size())) {
                throw DomainException.invalid(field, "manual.exam.option-unknown", answer.getKey(), q.options().size());
            }
            if (q.kind() != QuestionKind.MULTIPLE && chosen.size() > 1) {
                throw DomainException.invalid(field, "manual.exam.one-option", answer.getKey());
            }
        }
        int score = 0;
        for (DrawnQuestion d : drawn) {
            Question q = questions.get(d.position());
            Set<Integer> chosen = new TreeSet<>(given.getOrDefault(d.position(), List.of()));
            Set<Integer> key = q.options().stream().filter(Question.Option::correct).map(Question.Option::position)
                    .collect(Collectors.toCollection(TreeSet::new));
            boolean correct = !chosen.isEmpty() && chosen.equals(key);
            records.mark(examId, d.position(), chosen.stream().map(String::valueOf).collect(Collectors.joining(",")), correct);
            score += correct ? d.points() : 0;
        }
        boolean passed = score >= rules.passMark();
        records.finish(examId, now, score, passed);
        if (passed) {
            Instant until = now.atZone(clock.getZone()).plus(rules.validity()).toInstant();
            records.insertCertification(taker.username(), exam.typeCode(), examId, exam.edition(), now, until);
        }
        audit.record(passed ? ManualAudit.EXAM_PASSED : ManualAudit.EXAM_FAILED, "manual-exam", String.valueOf(examId),
                "type=" + exam.typeCode() + " score=" + score);
        return result(examId, taker);
    }

    /** A finished exam's result; one whose time ran out unsubmitted scores nothing. Refused while it runs. */
    public ExamResult result(long examId, CurrentUser taker) {
        ExamRow exam = own(examId, taker, false);
        boolean lapsed = exam.submittedAt() == null && !clock.instant().isBefore(exam.dueAt().plus(SUBMISSION_GRACE));
        if (exam.submittedAt() == null && !lapsed) {
            throw DomainException.conflict("manual.exam.running", examId);
        }
        List<ExamResult.Marked> marked = new ArrayList<>();
        for (DrawnQuestion d : records.drawn(examId)) {
            Question q = records.question(d.questionId()).orElseThrow();
            boolean correct = Boolean.TRUE.equals(d.correct());
            marked.add(new ExamResult.Marked(d.position(), q.stem(), correct, q.explanation(), q.nodeCode()));
        }
        Instant until = Boolean.TRUE.equals(exam.passed())
                ? records.latest(taker.username(), exam.typeCode()).filter(c -> examId == (c.examId() == null ? -1 : c.examId()))
                        .map(CertificationRecords.CertificationRow::validUntil).orElse(null)
                : null;
        return new ExamResult(examId, exam.typeCode(), exam.edition(), exam.submittedAt(), exam.score() == null ? 0 : exam.score(),
                Boolean.TRUE.equals(exam.passed()), until, marked);
    }

    /** The taker's exams, newest first: running, passed, failed or lapsed. */
    public List<ExamSummary> history(CurrentUser taker) {
        Instant now = clock.instant();
        return records.examsOf(taker.username()).stream().map(e -> new ExamSummary(e.id(), e.typeCode(), e.edition(), e.startedAt(),
                e.dueAt(), e.submittedAt(), e.score(), Boolean.TRUE.equals(e.passed()),
                e.submittedAt() == null && now.isBefore(e.dueAt()))).toList();
    }

    /** A line of the taker's exam history. */
    public record ExamSummary(long id, String typeCode, int edition, Instant startedAt, Instant dueAt, Instant submittedAt,
            Integer score, boolean passed, boolean running) {
    }

    private ExamRow own(long examId, CurrentUser taker, boolean lock) {
        return records.exam(examId, lock).filter(e -> e.username().equals(taker.username()))
                .orElseThrow(() -> DomainException.notFound("manual.exam.not-found", examId));
    }
}
