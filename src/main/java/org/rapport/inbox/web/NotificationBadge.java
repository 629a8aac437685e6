package org.rapport.inbox.web;

import org.rapport.inbox.Notifications;
import org.rapport.platform.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The bell of the top bar, for the layout ({@code @notificationBadge.of(me)}). */
@Component("notificationBadge")
public class NotificationBadge {

	/** The unread count, with the latest unread notification for a browser notification when it is new. */
	public record Badge(int count, Notifications.Notification latest, String latestText) {
	}

	private final Notifications notifications;

	NotificationBadge(Notifications notifications) {
		this.notifications = notifications;
	}

	/** What happened, in the language of the page. */
	public String what(Notifications.Notification n) {
		return notifications.what(n, LocaleContextHolder.getLocale());
	}

	public Badge of(CurrentUser me) {
		int count = notifications.unreadCount(me.workspaceId(), me.userId());
		Notifications.Notification latest = count == 0 ? null
				: notifications.latestUnread(me.workspaceId(), me.userId()).orElse(null);
		return new Badge(count, latest, latest == null ? "" : what(latest) + ": " + latest.title());
	}
}
