/**
 * Fills a demo workspace with realistic contacts and conversations on every channel when {@code RAPPORT_DEMO=true}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package org.rapport.demo;
