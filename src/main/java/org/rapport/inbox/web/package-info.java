/**
 * The inbox in the browser and under {@code /api/v1/conversations}.
 */
package org.rapport.inbox.web;
