/**
 * People and organisations the workspace is in touch with, their identities on every channel and their timeline.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts")
package org.rapport.contacts;
