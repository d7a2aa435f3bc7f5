package org.yekuo.intake;

import java.time.Instant;

/**
 * One checklist material of an application.
 *
 * @param deferredUntil the node code by which a deferred material is due; null otherwise
 * @param documentId    the uploaded file, when there is one
 * @param reusedFrom    the earlier application whose material is on file, when reused
 */
public record ApplicationMaterial(String materialCode, MaterialState state, String deferredUntil, Long documentId,
        Long reusedFrom, Instant suppliedAt) {
}
