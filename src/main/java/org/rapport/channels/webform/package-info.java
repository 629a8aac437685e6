/**
 * The embeddable contact form of each workspace: a page to frame or link, an HTML snippet, and a JSON endpoint.
 */
package org.rapport.channels.webform;
