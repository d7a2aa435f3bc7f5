package org.yekuo.catalogue.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ChangeKind;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.Revision;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;

/**
 * Administrators' edits of a business type (R-CAT-1). Each edit names the version it is based on and
 * writes the next version in full, with its audit record, in one transaction; an edit based on a
 * version that is no longer current is refused as a conflict.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class CatalogueEditing {

    private final Catalogue catalogue;
    private final BusinessTypes types;
    private final Materials materials;
    private final AuditTrail audit;
    private final CurrentUsers users;
    private final Clock clock;

    CatalogueEditing(Catalogue catalogue, BusinessTypes types, Materials materials, AuditTrail audit,
            CurrentUsers users, Clock clock) {
        this.catalogue = catalogue;
        this.types = types;
        this.materials = materials;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public BusinessTypeDefinition changeTimeLimit(String typeCode, String nodeCode, Edits.TimeLimitEdit edit) {
        BusinessTypeDefinition base = based(typeCode, edit.baseVersion());
        KeyNode node = Inputs.oneOf(KeyNode.class, "node", nodeCode, "catalogue.node.unknown");
        TimeLimit before = base.limitOf(node).orElseThrow(() ->
                DomainException.invalid("node", "catalogue.node.not-in-type", node.name(), typeCode));
        TimeLimit after = TimeLimitRule.limit(node, edit.amount(), edit.unit(), edit.source(), edit.note());
        List<NodeDefinition> nodes = base.nodes().stream()
                .map(n -> n.node() == node ? new NodeDefinition(node, after) : n).toList();
        return commit(base, nodes, base.reviewers(), base.checklist(), ChangeKind.TIME_LIMIT,
                node.name() + ": " + describe(before) + " -> " + describe(after), after.note());
    }

    @Transactional
    public BusinessTypeDefinition addMaterial(String typeCode, Edits.MaterialAddition edit) {
        BusinessTypeDefinition base = based(typeCode, edit.baseVersion());
        Locale locale = LocaleContextHolder.getLocale();
        Material material = ChecklistPolicy.admissible(edit.materialCode(), materials::findAbolished, materials::find,
                locale);
        KeyNode deferral = ChecklistPolicy.deferral(base, material, edit.deferredUntil(), locale);
        return commit(base, base.nodes(), base.reviewers(), ChecklistPolicy.add(base, material, deferral, locale),
                ChangeKind.CHECKLIST, "+ " + material.code() + " " + due(deferral), edit.reason());
    }

    @Transactional
    public BusinessTypeDefinition changeDeferral(String typeCode, String materialCode, Edits.DeferralEdit edit) {
        BusinessTypeDefinition base = based(typeCode, edit.baseVersion());
        ChecklistItem item = ChecklistPolicy.onList(base, materialCode);
        KeyNode deferral = ChecklistPolicy.deferral(base, item.material(), edit.deferredUntil(),
                LocaleContextHolder.getLocale());
        return commit(base, base.nodes(), base.reviewers(), ChecklistPolicy.defer(base, materialCode, deferral),
                ChangeKind.CHECKLIST, materialCode + ": " + due(item.deferredUntil()) + " -> " + due(deferral),
                edit.reason());
    }

    @Transactional
    public BusinessTypeDefinition removeMaterial(String typeCode, String materialCode, Integer baseVersion,
            String reason) {
        BusinessTypeDefinition base = based(typeCode, baseVersion);
        List<ChecklistItem> checklist = ChecklistPolicy.remove(base, materialCode, LocaleContextHolder.getLocale());
        return commit(base, base.nodes(), base.reviewers(), checklist, ChangeKind.CHECKLIST, "- " + materialCode,
                reason);
    }

    @Transactional
    public BusinessTypeDefinition changeReviewers(String typeCode, Edits.ReviewersEdit edit) {
        BusinessTypeDefinition base = based(typeCode, edit.baseVersion());
        List<Reviewer> reviewers = ReviewerPolicy.reviewers(edit.reviewers());
        return commit(base, base.nodes(), reviewers, base.checklist(), ChangeKind.REVIEWERS,
                describe(base.reviewers()) + " -> " + describe(reviewers), edit.reason());
    }

    /**
     * Marks whether applicants may apply for the type online, from their phone (issue 20's self-service): a setting of
     * the type, not a new version of its flow, so orders in progress are untouched; only new online applications see
     * it. A change needs its reason, for the audit trail.
     */
    @Transactional
    public boolean changeOnlineCapable(String typeCode, String choice, String reason) {
        BusinessTypeSummary type = catalogue.types().stream().filter(t -> t.code().equals(typeCode)).findFirst()
                .orElseThrow(() -> DomainException.notFound("catalogue.type.not-found", typeCode));
        if (!"true".equals(choice) && !"false".equals(choice)) {
            throw DomainException.invalid("onlineCapable", "catalogue.online.choice-required");
        }
        boolean online = Boolean.parseBoolean(choice);
        String note = Inputs.note("reason", reason);
        if (note == null) {
            throw DomainException.invalid("reason", "catalogue.online.reason-required");
        }
        if (online == type.onlineCapable()) {
            return online;
        }
        types.markOnlineCapable(typeCode, online);
        audit.record(CatalogueAudit.ONLINE_CAPABLE_CHANGED, "business-type", typeCode, "online=" + online + " reason=" + note);
        return online;
    }

    /** The current version, provided the edit is based on it. */
    private BusinessTypeDefinition based(String typeCode, Integer baseVersion) {
        BusinessTypeDefinition current = catalogue.current(typeCode);
        if (baseVersion == null) {
            throw DomainException.invalid("baseVersion", "catalogue.edit.base-version-required",
                    String.valueOf(current.version()));
        }
        if (baseVersion != current.version()) {
            throw stale(typeCode, baseVersion, current.version());
        }
        return current;
    }

    private BusinessTypeDefinition commit(BusinessTypeDefinition base, List<NodeDefinition> nodes,
            List<Reviewer> reviewers, List<ChecklistItem> checklist, ChangeKind kind, String detail, String reason) {
        String note = Inputs.note("reason", reason);
        if (!types.advance(base.code(), base.version())) {
            // Another edit became current between reading and writing.
            throw stale(base.code(), base.version(), types.currentVersion(base.code()).orElseThrow());
        }
        BusinessTypeDefinition next = new BusinessTypeDefinition(base.code(), base.version() + 1, base.nameZh(),
                base.nameEn(), base.family(), base.lowVoltageVariant(), nodes, reviewers, checklist);
        types.insert(next, new Revision(next.code(), next.version(), users.require().username(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), kind, detail, note));
        audit.record(CatalogueAudit.of(kind),
                "business-type", next.code(), "version " + next.version() + ": " + detail);
        return next;
    }

    private static DomainException stale(String typeCode, int baseVersion, int currentVersion) {
        return DomainException.conflict("catalogue.version.stale", typeCode, String.valueOf(baseVersion),
                String.valueOf(currentVersion));
    }

    private static String describe(TimeLimit limit) {
        return limit.amount() + " " + limit.unit() + " " + limit.source();
    }

    private static String describe(List<Reviewer> reviewers) {
        return reviewers.stream()
                .map(r -> r.conditional() ? r.department() + ">" + r.onlyAboveKw() + "kW" : r.department().name())
                .collect(Collectors.joining(", "));
    }

    private static String due(KeyNode deferredUntil) {
        return deferredUntil == null ? "ACCEPTANCE" : deferredUntil.name();
    }
}
