package org.yekuo.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSourceResolvable;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException.FieldProblem;

class StaffAccountRulesTests {

    @Test
    @DisplayName("R-X-2 usernames are 3 to 60 of lower-case letters, digits, dot, underscore and hyphen")
    void usernameRuleAcceptsOnlyTheAllowedAlphabetAndLength() {
        assertThat(UsernameRule.check("abc")).isEmpty();
        assertThat(UsernameRule.check("clerk.west_2-b")).isEmpty();
        assertThat(UsernameRule.check("a".repeat(60))).isEmpty();
        for (String bad : new String[] {null, "", "ab", "a".repeat(61), "Clerk", "wang li", "zhang@yk", "li\u674e"}) {
            assertThat(UsernameRule.check(bad)).as(bad).map(FieldProblem::field).contains("username");
        }
    }

    @Test
    @DisplayName("R-X-2 passwords need 8 characters of 3 kinds and must not be the username")
    void passwordPolicyNeedsLengthKindsAndNotTheUsername() {
        assertThat(PasswordPolicy.check("wang.li", "Abcdef1!")).isEmpty();
        assertThat(PasswordPolicy.check("wang.li", "abcdef12!")).isEmpty();
        assertThat(PasswordPolicy.check("wang.li", "Ab1!")).map(FieldProblem::messageKey).contains("staff.password.length");
        assertThat(PasswordPolicy.check("wang.li", null)).map(FieldProblem::messageKey).contains("staff.password.length");
        assertThat(PasswordPolicy.check("wang.li", "abcdefgh12")).map(FieldProblem::messageKey).contains("staff.password.kinds");
        assertThat(PasswordPolicy.check("wang.li", "ABCDEFGH!!")).map(FieldProblem::messageKey).contains("staff.password.kinds");
        assertThat(PasswordPolicy.check("li.2024-ab", "LI.2024-AB")).map(FieldProblem::messageKey).contains("staff.password.username");
        assertThat(PasswordPolicy.check("wang.li", "short")).map(FieldProblem::field).contains("password");
    }

    @Test
    @DisplayName("R-X-2 nobody holds two of system, security and audit administration")
    void separationOfDutiesRefusesTwoAdministrativeRoles() {
        assertThat(SeparationOfDuties.check(EnumSet.of(Role.ADMIN))).isEmpty();
        assertThat(SeparationOfDuties.check(EnumSet.of(Role.SECURITY_ADMIN, Role.CLERK))).isEmpty();
        assertThat(SeparationOfDuties.check(EnumSet.of(Role.AUDITOR, Role.LEADER, Role.DEPARTMENT_HEAD))).isEmpty();
        FieldProblem clash = SeparationOfDuties.check(EnumSet.of(Role.ADMIN, Role.AUDITOR, Role.CLERK)).orElseThrow();
        assertThat(clash.field()).isEqualTo("roles");
        assertThat(clash.messageKey()).isEqualTo("staff.roles.separation");
        assertThat(clash.arguments()).extracting(argument -> ((MessageSourceResolvable) argument).getCodes()[0])
                .containsExactly("role.AUDITOR", "role.ADMIN");
        assertThat(SeparationOfDuties.check(EnumSet.of(Role.SECURITY_ADMIN, Role.AUDITOR))).isPresent();
    }

    @Test
    @DisplayName("R-X-2 a member of staff needs at least one role")
    void separationOfDutiesNeedsAtLeastOneRole() {
        assertThat(SeparationOfDuties.check(Set.of())).map(FieldProblem::messageKey).contains("staff.roles.required");
        assertThat(SeparationOfDuties.check(null)).map(FieldProblem::messageKey).contains("staff.roles.required");
    }
}
