/**
 * Authenticity: whether an audience is bought and whether comments are spam, each verdict with reasons a person
 * understands, learning from the team's own judgements.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Authenticity")
package org.rapport.authenticity;
