/**
 * Reports of time-limit control read from the deadline tables: the monthly overdue analysis
 * (R-SLA-5), the department score sheet with its configurable rules and the company-wide notices of
 * red nodes (R-SLA-6), and the on-time leaderboard (R-SLA-7), with their Excel and PDF exports, which
 * the reporting module writes.
 */
package org.yekuo.deadline.report;
