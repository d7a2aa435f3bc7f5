package org.yekuo.catalogue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.shared.DomainException;

class TimeLimitRuleTests {

    @Test
    @DisplayName("R-SLA-1 a positive whole number of working days or hours is a time limit, with its source")
    void acceptsPositiveWholeNumbers() {
        TimeLimit limit = TimeLimitRule.limit(KeyNode.SITE_SURVEY, " 3 ", "WORKING_DAYS", "STATE_GRID_RULE", "  ");
        assertThat(limit).isEqualTo(new TimeLimit(3, LimitUnit.WORKING_DAYS, LimitSource.STATE_GRID_RULE, null));
        assertThat(TimeLimitRule.limit(KeyNode.SUPPLY_WORKS, "4", "WORKING_HOURS", "PAPER", "short").unit())
                .isEqualTo(LimitUnit.WORKING_HOURS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "2.5", "", "1000"})
    @DisplayName("R-SLA-1 an amount that is not a whole number from 1 to 999 is refused, naming the field")
    void refusesAmountsOutsideOneTo999(String amount) {
        assertThatThrownBy(() -> TimeLimitRule.limit(KeyNode.SITE_SURVEY, amount, "WORKING_DAYS", "PAPER", null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.fieldProblems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("amount")));
    }

    @Test
    @DisplayName("R-SLA-1 acceptance alone may take 0 working days, the same working day, but not 0 hours")
    void acceptanceMayBeTheSameWorkingDay() {
        assertThat(TimeLimitRule.limit(KeyNode.ACCEPTANCE, "0", "WORKING_DAYS", "COMMON_PRACTICE", null).sameWorkingDay())
                .isTrue();
        assertThatThrownBy(() -> TimeLimitRule.limit(KeyNode.ACCEPTANCE, "0", "WORKING_HOURS", "COMMON_PRACTICE", null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("catalogue.limit.amount-not-positive-acceptance"));
        assertThatThrownBy(() -> TimeLimitRule.limit(KeyNode.ACCEPTANCE, "-1", "WORKING_DAYS", "COMMON_PRACTICE", null))
                .isInstanceOf(DomainException.class);
    }

    @Test
    @DisplayName("R-SLA-1 units and sources outside their lists are refused, naming the field")
    void refusesUnknownUnitAndSource() {
        assertThatThrownBy(() -> TimeLimitRule.limit(KeyNode.SITE_SURVEY, "2", "DAYS", "PAPER", null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("unit"));
        assertThatThrownBy(() -> TimeLimitRule.limit(KeyNode.SITE_SURVEY, "2", "WORKING_DAYS", "RUMOUR", null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("source"));
    }

    @Test
    @DisplayName("R-SLA-1 only common-practice figures are marked unconfirmed")
    void commonPracticeIsUnconfirmed() {
        assertThat(TimeLimitRule.limit(KeyNode.CONTRACT, "2", "WORKING_DAYS", "COMMON_PRACTICE", null).confirmed()).isFalse();
        assertThat(TimeLimitRule.limit(KeyNode.CONTRACT, "2", "WORKING_DAYS", "PAPER", null).confirmed()).isTrue();
    }
}
