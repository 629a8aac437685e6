/** The reach-out page, the contact page's reach-out panel and the API for reminders, gifts and the ranked list. */
package org.rapport.relationships.web;
