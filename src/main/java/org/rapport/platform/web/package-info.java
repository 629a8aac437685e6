/**
 * Login, first-start setup, workspace settings, members and API tokens in the browser and the API.
 */
package org.rapport.platform.web;
