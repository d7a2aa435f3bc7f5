package org.yekuo.workflow.internal;

import java.util.Set;

import org.flowable.engine.ProcessEngine;
import org.flowable.spring.ProcessEngineFactoryBean;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the engine wait for Flyway: otherwise Flowable creates its tables first and Flyway refuses
 * to migrate a schema that is not empty. Registered in {@code META-INF/spring.factories}.
 */
public class FlowableAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(SpringProcessEngineConfiguration.class, ProcessEngineFactoryBean.class, ProcessEngine.class);
    }
}
