/**
 * Fills a demo workspace when {@code RAPPORT_DEMO=true}: contacts and conversations on every channel, organisations,
 * custom fields, segments and stages, a blog with comments, events with meeting plans, reminders and gifts, and a
 * follower audit of its Fediverse account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package org.rapport.demo;
