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
 * meter position and distance, the scheme's voltage, the contract and customer numbers, the meter
 * number. A field's label is the message {@code intake.node-field.<name>}.
 */
enum NodeForm {
    ACCEPTANCE(),
    SITE_SURVEY(text("meterPosition"), text("supplyPoint"), number("distanceMetres"), text("surveyOpinion")),
    SCHEME_DESIGN(text("supplyVoltage"), text("schemeSummary")),
    SCHEME_REVIEW(),
    SCHEME_REPLY(date("replyDate")),
    DESIGN_REVIEW(text("designReviewResult")),
    INTERMEDIATE_INSPECTION(text("inspectionResult")),
    SUPPLY_WORKS(text("worksSummary")),
    COMPLETION_ACCEPTANCE(text("acceptanceResult")),
    CONTRACT(text("contractNo"), text("customerNo")),
    METER_INSTALLATION(text("meterNo"), number("meterReading")),
    POWER_ON(date("poweredOnDate"));

    enum Kind {
        TEXT, NUMBER, DATE
    }

    record Field(String name, Kind kind) {
    }

    private final List<Field> fields;

    NodeForm(Field... fields) {
        this.fields = List.of(fields);
    }

    List<Field> fields() {
        return fields;
    }

    /**
     * Checks every required field at once and answers with all problems together; returns the values
     * trimmed, in form order, when all are present and well-formed.
     */
    Map<String, String> validate(Map<String, String> input) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : fields) {
            String raw = input == null ? null : input.get(field.name());
            String value = raw == null ? "" : raw.trim();
            if (value.isEmpty()) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.required",
                        new DefaultMessageSourceResolvable("intake.node-field." + field.name())));
                continue;
            }
            if (value.length() > 2000) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.too-long", 2000));
                continue;
            }
            if (field.kind() == Kind.NUMBER && !isNonNegativeNumber(value)) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.number", value));
                continue;
            }
            if (field.kind() == Kind.DATE && !isDate(value)) {
                problems.add(new FieldProblem(field.name(), "intake.node-field.date", value));
                continue;
            }
            values.put(field.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "intake.node-field.incomplete", name());
        }
        return values;
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
        return new Field(name, Kind.TEXT);
    }

    private static Field number(String name) {
        return new Field(name, Kind.NUMBER);
    }

    private static Field date(String name) {
        return new Field(name, Kind.DATE);
    }
}
