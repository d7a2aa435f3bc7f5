package org.yekuo.intake;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.document.Document;
import org.yekuo.document.FieldPhotos;
import org.yekuo.document.NodePhoto;
import org.yekuo.document.SchemeDrawings;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;

/**
 * Assembles what each task needs to be done (see {@link TaskContext}): the designer sees the survey, a
 * reviewer and every later node the scheme, a revising designer every opinion and the ruling, a node
 * done again why it failed before. Reads within the reader's data scope.
 */
@Service
@Transactional(readOnly = true)
public class TaskContexts {

    static final String SURVEY = "SITE_SURVEY";
    static final String SCHEME = "SCHEME_DESIGN";

    private final Applications applications;
    private final FieldPhotos photos;
    private final NodeOutcomes outcomes;
    private final Catalogue catalogue;
    private final StaffMembers staff;
    private final ObjectProvider<RevisionNotes> revisionNotes;
    private final SchemeDrawings drawingsOf;

    TaskContexts(Applications applications, FieldPhotos photos, NodeOutcomes outcomes, Catalogue catalogue, StaffMembers staff,
            ObjectProvider<RevisionNotes> revisionNotes, SchemeDrawings drawingsOf) {
        this.drawingsOf = drawingsOf;
        this.applications = applications;
        this.photos = photos;
        this.outcomes = outcomes;
        this.catalogue = catalogue;
        this.staff = staff;
        this.revisionNotes = revisionNotes;
    }

    public TaskContext forNode(long orderId, String nodeCode, CurrentUser user, Locale locale) {
        Application order = applications.get(orderId);
        OrderAccess.requireInScope(order, user);
        Map<String, Map<String, String>> recorded = recordedByNode(orderId);
        List<KeyNode> planned = catalogue.version(order.planTypeCode(), order.planTypeVersion()).nodeSequence();
        boolean designerOrReviewer = SCHEME.equals(nodeCode) || "SCHEME_REVIEW".equals(nodeCode);
        boolean afterDesign = planned.contains(KeyNode.SCHEME_DESIGN) && planned.contains(KeyNode.valueOf(nodeCode))
                && planned.indexOf(KeyNode.valueOf(nodeCode)) > planned.indexOf(KeyNode.SCHEME_DESIGN);
        RecordedNode survey = designerOrReviewer ? recorded(SURVEY, recorded) : null;
        Map<String, String> names = new HashMap<>();
        List<NodePhoto> surveyPhotos = designerOrReviewer ? photos.ofOrder(orderId, user).stream()
                .filter(p -> SURVEY.equals(p.nodeCode())).toList() : List.of();
        RecordedNode scheme = afterDesign ? recorded(SCHEME, recorded) : null;
        RevisionNotes.Revision revision = SCHEME.equals(nodeCode)
                ? Optional.ofNullable(revisionNotes.getIfAvailable()).flatMap(notes -> notes.latest(orderId, locale)).orElse(null)
                : null;
        List<RecordedOutcome> sentBack = outcomes.ofOrder(orderId).stream()
                .filter(o -> o.failed() && (nodeCode.equals(o.returnTo()) || nodeCode.equals(o.nodeCode())))
                .map(o -> o.named(names.computeIfAbsent(o.decidedBy(), this::displayName))).toList();
        // A node done again starts from what it recorded before; an outcome is decided afresh every time.
        Map<String, String> earlier = new LinkedHashMap<>(recorded.getOrDefault(nodeCode, Map.of()));
        earlier.keySet().removeAll(List.of(NodeForm.OUTCOME, NodeForm.REASON, NodeForm.RETURN_TO));
        // The scheme's drawings go with the scheme: to its designer, its reviewers and every node after it.
        List<Document> drawings = designerOrReviewer || afterDesign ? drawingsOf.current(orderId, user) : List.of();
        return new TaskContext(survey, surveyPhotos, scheme, drawings, revision, sentBack, earlier);
    }

    /** The order's supply scheme as last designed, for the review desk; empty before it is designed. */
    public RecordedNode scheme(long orderId) {
        return recorded(SCHEME, recordedByNode(orderId));
    }

    /** The site survey's figures, for the review desk. */
    public RecordedNode survey(long orderId) {
        return recorded(SURVEY, recordedByNode(orderId));
    }

    /** Everything the order's nodes recorded, node by node in the key nodes' order. */
    public List<RecordedNode> recorded(long orderId) {
        Map<String, Map<String, String>> recorded = recordedByNode(orderId);
        return java.util.Arrays.stream(KeyNode.values()).map(Enum::name).filter(recorded::containsKey).map(node -> recorded(node, recorded)).toList();
    }

    /** Every pass and fail of the order's reviews and inspections, oldest first, with who decided. */
    public List<RecordedOutcome> outcomes(long orderId) {
        Map<String, String> names = new HashMap<>();
        return outcomes.ofOrder(orderId).stream().map(o -> o.named(names.computeIfAbsent(o.decidedBy(), this::displayName)))
                .toList();
    }

    private Map<String, Map<String, String>> recordedByNode(long orderId) {
        return applications.nodeFields(orderId).stream().collect(Collectors.groupingBy(NodeField::nodeCode,
                Collectors.toMap(NodeField::fieldName, NodeField::text, (a, b) -> b, LinkedHashMap::new)));
    }

    /**
     * A node's values in its form's order, each choice and way back with the key of its label; values of fields the form
     * no longer asks for (recorded by an earlier version) follow as written.
     */
    private static RecordedNode recorded(String nodeCode, Map<String, Map<String, String>> recorded) {
        Map<String, String> values = new LinkedHashMap<>(recorded.getOrDefault(nodeCode, Map.of()));
        List<RecordedNode.Field> fields = new java.util.ArrayList<>();
        for (NodeForm.Field f : NodeForm.of(nodeCode).fields()) {
            String value = values.remove(f.name());
            if (value != null) {
                fields.add(new RecordedNode.Field(f.name(), value, switch (f.kind()) {
                    case CHOICE -> "intake.node-field." + f.name() + "." + value;
                    case RETURN_NODE -> "catalogue.node." + value;
                    default -> null;
                }, f.kind() == NodeForm.Kind.MEASURE ? f.measurement().baseUnit() : null));
            }
        }
        values.forEach((name, value) -> fields.add(new RecordedNode.Field(name, value, null)));
        return new RecordedNode(nodeCode, List.copyOf(fields));
    }

    private String displayName(String username) {
        return staff.byUsername(username).map(StaffMember::displayName).orElse(username);
    }
}
