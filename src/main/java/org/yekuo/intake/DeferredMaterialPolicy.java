package org.yekuo.intake;

import java.util.List;

/**
 * Deferred-material tracking (R-MAT-4): a material deferred until a node must be there when the order
 * reaches that node, or the order is suspended until it arrives; a material still required at
 * acceptance blocks the acceptance node itself.
 */
final class DeferredMaterialPolicy {

    private DeferredMaterialPolicy() {
    }

    /** The materials that are due by {@code nodeCode} and still missing. */
    static List<String> missingAt(String nodeCode, List<ApplicationMaterial> materials) {
        return materials.stream()
                .filter(m -> !m.state().satisfied())
                .filter(m -> m.state() == MaterialState.REQUIRED ? "ACCEPTANCE".equals(nodeCode) : nodeCode.equals(m.deferredUntil()))
                .map(ApplicationMaterial::materialCode)
                .toList();
    }

    /** Every material still outstanding, whatever node it is due by: what the applicant is reminded of. */
    static List<String> outstanding(List<ApplicationMaterial> materials) {
        return materials.stream().filter(m -> !m.state().satisfied()).map(ApplicationMaterial::materialCode).toList();
    }
}
