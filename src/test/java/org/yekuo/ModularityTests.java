package org.yekuo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(YekuoApplication.class);

    @Test
    @DisplayName("modules have no cycles, reach into no module's internals and use only the modules they declare")
    void modulesHaveNoCyclesAndNoReachIntoInternals() {
        modules.verify();
    }

    @Test
    @DisplayName("every module declares the modules it may use, and the shared kernel is not open")
    void everyModuleDeclaresItsFloors() {
        assertThat(modules.stream()).allSatisfy(module -> {
            assertThat(module.getBasePackage().getAnnotation(org.springframework.modulith.ApplicationModule.class))
                    .as("@ApplicationModule of %s", module.getIdentifier())
                    .hasValueSatisfying(declared -> assertThat(declared.allowedDependencies())
                            .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN))
                    .hasValueSatisfying(declared -> assertThat(declared.type())
                            .isEqualTo(org.springframework.modulith.ApplicationModule.Type.CLOSED));
        });
    }

    @Test
    @DisplayName("a module that uses another without declaring it fails verification")
    void undeclaredDependencyFailsVerification() {
        var violations = ApplicationModules.of("org.yekuo.floorsfixture", new ImportOption.OnlyIncludeTests())
                .detectViolations();
        assertThat(violations.getMessages())
                .anySatisfy(message -> assertThat(message).contains("billing").contains("orders"))
                .noneSatisfy(message -> assertThat(message).contains("shipping"));
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
    @DisplayName("the module documentation shows every module, with its own diagram")
    void writesModuleDocumentation() throws IOException {
        Path folder = Path.of("target", "spring-modulith-docs");
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        // Diagrams only: the canvases read the Javadoc index, which Modulith 2.0.3 cannot build for a nested record.
        new Documenter(modules, folder.toString()).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        String overview = Files.readString(folder.resolve("components.puml"));
        for (ApplicationModule module : modules) {
            String id = module.getIdentifier().toString();
            assertThat(overview).as("overview diagram").contains("\"" + module.getDisplayName() + "\"");
            // A module's own diagram draws every module it uses.
            String diagram = Files.readString(folder.resolve("module-" + id + ".puml"));
            module.getDirectDependencies(modules).uniqueModules().forEach(used -> assertThat(diagram)
                    .as("diagram of %s", id).contains("\"" + used.getDisplayName() + "\""));
        }
    }
}
