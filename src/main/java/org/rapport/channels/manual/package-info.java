/**
 * Offline contacts logged by hand: phone calls, visits, letters, event encounters and field-staff notes.
 */
package org.rapport.channels.manual;
