package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yekuo.shared.DomainException;

/** R-MAT-3 / R-LIC-1: the subject qualification's number is checked before anything else happens. */
class SubjectQualificationTests {

    @ParameterizedTest
    @DisplayName("R-LIC-1 accepts the published GB 11643 examples, lower-case x included")
    @ValueSource(strings = {"11010519491231002X", "440524188001010014", "11010519491231002x"})
    void acceptsPublishedIdNumbers(String raw) {
        assertThat(ResidentIdNumber.parse("idNumber", raw).value()).isEqualTo(raw.toUpperCase());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("R-LIC-1 refuses ID numbers with the reason")
    @CsvSource({
            "110105194912310021, intake.id-number.check",
            "11010519491231002, intake.id-number.length",
            "1101051949123100AX, intake.id-number.characters",
            "110105194913310029, intake.id-number.birth-date",
            "'', intake.id-number.length"})
    void refusesBadIdNumbers(String raw, String reason) {
        assertThatThrownBy(() -> ResidentIdNumber.parse("idNumber", raw))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo(reason);
                    assertThat(e.fieldProblems()).singleElement().extracting(DomainException.FieldProblem::field)
                            .isEqualTo("idNumber");
                });
    }

    @ParameterizedTest
    @DisplayName("R-LIC-1 accepts published unified social credit codes (GB 32100)")
    @ValueSource(strings = {"91110000802100433B", "91440300708461136T", "91310000775785552L"})
    void acceptsPublishedCreditCodes(String raw) {
        assertThat(UnifiedSocialCreditCode.parse("creditCode", raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("R-LIC-1 refuses credit codes with the reason")
    @CsvSource({
            "91110000802100433C, intake.credit-code.check",
            "9111000080210043, intake.credit-code.length",
            "91110000802100433I, intake.credit-code.characters",
            "9111000080210O433B, intake.credit-code.characters"})
    void refusesBadCreditCodes(String raw, String reason) {
        assertThatThrownBy(() -> UnifiedSocialCreditCode.parse("creditCode", raw))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo(reason));
    }
}
