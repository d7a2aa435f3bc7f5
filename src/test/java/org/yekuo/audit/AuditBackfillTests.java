package org.yekuo.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * R-X-2 (an audit record says who did what when): a record in someone else's name or at another time than now can be
 * written only while the demo seeds its history, never under the {@code prod} profile. That the demo still writes its
 * history this way, at the moments it happened, {@code DemoHistoryTests} shows.
 */
class AuditBackfillTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(AuditTrail.class, () -> new AuditTrail(null, Clock.systemUTC()))
            .withUserConfiguration(AuditBackfill.class);

    @Test
    @DisplayName("R-X-2 without the demo's history there is no way to write a back-dated record")
    void absentOutsideTheDemoHistory() {
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(AuditBackfill.class));
        context.withPropertyValues("yekuo.demo.enabled=true", "yekuo.demo.history=false")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(AuditBackfill.class));
        context.withPropertyValues("yekuo.demo.enabled=false", "yekuo.demo.history=true")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(AuditBackfill.class));
    }

    @Test
    @DisplayName("R-X-2 the demo's history turned on under the prod profile refuses to start rather than back-date records")
    void refusedUnderProd() {
        context.withPropertyValues("yekuo.demo.enabled=true", "yekuo.demo.history=true", "spring.profiles.active=prod")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("prod"));
    }

    @Test
    @DisplayName("R-X-2 the demo's history outside prod has the back-dating port")
    void presentForTheDemoHistory() {
        context.withPropertyValues("yekuo.demo.enabled=true", "yekuo.demo.history=true")
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(AuditBackfill.class));
    }

    @Test
    @DisplayName("R-X-2 the trail has no public method that takes a time, and only the demo uses the back-dating port")
    void onlyTheDemoBackdates() {
        assertThat(Arrays.stream(AuditTrail.class.getDeclaredMethods()).filter(method -> Modifier.isPublic(method.getModifiers())))
                .noneMatch(method -> Arrays.asList(method.getParameterTypes()).contains(Instant.class));
        noClasses().that().resideOutsideOfPackages("org.yekuo.audit..", "org.yekuo.demo..")
                .should().dependOnClassesThat().areAssignableTo(AuditBackfill.class)
                .because("only the demo's seeding writes records of changes that happened earlier")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.yekuo"));
    }
}
