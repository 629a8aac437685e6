/**
 * LinkedIn: comments on an organisation page's posts and posts that mention the page arrive in the inbox, one
 * conversation per post, through the webhook of the organisation's LinkedIn app and a catch-up poll; answers are
 * posted as the page's comments, nested under the comment answered.
 */
package org.rapport.channels.linkedin;
