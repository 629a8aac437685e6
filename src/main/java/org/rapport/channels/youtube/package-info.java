/**
 * YouTube: comment threads on the videos of a YouTube channel arrive in the inbox, one conversation per thread; answers
 * are posted as replies in the thread ({@code comments.insert}), within the daily quota of the Google Cloud project.
 */
package org.rapport.channels.youtube;
