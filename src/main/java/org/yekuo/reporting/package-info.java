/**
 * Reporting: the one Excel writer and the one PDF writer of every module's reports, the table they lay out and
 * the month every monthly report covers. What a report shows, and the data behind it, stay with the module whose
 * tables they read; this module only writes them out.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
        allowedDependencies = { "shared" })
package org.yekuo.reporting;
