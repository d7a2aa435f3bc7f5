package org.yekuo.shared;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as they are. Spring's resource URL encoding would ask the static resource
 * chain about every link a page renders ({@code /orders/42}, {@code /tasks/...}) and, since those are no
 * resources, probe every jar of the class path for each one, uncached: on a list of 200 tasks that is most
 * of the page's time. Versionless web jar paths ({@code /webjars/htmx.org/dist/htmx.min.js}) still work:
 * the resource handler resolves them when the browser asks.
 */
@Configuration(proxyBeanMethods = false)
class ResourceLinksConfiguration {

    /** Takes the place of Boot's filter (which backs off when one exists) and keeps it out of the chain. */
    @Bean
    ResourceUrlEncodingFilter resourceUrlEncodingFilter() {
        return new ResourceUrlEncodingFilter();
    }

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff(ResourceUrlEncodingFilter filter) {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
