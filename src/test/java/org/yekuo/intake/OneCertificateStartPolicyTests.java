package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.Material;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/** One-certificate start (R-MAT-3) and materials on file (R-MAT-5), on their own: what a new order's materials start as. */
class OneCertificateStartPolicyTests {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
    private static final String ADDRESS = "示范市东郊工业园 9 号";

    private static final Material ID_CARD = new Material("ID_CARD", "身份证", "ID card", true, false, Material.Reuse.APPLICANT);
    private static final Material LICENCE = new Material("BUSINESS_LICENCE", "营业执照", "Business licence", true, false,
            Material.Reuse.APPLICANT);
    private static final Material FORM = new Material("APPLICATION_FORM", "用电申请表", "Application form", false, true,
            Material.Reuse.NONE);
    private static final Material PROPERTY = new Material("PROPERTY_PROOF", "产权证明", "Property proof", false, false,
            Material.Reuse.ADDRESS);
    private static final Material ATTORNEY = new Material("POWER_OF_ATTORNEY", "授权委托书", "Power of attorney", false, false,
            Material.Reuse.NONE);
    private static final Material LOAD_LIST = new Material("LOAD_LIST", "用电设备清单", "Load list", false, false,
            Material.Reuse.NONE);

    @Test
    @DisplayName("R-MAT-3 a person's order is accepted on the ID card and the application alone; the rest waits for its node")
    void acceptanceTakesOnlyTheCertificateAndTheApplication() {
        BusinessTypeDefinition type = type(new ChecklistItem(ID_CARD, null), new ChecklistItem(FORM, null),
                new ChecklistItem(PROPERTY, KeyNode.SITE_SURVEY), new ChecklistItem(LOAD_LIST, KeyNode.SCHEME_DESIGN));

        List<ApplicationMaterial> materials = OneCertificateStartPolicy.initialMaterials(type, false, ADDRESS, Map.of(), NOW);

        assertThat(materials).containsExactly(
                new ApplicationMaterial("ID_CARD", MaterialState.SUPPLIED, null, null, null, NOW),
                new ApplicationMaterial("APPLICATION_FORM", MaterialState.SUPPLIED, null, null, null, NOW),
                new ApplicationMaterial("PROPERTY_PROOF", MaterialState.DEFERRED, "SITE_SURVEY", null, null, null),
                new ApplicationMaterial("LOAD_LIST", MaterialState.DEFERRED, "SCHEME_DESIGN", null, null, null));
    }

    @Test
    @DisplayName("R-MAT-3 a material an older catalogue version still asks for at acceptance is deferred to the first node after it")
    void materialStillAskedAtAcceptanceIsDeferredToTheNextNode() {
        BusinessTypeDefinition type = type(new ChecklistItem(ID_CARD, null), new ChecklistItem(PROPERTY, null));

        assertThat(OneCertificateStartPolicy.initialMaterials(type, false, ADDRESS, Map.of(), NOW))
                .filteredOn(m -> m.materialCode().equals("PROPERTY_PROOF"))
                .containsExactly(new ApplicationMaterial("PROPERTY_PROOF", MaterialState.DEFERRED, "SITE_SURVEY", null, null, null));
    }

    @Test
    @DisplayName("R-MAT-3 a power of attorney concerns an agent only: deferred for an agent, not applicable to the applicant in person")
    void powerOfAttorneyOnlyForAgents() {
        BusinessTypeDefinition type = type(new ChecklistItem(ID_CARD, null), new ChecklistItem(ATTORNEY, KeyNode.SITE_SURVEY));

        assertThat(OneCertificateStartPolicy.initialMaterials(type, false, ADDRESS, Map.of(), NOW).get(1).state())
                .isEqualTo(MaterialState.NOT_APPLICABLE);
        assertThat(OneCertificateStartPolicy.initialMaterials(type, true, ADDRESS, Map.of(), NOW).get(1))
                .isEqualTo(new ApplicationMaterial("POWER_OF_ATTORNEY", MaterialState.DEFERRED, "SITE_SURVEY", null, null, null));
    }

    @Test
    @DisplayName("R-MAT-5 the premises' copy on file serves an order at the same address however it is spaced, never one elsewhere")
    void premisesCopyOnFileServesTheSameAddressOnly() {
        BusinessTypeDefinition type = type(new ChecklistItem(ID_CARD, null), new ChecklistItem(PROPERTY, KeyNode.SITE_SURVEY));
        Map<String, OneCertificateStartPolicy.OnFileCopy> onFile = Map.of("PROPERTY_PROOF",
                new OneCertificateStartPolicy.OnFileCopy(41, "示范市东郊工业园9号"));

        assertThat(OneCertificateStartPolicy.initialMaterials(type, false, ADDRESS, onFile, NOW).get(1))
                .isEqualTo(new ApplicationMaterial("PROPERTY_PROOF", MaterialState.ON_FILE, null, null, 41L, NOW));
        assertThat(OneCertificateStartPolicy.initialMaterials(type, false, "示范市东郊工业园 19 号", onFile, NOW).get(1).state())
                .isEqualTo(MaterialState.DEFERRED);
    }

    @Test
    @DisplayName("R-MAT-5 a project's own material is asked for again even when an earlier order supplied it")
    void projectMaterialIsNeverReused() {
        BusinessTypeDefinition type = type(new ChecklistItem(ID_CARD, null), new ChecklistItem(LOAD_LIST, KeyNode.SCHEME_DESIGN));
        Map<String, OneCertificateStartPolicy.OnFileCopy> onFile = Map.of("LOAD_LIST", new OneCertificateStartPolicy.OnFileCopy(41, ADDRESS));

        assertThat(OneCertificateStartPolicy.initialMaterials(type, false, ADDRESS, onFile, NOW).get(1).state())
                .isEqualTo(MaterialState.DEFERRED);
    }

    @Test
    @DisplayName("R-MAT-3 an organisation cannot start on an ID card, nor a person on a business licence; the field is named")
    void certificateMustFitTheApplicant() {
        BusinessTypeDefinition forPersons = type(new ChecklistItem(ID_CARD, null));
        BusinessTypeDefinition forOrganisations = type(new ChecklistItem(LICENCE, null));

        OneCertificateStartPolicy.requireSubjectFits(forPersons, ApplicantKind.PERSON);
        OneCertificateStartPolicy.requireSubjectFits(forOrganisations, ApplicantKind.ORGANISATION);
        assertThatThrownBy(() -> OneCertificateStartPolicy.requireSubjectFits(forPersons, ApplicantKind.ORGANISATION))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("applicantKind", "intake.applicant-kind.mismatch")));
        assertThatThrownBy(() -> OneCertificateStartPolicy.requireSubjectFits(forOrganisations, ApplicantKind.PERSON))
                .isInstanceOf(DomainException.class);
    }

    private static BusinessTypeDefinition type(ChecklistItem... checklist) {
        TimeLimit limit = new TimeLimit(2, LimitUnit.WORKING_DAYS, LimitSource.PAPER, null);
        return new BusinessTypeDefinition("LV_RESIDENTIAL", 1, "低压居民新装", "LV residential", ProcessFamily.LV, null,
                List.of(new NodeDefinition(KeyNode.ACCEPTANCE, limit), new NodeDefinition(KeyNode.SITE_SURVEY, limit),
                        new NodeDefinition(KeyNode.SCHEME_DESIGN, limit), new NodeDefinition(KeyNode.POWER_ON, limit)),
                List.of(), List.of(checklist));
    }
}
