/** The listening page and API: monitors, hits, and what the team does with a hit. */
package org.rapport.listening.web;
