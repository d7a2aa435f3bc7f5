package org.yekuo.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The work-order fields each node must record before it can pass to the next (R-DOC-2): the survey's
 * figures, the structured supply scheme, the pass/fail outcome of reviews and inspections with their
 * dates, the contract and customer numbers, the meter. A field's label is the message
 * {@code intake.node-field.<name>}, a choice's option {@code intake.node-field.<name>.<option>}.
 */
enum NodeForm {
    ACCEPTANCE(),
    SITE_SURVEY(text("meterPosition"), text("supplyPoint"), measure("distanceMetres", Measurement.metres("0.1", "10000").withUnitInName()),
            measure("lineRouteLength", Measurement.metres("1", "50000")).optional(),
            measure("siteTransformerCapacity", Measurement.kva("10", "63000")).optional(),
            measure("cableCrossSection", Measurement.crossSection()).optional(), longText("surveyOpinion")),
    SCHEME_DESIGN(choice("supplyVoltage", "220V", "380V", "10kV", "20kV", "35kV", "110kV"), text("supplyPoint"),
            choice("supplyCircuits", "SINGLE", "DUAL").optional(), number("transformerCapacity").optional(),
            choice("meteringMethod", "HV_HV", "HV_LV", "LV_LV"), choice("tariffCategory", "RESIDENTIAL", "GENERAL",
                    "LARGE_INDUSTRIAL", "AGRICULTURAL"),
            text("propertyBoundary").optional(), longText("schemeSummary")),
    SCHEME_REVIEW(),
    SCHEME_REPLY(date("replyDate")),
    DESIGN_REVIEW(outcome(), reason(), returnTo()),
    INTERMEDIATE_INSPECTION(date("inspectionDate"), outcome(), reason(), returnTo()),
    SUPPLY_WORKS(longText("worksSummary")),
    COMPLETION_ACCEPTANCE(date("inspectionDate"), outcome(), reason(), returnTo()),
    CONTRACT(text("contractNo"), text("customerNo")),
    METER_INSTALLATION(text("meterNo"), number("meterReading")),
    POWER_ON(date("poweredOnDate"));

    static final String OUTCOME = "outcome";
    static final String REASON = "reason";
    static final String RETURN_TO = "returnTo";
    static final int MAX_LENGTH = 2000;

    /** What a field holds; {@code RETURN_NODE} is a node of the order's plan, offered by {@link OutcomePolicy}. */
    enum Kind {
        TEXT, LONG_TEXT, NUMBER, MEASURE, DATE, CHOICE, RETURN_NODE
    }

    /**
     * One field; {@code options} are a choice's allowed values, {@code required} false for what may stay empty,
     * {@code measurement} a measured value's units and range. A measurement's unit may come with its value or,
     * from a form, as {@code <name>.unit}.
     */
    record Field(String name, Kind kind, List<String> options, boolean required, Measurement measurement) {

        Field(String name, Kind kind, List<String> options, boolean required) {
            this(name, kind, options, required, null);
        }

        Field optional() {
            return new Field(name, kind, options, false, measurement);
        }
    }

    static final String UNIT_SUFFIX = ".unit";

    private final List<Field> fields;

    NodeForm(Field... fields) {
        this.fields = List.of(fields);
    }

    List<Field> fields() {
        return fields;
    }

    /** The node records a pass or fail (R-DOC-2): a fail sends the order back instead of on. */
    boolean decides() {
        return fields.stream().anyMatch(f -> f.name().equals(OUTCOME));
    }

    /** The node's fields that are dates, which {@link NodeDatePolicy} checks against the order's course. */
    List<String> dateFields() {
        return fields.stream().filter(f -> f.kind() == Kind.DATE).map(Field::name).toList();
    }

    static NodeForm of(String nodeCode) {
        try {
            return valueOf(nodeCode);
        } catch (IllegalArgumentException e) {
            throw DomainException.conflict("intake.node.unknown", nodeCode);
        }
    }

    /**
     * Checks every field at once and answers with all problems together; returns the values trimmed, in
     * form order, when all required ones are present and all are well-formed.
     */
    Map<String, String> validate(Map<String, String> input) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : fields) {
            String raw = input == null ? null : input.get(field.name());
            String value = raw == null ? "" : raw.trim();
            if (value.isEmpty()) {
                if (field.required()) {
                    problems.add(new FieldProblem(field.name(), "intake.node-field.required",
                            new DefaultMessageSourceResolvable("intake.node-field." + field.name())));
                }
                continue;
            }
            if (value.length() > MAX_LENGTH) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.too-long", MAX_LENGTH));
                continue;
            }
            if (field.kind() == Kind.NUMBER && !isNonNegativeNumber(value)) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.number", value));
                continue;
            }
            if (field.kind() == Kind.MEASURE) {
                String unit = input.get(field.name() + UNIT_SUFFIX);
                field.measurement().read(field.name(), value, unit, problems).ifPresent(v -> values.put(field.name(), v));
                continue;
            }
            if (field.kind() == Kind.DATE && !isDate(value)) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.date", value));
                continue;
            }
            if (field.kind() == Kind.CHOICE && !field.options().contains(value)) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.choice", value, String.join(", ", field.options())));
                continue;
            }
            values.put(field.name(), value);
        }
        if (!problems.isEmpty()) {
            throw incomplete(problems);
        }
        return values;
    }

    DomainException incomplete(List<FieldProblem> problems) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "intake.node-field.incomplete", name());
    }

    private static boolean isNonNegativeNumber(String value) {
        try {
            return new BigDecimal(value).signum() >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Field text(String name) {
        return new Field(name, Kind.TEXT, List.of(), true);
    }

    private static Field longText(String name) {
        return new Field(name, Kind.LONG_TEXT, List.of(), true);
    }

    private static Field number(String name) {
        return new Field(name, Kind.NUMBER, List.of(), true);
    }

    private static Field measure(String name, Measurement measurement) {
        return new Field(name, Kind.MEASURE, List.of(), true, measurement);
    }

    private static Field date(String name) {
        return new Field(name, Kind.DATE, List.of(), true);
    }

    private static Field choice(String name, String... options) {
        return new Field(name, Kind.CHOICE, List.of(options), true);
    }

    private static Field outcome() {
        return choice(OUTCOME, NodeOutcome.PASS.name(), NodeOutcome.FAIL.name());
    }

    /** Why it failed: required with a fail, by {@link OutcomePolicy}. */
    private static Field reason() {
        return longText(REASON).optional();
    }

    /** Where a fail goes back to; its options are {@link OutcomePolicy}'s, for the order's planned nodes. */
    private static Field returnTo() {
        return new Field(RETURN_TO, Kind.RETURN_NODE, List.of(), false);
    }
}
