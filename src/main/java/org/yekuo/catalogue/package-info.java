/**
 * The versioned catalogue of business types: for each type its nodes in order with their time limits,
 * the reviewing departments and the material checklist, plus the materials that were abolished.
 * Orders read a type through {@link org.yekuo.catalogue.Catalogue} and keep the version they started with.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalogue",
        allowedDependencies = { "audit", "identity", "shared", "workflow" })
package org.yekuo.catalogue;
