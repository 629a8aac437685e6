/** The events pages and the events API. */
package org.rapport.events.web;
