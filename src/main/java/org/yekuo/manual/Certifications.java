package org.yekuo.manual;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.manual.internal.CertificationRecords;
import org.yekuo.manual.internal.CertificationRecords.CertificationRow;
import org.yekuo.manual.internal.ExamRules;
import org.yekuo.manual.internal.ManualRecords;

/**
 * Who is certified for which business type (R-STD-2). A certification counts until it expires, or, when its
 * chapter changed materially in an edition published after it was gained, until the renewal grace after that
 * edition ends. The board lists those lapsing soon and those lapsed in the reader's data scope.
 */
@Service
@Transactional(readOnly = true)
public class Certifications {

    /** At most this many lines of a board list. */
    static final int BOARD_LINES = 200;

    private final CertificationRecords records;
    private final ManualRecords manual;
    private final StaffMembers staff;
    private final ExamRules rules;
    private final Clock clock;

    Certifications(CertificationRecords records, ManualRecords manual, StaffMembers staff, ExamRules rules, Clock clock) {
        this.records = records;
        this.manual = manual;
        this.staff = staff;
        this.rules = rules;
        this.clock = clock;
    }

    /** The person's certification for the type that counts now, if any. */
    public Optional<Certification> valid(String username, String typeCode) {
        Instant now = clock.instant();
        return records.latest(username, typeCode).map(this::certification).filter(c -> c.validAt(now));
    }

    /** The newest certification of each type the person holds, whether it still counts or not. */
    public List<Certification> of(String username) {
        return records.latestOf(username).stream().map(this::certification).toList();
    }

    /**
     * Certifications in the reader's scope that lapse within the warning period or have lapsed (up to a year
     * back), soonest first: who must sit the exam again.
     */
    public List<Certification> lapsing(CurrentUser reader) {
        Instant now = clock.instant();
        Instant horizon = now.plus(rules.expiringWithin());
        List<Certification> found = new ArrayList<>();
        for (CertificationRow row : records.latestLapsingBefore(horizon, BOARD_LINES)) {
            found.add(certification(row));
        }
        // Renewal after a material change may come before the expiry date.
        for (Edition edition : manual.editions()) {
            if (edition.publishedAt().plus(rules.renewalGrace()).isBefore(now.minus(java.time.Duration.ofDays(365)))) {
                break;
            }
            for (ManualRecords.ChapterRow chapter : manual.chapters(edition.number())) {
                if (chapter.materialChange()) {
                    for (CertificationRow row : records.latestOfTypeCertifiedBefore(chapter.typeCode(), edition.publishedAt(), BOARD_LINES)) {
                        Certification c = certification(row);
                        if (c.lapsesAt().isBefore(horizon) && found.stream().noneMatch(f -> f.id() == c.id())) {
                            found.add(c);
                        }
                    }
                }
            }
        }
        DataScope scope = reader.scope();
        return found.stream()
                .filter(c -> c.lapsesAt().isAfter(now.minus(java.time.Duration.ofDays(365))))
                .filter(c -> staff.byUsername(c.username()).map(StaffMember::orgPath).filter(scope::includes).isPresent())
                .sorted(java.util.Comparator.comparing(Certification::lapsesAt)).limit(BOARD_LINES).toList();
    }

    private Certification certification(CertificationRow row) {
        Instant renewBy = manual.lastMaterialChange(row.typeCode())
                .filter(e -> e.publishedAt().isAfter(row.certifiedAt()))
                .map(e -> e.publishedAt().plus(rules.renewalGrace())).orElse(null);
        return new Certification(row.id(), row.username(), row.typeCode(), row.examId(), row.edition(), row.certifiedAt(),
                row.validUntil(), renewBy);
    }
}
