/** The authenticity API and page: scoring and teaching by profiles and comments, and the follower check from a CSV. */
package org.rapport.authenticity.web;
