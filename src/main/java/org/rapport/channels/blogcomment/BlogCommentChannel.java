package org.rapport.channels.blogcomment;

import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.springframework.stereotype.Component;

/** Each workspace's blog-comment channel, which every workspace has from the start. */
@Component
public class BlogCommentChannel {

	/** The channel's key in every workspace. */
	public static final String KEY = "blog-comments";

	private final Channels channels;

	BlogCommentChannel(Channels channels) {
		this.channels = channels;
	}

	/** The workspace's blog-comment channel, made again if it was lost. */
	public Channel of(UUID workspaceId) {
		return channels.defaultOf(workspaceId, BlogCommentConnector.KIND);
	}
}
