/**
 * China's working-day calendar (statutory holidays and adjusted working days, one per year) and the
 * deadline arithmetic in working days and office hours that every other module uses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar",
        allowedDependencies = { "audit", "identity", "shared" })
package org.yekuo.calendar;
