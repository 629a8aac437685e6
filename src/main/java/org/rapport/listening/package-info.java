/**
 * Listening: what people say in public beyond the workspace's own accounts — hashtags and searches on the connected
 * networks, the items of followed feeds — matched against the workspace's monitors, each post shown once, to be
 * answered, shared or dismissed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Listening")
package org.rapport.listening;
