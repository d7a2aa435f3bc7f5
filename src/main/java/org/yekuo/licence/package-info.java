/**
 * E-licences (R-LIC-1..5): retrieval of business licences, property certificates and ID records from the
 * government data-sharing platform on the applicant's consent, reading uploaded or counter-scanned
 * licences by OCR with a person confirming the fields, and the watch on licences that expire.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Licence",
        allowedDependencies = { "audit", "catalogue", "document", "identity", "intake", "notification", "shared", "workflow" })
package org.yekuo.licence;
