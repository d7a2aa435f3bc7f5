package org.yekuo.intake;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an application is started with under one-certificate start: the subject qualification's number
 * (a person's ID number or an organisation's credit code), name, mobile phone, supply address and the
 * capacity asked for. Everything else may follow later.
 *
 * @param agent true when an agent applies on the applicant's behalf (a power of attorney is then due);
 *              left out, nobody else applies
 */
public record NewApplication(
        @NotBlank(message = "{intake.field.type-code}") String typeCode,
        @NotNull(message = "{intake.field.applicant-kind}") ApplicantKind applicantKind,
        @NotBlank(message = "{intake.field.name}") @Size(min = 2, max = 60, message = "{intake.field.name}")
        @Pattern(regexp = NAME_CHARACTERS, message = "{intake.field.name-characters}") String applicantName,
        String subjectCode,
        @NotBlank(message = "{intake.field.phone}") @Pattern(regexp = "1[3-9]\\d{9}", message = "{intake.field.phone}") String phone,
        @NotBlank(message = "{intake.field.address}") @Size(min = 5, max = 200, message = "{intake.field.address}")
        @Pattern(regexp = ADDRESS_CHARACTERS, message = "{intake.field.address-characters}") String supplyAddress,
        @NotNull(message = "{intake.field.capacity}") @DecimalMin(value = "0.01", message = "{intake.field.capacity}")
        @DecimalMax(value = "1000000", message = "{intake.field.capacity}") @Digits(integer = 10, fraction = 2, message = "{intake.field.capacity}")
        BigDecimal capacity,
        @NotNull(message = "{intake.field.capacity-unit}") CapacityUnit capacityUnit,
        Boolean agent) {

    /**
     * What a person's or an organisation's name is written with: letters of any script, digits, spaces and
     * the marks real names carry (middle dot, brackets, hyphen, full stop, ampersand, apostrophe). Markup
     * such as {@code <script>} is refused at input, not only escaped at output.
     */
    public static final String NAME_CHARACTERS = "[\\p{L}\\p{M}\\p{N} \u00b7\u2022()\uff08\uff09\\-.&'\u2019\uff0e]+";
    /** An address adds the marks of house numbers and places: # / , ， 、 : ： the apostrophe and the dash. */
    public static final String ADDRESS_CHARACTERS = "[\\p{L}\\p{M}\\p{N} \u00b7'\u2019()\uff08\uff09\\-\u2014.#/,\uff0c\u3001:\uff1a\uff03]+";

    public boolean byAgent() {
        return Boolean.TRUE.equals(agent);
    }
}
