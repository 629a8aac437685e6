/** The insights API and dashboard: dialogue figures for a period, by channel, member and segment. */
package org.rapport.insights.web;
