package org.rapport.inbox.web;

import org.rapport.inbox.Notifications;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** The bell of the top bar, for the layout ({@code @notificationBadge.of(me)}). */
@Component("notificationBadge")
public class NotificationBadge {

	/** The unread count, with the newest unread notification for a browser notification when it is new. */
	public record Badge(int count, Notifications.Notification newest) {
	}

	private final Notifications notifications;

	NotificationBadge(Notifications notifications) {
		this.notifications = notifications;
	}

	public Badge of(CurrentUser me) {
		int count = notifications.unreadCount(me.workspaceId(), me.userId());
		return new Badge(count, count == 0 ? null : notifications.newestUnread(me.workspaceId(), me.userId()).orElse(null));
	}
}
