/**
 * Channel settings and the form for logging offline contacts, in the browser.
 */
package org.rapport.channels.web;
