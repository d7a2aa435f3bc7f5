package org.yekuo.review;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.RevisionNotes;

/**
 * Tells the designer's task page what the latest round asked to change (R-REV-3, R-REV-4): every
 * department's opinion and the leader's ruling, each clause cited with its text from the guideline version
 * the round was reviewed against.
 */
@Component
class SchemeRevisionNotes implements RevisionNotes {

    private final ReviewRecords records;
    private final ReviewGuidelines guidelines;
    private final StaffMembers staff;

    SchemeRevisionNotes(ReviewRecords records, ReviewGuidelines guidelines, StaffMembers staff) {
        this.records = records;
        this.guidelines = guidelines;
        this.staff = staff;
    }

    @Override
    public Optional<Revision> latest(long orderId, Locale locale) {
        return records.latestRound(orderId).filter(r -> r.state() == RoundState.TO_REVISE || r.state() == RoundState.RULED)
                .flatMap(round -> {
                    Optional<Ruling> ruling = records.ruling(round.id());
                    if (ruling.isPresent() && !ruling.get().verdict().asksForChange()) {
                        return Optional.empty();
                    }
                    ReviewGuideline guideline = guidelines.version(round.guidelineCode(), round.guidelineVersion());
                    Map<String, GuidelineItem> items = guideline.items().stream()
                            .collect(Collectors.toMap(GuidelineItem::clauseNo, Function.identity(), (a, b) -> a));
                    Map<String, String> names = new HashMap<>();
                    Function<String, String> name = username -> username == null ? null : names.computeIfAbsent(username,
                            u -> staff.byUsername(u).map(StaffMember::displayName).orElse(u));
                    List<Note> opinions = records.ofRound(round.id()).stream().filter(Review::decided)
                            .map(r -> new Note(r.department().messageKey(), name.apply(r.decidedBy()), r.verdict().messageKey(),
                                    clauses(r.clauses(), items, locale), r.opinion(), r.decidedAt()))
                            .toList();
                    Note ruled = ruling.map(r -> new Note("review.page.ruling", name.apply(r.ruledBy()), r.verdict().messageKey(),
                            clauses(r.clauses(), items, locale), r.opinion(), r.ruledAt())).orElse(null);
                    return Optional.of(new Revision(round.roundNo(), opinions, ruled, ruling.map(Ruling::meeting).orElse(null)));
                });
    }

    private static List<Clause> clauses(List<String> cited, Map<String, GuidelineItem> items, Locale locale) {
        return cited.stream().map(c -> new Clause(c, Optional.ofNullable(items.get(c)).map(i -> i.text(locale)).orElse(""))).toList();
    }
}
