/**
 * From online contact to personal one: whom to reach out to now and why, reminders to stay in touch, and what the
 * organisation gave first (recommendations, introductions, shares).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Relationships")
package org.rapport.relationships;
