package org.yekuo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(YekuoApplication.class);

    @Test
    void modulesHaveNoCyclesAndNoReachIntoInternals() {
        modules.verify();
    }

    @Test
    void onlyTheWorkflowModuleUsesTheEngine() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.yekuo");
        noClasses().that().resideOutsideOfPackage("org.yekuo.workflow..")
                .should().dependOnClassesThat().resideInAPackage("org.flowable..")
                .because("the workflow engine stays in one module (STYLE.md 7)")
                .check(classes);
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
