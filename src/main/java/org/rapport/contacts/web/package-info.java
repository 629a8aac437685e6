/**
 * Contacts in the browser and under {@code /api/v1/contacts}.
 */
package org.rapport.contacts.web;
