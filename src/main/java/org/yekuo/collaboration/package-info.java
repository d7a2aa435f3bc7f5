/**
 * Collaboration across departments (R-COL-3): coordination questions on an order, answered by the
 * department asked within working hours or escalated to its head and then to the leader in charge, with
 * the asker accepting or reopening the answer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Collaboration")
package org.yekuo.collaboration;
