package org.yekuo.intake;

import java.util.List;
import java.util.Map;

import org.yekuo.document.Document;
import org.yekuo.document.NodePhoto;

/**
 * What a node's task page shows above its form, so that nobody works blind: the survey's figures and
 * photos for the designer, the supply scheme for everyone after it, what the review asked to change for
 * a designer revising, the fails that sent the order back here; and the values this node recorded the
 * last time it was done, to start a revision from.
 */
public record TaskContext(RecordedNode survey, List<NodePhoto> surveyPhotos, RecordedNode scheme, List<Document> drawings,
        RevisionNotes.Revision revision, List<RecordedOutcome> sentBack, Map<String, String> earlier) {

    public boolean hasSurvey() {
        return survey != null && !survey.isEmpty();
    }

    public boolean hasScheme() {
        return scheme != null && !scheme.isEmpty();
    }
}
