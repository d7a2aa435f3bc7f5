package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSourceResolvable;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/** The survey's measured figures with their units and allowed ranges (R-COL-1), as a rule alone. */
class SurveyMeasurementTests {

    @Test
    @DisplayName("R-COL-1 measurements are kept in their base unit: 0.8 km of route is 800 m, 0.4 MVA is 400 kVA, 95 mm2 a nominal section")
    void keepsMeasurementsInTheirBaseUnit() {
        Map<String, String> values = NodeForm.SITE_SURVEY.validate(survey(Map.of("distanceMetres", "35.50", "distanceMetres.unit", "m",
                "lineRouteLength", "0.8 km", "siteTransformerCapacity", "0.4", "siteTransformerCapacity.unit", "MVA",
                "cableCrossSection", "95 mm2")));

        assertThat(values).containsEntry("distanceMetres", "35.5").containsEntry("lineRouteLength", "800")
                .containsEntry("siteTransformerCapacity", "400").containsEntry("cableCrossSection", "95")
                .doesNotContainKeys("distanceMetres.unit", "siteTransformerCapacity.unit");
    }

    @Test
    @DisplayName("R-COL-1 the distance's name states metres, so a bare number from an older client is read in metres")
    void readsABareDistanceInMetres() {
        assertThat(NodeForm.SITE_SURVEY.validate(survey(Map.of("distanceMetres", "1200")))).containsEntry("distanceMetres", "1200");
    }

    @Test
    @DisplayName("R-COL-1 a measurement out of range, without unit, in a unit not allowed or not a nominal section is refused "
            + "naming the field, the value and what is allowed, all at once")
    void refusesBadMeasurementsNamingFieldValueAndRange() {
        DomainException refused = catchThrowableOfType(DomainException.class, () -> NodeForm.SITE_SURVEY.validate(survey(Map.of(
                "distanceMetres", "12", "distanceMetres.unit", "km", "lineRouteLength", "350",
                "siteTransformerCapacity", "400 kW", "cableCrossSection", "90", "cableCrossSection.unit", "mm²"))));

        assertThat(refused.status().value()).isEqualTo(422);
        assertThat(refused.fieldProblems()).extracting(FieldProblem::field)
                .containsExactly("distanceMetres", "lineRouteLength", "siteTransformerCapacity", "cableCrossSection");
        assertThat(problem(refused, "distanceMetres")).isEqualTo(List.of("intake.measure.out-of-range", "intake.node-field.distanceMetres",
                "12 km", "0.1", "10000", "m"));
        assertThat(problem(refused, "lineRouteLength")).isEqualTo(List.of("intake.measure.unit-missing",
                "intake.node-field.lineRouteLength", "350", "m / km"));
        assertThat(problem(refused, "siteTransformerCapacity")).isEqualTo(List.of("intake.measure.unit-unknown",
                "intake.node-field.siteTransformerCapacity", "400 kW", "kW", "kVA / MVA"));
        assertThat(problem(refused, "cableCrossSection").subList(0, 3)).isEqualTo(List.of("intake.measure.not-a-size",
                "intake.node-field.cableCrossSection", "90 mm²"));
        assertThat(problem(refused, "cableCrossSection").get(3)).contains("70, 95, 120");
    }

    @Test
    @DisplayName("R-COL-1 a negative or non-numeric reading is refused with the units the field takes")
    void refusesReadingsThatAreNotNumbers() {
        DomainException refused = catchThrowableOfType(DomainException.class, () -> NodeForm.SITE_SURVEY.validate(survey(Map.of(
                "distanceMetres", "-3 m", "lineRouteLength", "about 30 m"))));

        assertThat(problem(refused, "distanceMetres").get(0)).isEqualTo("intake.measure.out-of-range");
        assertThat(problem(refused, "lineRouteLength")).isEqualTo(List.of("intake.measure.number", "intake.node-field.lineRouteLength",
                "about 30 m", "m / km"));
    }

    private static Map<String, String> survey(Map<String, String> measured) {
        Map<String, String> fields = new HashMap<>(Map.of("meterPosition", "东墙外表箱", "supplyPoint", "3号公变", "surveyOpinion", "具备接入条件"));
        fields.putAll(measured);
        return fields;
    }

    /** The problem of one field as its message key followed by its arguments, a label given by its key. */
    private static List<String> problem(DomainException refused, String field) {
        FieldProblem problem = refused.fieldProblems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow();
        List<String> parts = new java.util.ArrayList<>(List.of(problem.messageKey()));
        for (Object argument : problem.arguments()) {
            parts.add(argument instanceof MessageSourceResolvable label ? label.getCodes()[0] : String.valueOf(argument));
        }
        return parts;
    }
}
