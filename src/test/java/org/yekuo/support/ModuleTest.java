package org.yekuo.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A module started with only the modules it declares (and {@code shared}), on a database of the module tests'
 * own. The module is the package of the annotated test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
@TestPropertySource(properties = {
        // A process engine that a module context never uses must not take the other contexts' timer jobs.
        "flowable.async-executor-activate=false",
        // Readiness names the health of modules that are not started here.
        "management.endpoint.health.validate-group-membership=false",
        // Modules left out may own migrations written in Java (document's V141): a database of the module tests' own.
        org.yekuo.EmbeddedPostgres.DATABASE_PROPERTY + "=module_tests" })
public @interface ModuleTest {
}
