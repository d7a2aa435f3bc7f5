package org.yekuo.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What makes an opinion acceptable (R-REV-3): a verdict; for MODIFY and RETURN at least one clause
 * number of the guideline version in force, each one the reviewer's own department reviews (a ruling may
 * cite any department's), and a text that says concretely what to change. Text that is only vague
 * phrases ("please improve" and its Chinese equivalents) is refused with the reason. The vague phrases are a resource
 * ({@code review/vague-phrases.txt}), not code, so the business can extend the list.
 */
public final class ReviewOpinionPolicy {

    static final int MAX_TEXT = 2000;
    /** Characters of substance an opinion that asks for a change must keep once the vague phrases are out. */
    static final int MIN_CONCRETE = 6;

    private final List<String> vaguePhrases;

    ReviewOpinionPolicy(List<String> vaguePhrases) {
        this.vaguePhrases = vaguePhrases.stream().map(p -> p.toLowerCase(Locale.ROOT))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The policy with the phrases of {@code review/vague-phrases.txt}. */
    static ReviewOpinionPolicy fromResource() {
        try (InputStream in = ReviewOpinionPolicy.class.getResourceAsStream("/review/vague-phrases.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ReviewOpinionPolicy(text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("review/vague-phrases.txt cannot be read", e);
        }
    }

    /**
     * Refuses the opinion with every problem at once, naming the fields {@code verdict}, {@code clauses}
     * and {@code text}. {@code department} is the reviewer's; empty for a leader's ruling.
     */
    void check(Opinion opinion, ReviewGuideline guideline, Optional<Department> department) {
        List<FieldProblem> problems = new ArrayList<>();
        if (opinion.verdict() == null) {
            problems.add(new FieldProblem("verdict", "review.opinion.verdict-required"));
        }
        for (String clause : opinion.clauses()) {
            Optional<GuidelineItem> item = guideline.item(clause);
            if (item.isEmpty()) {
                problems.add(new FieldProblem("clauses", "review.opinion.clause-unknown", clause, guideline.code(),
                        String.valueOf(guideline.version())));
            } else if (department.isPresent() && item.get().department() != department.get()) {
                problems.add(new FieldProblem("clauses", "review.opinion.clause-other-department", clause,
                        new DefaultMessageSourceResolvable(item.get().department().messageKey())));
            }
        }
        if (opinion.text().length() > MAX_TEXT) {
            problems.add(new FieldProblem("text", "review.opinion.too-long", MAX_TEXT));
        }
        if (opinion.verdict() != null && opinion.verdict().asksForChange()) {
            if (opinion.clauses().isEmpty()) {
                problems.add(new FieldProblem("clauses", "review.opinion.clause-required"));
            }
            if (opinion.text().isEmpty()) {
                problems.add(new FieldProblem("text", "review.opinion.text-required"));
            } else if (isVague(opinion.text())) {
                problems.add(new FieldProblem("text", "review.opinion.vague", opinion.text()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "review.opinion.refused");
        }
    }

    /** True when, without its vague phrases, clause numbers and punctuation, too little of the text is left. */
    boolean isVague(String text) {
        String rest = text.toLowerCase(Locale.ROOT);
        for (String phrase : vaguePhrases) {
            rest = rest.replace(phrase, " ");
        }
        rest = rest.replaceAll("[\\p{P}\\p{S}\\p{Z}\\s\\d]", "");
        return rest.codePointCount(0, rest.length()) < MIN_CONCRETE;
    }
}
