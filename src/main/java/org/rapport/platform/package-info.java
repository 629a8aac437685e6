/**
 * Workspaces, users and roles, login, API tokens, the audit log and installation-wide settings.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.rapport.platform;
