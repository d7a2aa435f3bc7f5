package org.yekuo.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.internal.Guidelines;
import org.yekuo.shared.DomainException;

/**
 * Reads the review guidelines (R-REV-2). A scheme is reviewed against the version in force when it was
 * submitted: take {@link #current} (or {@link #inForceAt}) at submission, keep its version number, and
 * check every clause an opinion cites with {@link #clause}. Old versions stay readable for ever. Unknown
 * codes and versions are refused as not found, naming what was asked for.
 */
@Service
@Transactional(readOnly = true)
public class ReviewGuidelines {

    private final Guidelines guidelines;

    ReviewGuidelines(Guidelines guidelines) {
        this.guidelines = guidelines;
    }

    /** All guidelines at their current version: LV, then HV. */
    public List<ReviewGuideline> guidelines() {
        return guidelines.codes().stream().map(this::current).toList();
    }

    public ReviewGuideline current(String code) {
        int version = guidelines.currentVersion(code).orElseThrow(() -> unknown(code));
        return version(code, version);
    }

    public ReviewGuideline version(String code, int version) {
        return guidelines.find(code, version).orElseThrow(() -> guidelines.currentVersion(code).isPresent()
                ? DomainException.notFound("catalogue.guideline.version-not-found", code, String.valueOf(version))
                : unknown(code));
    }

    /** The version that was current at the instant, such as when a scheme was submitted. */
    public ReviewGuideline inForceAt(String code, Instant at) {
        int version = guidelines.versionAt(code, at).orElseThrow(() -> guidelines.currentVersion(code).isPresent()
                ? DomainException.notFound("catalogue.guideline.not-in-force", code, at.toString())
                : unknown(code));
        return version(code, version);
    }

    /** The current version of the guideline the type's schemes are checked against, if they have one. */
    public Optional<ReviewGuideline> applicableTo(BusinessTypeDefinition type) {
        return codeFor(type).map(this::current);
    }

    /** The code of the guideline the type's schemes are checked against; see {@link GuidelineApplicability}. */
    public Optional<String> codeFor(BusinessTypeDefinition type) {
        return GuidelineApplicability.guidelineFor(type);
    }

    /**
     * The item with this clause number in the given version, or empty when that version has no such
     * clause (an opinion citing it is to be refused). An unknown guideline or version is refused.
     */
    public Optional<GuidelineItem> clause(String code, int version, String clauseNo) {
        return version(code, version).item(clauseNo);
    }

    /** Who changed the guideline when and how, newest version first. */
    public List<GuidelineRevision> history(String code) {
        List<GuidelineRevision> revisions = guidelines.revisions(code);
        if (revisions.isEmpty()) {
            throw unknown(code);
        }
        return revisions;
    }

    private static DomainException unknown(String code) {
        return DomainException.notFound("catalogue.guideline.not-found", code);
    }
}
