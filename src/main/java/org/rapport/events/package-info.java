/**
 * Events: fairs, congresses and meetups where online contacts can be met in person; who of our contacts attends,
 * whom to meet first, the team's meeting plan, and logging the meetings afterwards.
 */
package org.rapport.events;
