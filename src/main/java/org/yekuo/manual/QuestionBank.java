package org.yekuo.manual;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.manual.internal.CertificationRecords;
import org.yekuo.shared.DomainException;

/**
 * The question bank of each chapter (R-STD-2), kept by the manual's editors: questions with their options and
 * answer key, explanation and the manual section they test. A question leaves the bank by being retired, never
 * deleted, so that every exam that drew it can still be read.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'LEADER')")
public class QuestionBank {

    static final int STEM_LENGTH = 1000;
    static final int EXPLANATION_LENGTH = 2000;
    static final int OPTION_LENGTH = 500;

    private final CertificationRecords records;
    private final Catalogue catalogue;
    private final AuditTrail audit;
    private final Clock clock;

    QuestionBank(CertificationRecords records, Catalogue catalogue, AuditTrail audit, Clock clock) {
        this.records = records;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Question> questions(String typeCode) {
        requireType(typeCode);
        return records.questions(typeCode, false);
    }

    @Transactional
    public Question add(QuestionDraft draft, CurrentUser editor) {
        BusinessTypeDefinition type = requireType(draft.typeCode());
        String node = draft.nodeCode() == null || draft.nodeCode().isBlank() ? null : draft.nodeCode().strip();
        if (node != null && type.nodeSequence().stream().map(KeyNode::name).noneMatch(node::equals)) {
            throw DomainException.invalid("nodeCode", "manual.note.node-unknown", node);
        }
        QuestionKind kind;
        try {
            kind = QuestionKind.valueOf(draft.kind() == null ? "" : draft.kind().strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("kind", "manual.question.kind-unknown", draft.kind());
        }
        String stem = text(draft.stem(), "stem", "manual.question.stem", STEM_LENGTH);
        String explanation = text(draft.explanation(), "explanation", "manual.question.explanation", EXPLANATION_LENGTH);
        List<Question.Option> options = options(kind, draft.options());
        long id = records.insertQuestion(type.code(), node, kind, stem, explanation, options, editor.username(), clock.instant());
        audit.record(ManualAudit.QUESTION_ADDED, "manual-chapter", type.code(), "type=" + type.code() + " question=" + id);
        return records.question(id).orElseThrow();
    }

    @Transactional
    public void retire(long id, CurrentUser editor) {
        Question question = records.question(id).orElseThrow(() -> DomainException.notFound("manual.question.not-found", id));
        if (records.retireQuestion(id) == 0) {
            throw DomainException.conflict("manual.question.retired", id);
        }
        audit.record(ManualAudit.QUESTION_RETIRED, "manual-chapter", question.typeCode(), "type=" + question.typeCode() + " question=" + id);
    }

    /** The options by kind: how many there may be and how many are correct; each text 1 to 500 characters. */
    static List<Question.Option> options(QuestionKind kind, List<QuestionDraft.OptionDraft> drafts) {
        List<QuestionDraft.OptionDraft> given = drafts.stream().filter(o -> o != null && o.text() != null && !o.text().isBlank()).toList();
        int min = kind == QuestionKind.MULTIPLE ? 3 : 2;
        int max = kind == QuestionKind.TRUE_FALSE ? 2 : 6;
        if (given.size() < min || given.size() > max) {
            throw DomainException.invalid("options", "manual.question.option-count", min, max);
        }
        long correct = given.stream().filter(QuestionDraft.OptionDraft::correct).count();
        if (correct == 0) {
            throw DomainException.invalid("options", "manual.question.no-correct");
        }
        if (kind != QuestionKind.MULTIPLE && correct > 1) {
            throw DomainException.invalid("options", "manual.question.one-correct");
        }
        List<Question.Option> options = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String text = given.get(i).text().strip();
            if (text.length() > OPTION_LENGTH) {
                throw DomainException.invalid("options[" + i + "].text", "manual.question.option-text", i + 1, OPTION_LENGTH);
            }
            options.add(new Question.Option(i, text, given.get(i).correct()));
        }
        return options;
    }

    private BusinessTypeDefinition requireType(String typeCode) {
        return catalogue.findCurrent(typeCode == null ? "" : typeCode)
                .orElseThrow(() -> DomainException.invalid("typeCode", "manual.chapter.unknown", typeCode));
    }

    private static String text(String value, String field, String key, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > max) {
            throw DomainException.invalid(field, key, max);
        }
        return text;
    }
}
