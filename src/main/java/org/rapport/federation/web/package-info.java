/** The federation's HTTP doors: WebFinger, NodeInfo, actor documents, inboxes, the settings page and the API. */
package org.rapport.federation.web;
