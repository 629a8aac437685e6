/**
 * Platform internals: the embedded database, security wiring and first-start setup.
 */
package org.rapport.platform.internal;
