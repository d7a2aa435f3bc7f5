package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deferred-material tracking (R-MAT-4), on its own: which missing materials hold an order at a node. */
class DeferredMaterialPolicyTests {

    private static final Instant SUPPLIED_AT = Instant.parse("2026-12-07T02:00:00Z");

    private static final List<ApplicationMaterial> MATERIALS = List.of(
            new ApplicationMaterial("ID_CARD", MaterialState.SUPPLIED, null, null, null, SUPPLIED_AT),
            new ApplicationMaterial("PROPERTY_PROOF", MaterialState.DEFERRED, "SITE_SURVEY", null, null, null),
            new ApplicationMaterial("LOAD_LIST", MaterialState.DEFERRED, "SCHEME_DESIGN", null, null, null),
            new ApplicationMaterial("EARLIER_DRAWINGS", MaterialState.ON_FILE, "SCHEME_DESIGN", null, 41L, SUPPLIED_AT),
            new ApplicationMaterial("POWER_OF_ATTORNEY", MaterialState.NOT_APPLICABLE, null, null, null, null));

    @Test
    @DisplayName("R-MAT-4 a node is held only by the missing materials deferred until it")
    void nodeIsHeldByWhatIsDueThere() {
        assertThat(DeferredMaterialPolicy.missingAt("SITE_SURVEY", MATERIALS)).containsExactly("PROPERTY_PROOF");
        assertThat(DeferredMaterialPolicy.missingAt("SCHEME_DESIGN", MATERIALS)).containsExactly("LOAD_LIST");
        assertThat(DeferredMaterialPolicy.missingAt("POWER_ON", MATERIALS)).isEmpty();
    }

    @Test
    @DisplayName("R-MAT-4 a supplied material no longer holds its node")
    void suppliedMaterialReleasesItsNode() {
        List<ApplicationMaterial> supplied = List.of(
                new ApplicationMaterial("PROPERTY_PROOF", MaterialState.SUPPLIED, "SITE_SURVEY", 7L, null, SUPPLIED_AT));

        assertThat(DeferredMaterialPolicy.missingAt("SITE_SURVEY", supplied)).isEmpty();
    }

    @Test
    @DisplayName("R-MAT-4 a material still required at acceptance holds the acceptance node itself, and no later one")
    void requiredMaterialHoldsAcceptance() {
        List<ApplicationMaterial> required = List.of(new ApplicationMaterial("ID_CARD", MaterialState.REQUIRED, null, null, null, null));

        assertThat(DeferredMaterialPolicy.missingAt("ACCEPTANCE", required)).containsExactly("ID_CARD");
        assertThat(DeferredMaterialPolicy.missingAt("SITE_SURVEY", required)).isEmpty();
    }

    @Test
    @DisplayName("R-MAT-4 the applicant is reminded of every material still outstanding, whatever node it is due by")
    void outstandingListsEveryMissingMaterial() {
        assertThat(DeferredMaterialPolicy.outstanding(MATERIALS)).containsExactly("PROPERTY_PROOF", "LOAD_LIST");
    }
}
