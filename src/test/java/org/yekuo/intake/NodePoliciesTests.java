package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.catalogue.Material;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/** The rules of node work on their own: outcomes, dates, choices, reuse of materials on file. */
class NodePoliciesTests {

    private static final List<String> HV = List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REVIEW", "SCHEME_REPLY",
            "DESIGN_REVIEW", "INTERMEDIATE_INSPECTION", "SUPPLY_WORKS", "COMPLETION_ACCEPTANCE", "CONTRACT", "METER_INSTALLATION",
            "POWER_ON");

    @Test
    @DisplayName("R-DOC-2 a fail goes back to the usual node unless another allowed one is named; a pass goes on")
    void failGoesBackToTheNodeThatRedoesItsWork() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(OutcomePolicy.decide("DESIGN_REVIEW", Map.of("outcome", "FAIL", "reason", "图纸缺接地设计"), HV, problems)
                .goesBackTo()).contains("SCHEME_DESIGN");
        assertThat(OutcomePolicy.decide("COMPLETION_ACCEPTANCE", Map.of("outcome", "FAIL", "reason", "电缆终端未做防水",
                "returnTo", "SUPPLY_WORKS"), HV, problems).goesBackTo()).contains("SUPPLY_WORKS");
        assertThat(OutcomePolicy.decide("INTERMEDIATE_INSPECTION", Map.of("outcome", "PASS"), HV, problems).goesBackTo()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("R-DOC-2 a fail without a reason, or back to a node the type does not plan, is refused by field")
    void failNeedsReasonAndAPlannedNode() {
        List<FieldProblem> problems = new ArrayList<>();
        OutcomePolicy.decide("COMPLETION_ACCEPTANCE", Map.of("outcome", "FAIL", "reason", "差", "returnTo", "SUPPLY_WORKS"),
                List.of("ACCEPTANCE", "COMPLETION_ACCEPTANCE", "CONTRACT"), problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("reason", "returnTo");
    }

    @Test
    @DisplayName("R-DOC-2 a choice outside its options and a missing required value are refused together")
    void choicesAreChecked() {
        assertThatThrownBy(() -> NodeForm.SCHEME_DESIGN.validate(Map.of("supplyVoltage", "400V", "supplyPoint", "东郊站")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.fieldProblems()).extracting(FieldProblem::field)
                        .contains("supplyVoltage", "meteringMethod", "tariffCategory", "schemeSummary")
                        .doesNotContain("transformerCapacity", "propertyBoundary"));
    }

    @Test
    @DisplayName("R-DOC-2 a date before acceptance, before the previous node or beyond today's margin is refused")
    void datesFollowTheOrdersCourse() {
        NodeDatePolicy policy = new NodeDatePolicy(LocalDate.of(2026, 12, 1), Optional.of(LocalDate.of(2026, 12, 3)), "SITE_SURVEY",
                LocalDate.of(2026, 12, 7), 1);
        List<FieldProblem> problems = new ArrayList<>();
        policy.check(List.of("replyDate"), Map.of("replyDate", "2020-01-01"), problems);
        policy.check(List.of("replyDate"), Map.of("replyDate", "2026-12-02"), problems);
        policy.check(List.of("replyDate"), Map.of("replyDate", "2030-01-01"), problems);
        assertThat(problems).extracting(FieldProblem::messageKey).containsExactly("intake.node-field.date-before-acceptance",
                "intake.node-field.date-before-previous", "intake.node-field.date-future");
        problems.clear();
        policy.check(List.of("replyDate"), Map.of("replyDate", "2026-12-08"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("R-MAT-5 the applicant's certificates serve any order, a property proof only the same address, project papers none")
    void reuseFollowsWhoseTheMaterialIs() {
        var copy = new OneCertificateStartPolicy.OnFileCopy(1, "示范市东郊工业园 9 号");
        assertThat(OneCertificateStartPolicy.reusable(material(Material.Reuse.APPLICANT), copy, "别处")).isTrue();
        assertThat(OneCertificateStartPolicy.reusable(material(Material.Reuse.ADDRESS), copy, "示范市东郊工业园9号")).isTrue();
        assertThat(OneCertificateStartPolicy.reusable(material(Material.Reuse.ADDRESS), copy, "示范市东郊工业园 19 号")).isFalse();
        assertThat(OneCertificateStartPolicy.reusable(material(Material.Reuse.NONE), copy, "示范市东郊工业园 9 号")).isFalse();
    }

    private static Material material(Material.Reuse reuse) {
        return new Material("M", "材料", "material", false, false, reuse);
    }
}
