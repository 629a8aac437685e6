/**
 * Insights: honest dialogue figures — response rate, first response and resolution times in business hours,
 * depth, two-way share — kept current from the inbox's events as one row per opening of a conversation, and
 * rebuilt from the inbox's history on demand. Definitions in {@code docs/metrics.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package org.rapport.insights;
