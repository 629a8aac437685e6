/**
 * The inbound API channel: integrators post messages into the inbox with {@code POST /api/v1/messages}.
 */
package org.rapport.channels.api;
