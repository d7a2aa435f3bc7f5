/**
 * The standard operating manual and staff certification (R-STD-1, R-STD-2): a chapter per business type
 * derived from the catalogue version it describes, with what editors write beside it, published in
 * editions with a change log that answers staff's feedback and takes in the month's typical review
 * cases; a question bank per chapter, timed exams graded on the server and the certifications they
 * give, which decide who may sign for a node alone.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Manual",
        allowedDependencies = { "audit", "catalogue", "identity", "intake", "notification", "review", "shared", "workflow" })
package org.yekuo.manual;
