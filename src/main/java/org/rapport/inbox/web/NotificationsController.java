package org.rapport.inbox.web;

import java.util.UUID;

import org.rapport.inbox.Notifications;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The member's notifications: the page, the badge in the top bar that an open page asks for every few seconds, and
 * the daily digest setting ({@link NotificationsApi} for programs).
 */
@Controller
class NotificationsController {

	private final Notifications notifications;
	private final NotificationBadge badges;

	NotificationsController(Notifications notifications, NotificationBadge badges) {
		this.notifications = notifications;
		this.badges = badges;
	}

	@GetMapping("/notifications")
	String page(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "false") boolean unread,
			Model model) {
		model.addAttribute("items", notifications.of(me, unread, 100));
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("unreadCount", notifications.unreadCount(me.workspaceId(), me.userId()));
		model.addAttribute("settings", notifications.settings(me));
		return "notifications";
	}

	/** The bell with its count, which an open page asks for every ten seconds. */
	@GetMapping("/notifications/badge")
	String badge(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("badge", badges.of(me));
		return "layout :: badge";
	}


	@PostMapping("/notifications/{id}/open")
	String open(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return "redirect:/inbox/" + notifications.open(me, id);
	}

	@PostMapping("/notifications/read")
	String readAll(@AuthenticationPrincipal CurrentUser me, RedirectAttributes flash) {
		int marked = notifications.markRead(me, null);
		flash.addFlashAttribute("notice", "notifications.allRead");
		flash.addFlashAttribute("noticeArg", marked);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/settings")
	String settings(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "false") boolean digest,
			@RequestParam(required = false) Integer digestHour, RedirectAttributes flash) {
		notifications.change(me, new Notifications.Settings(digest,
				digestHour != null ? digestHour : notifications.settings(me).digestHour()));
		flash.addFlashAttribute("notice", "settings.saved");
		return "redirect:/notifications";
	}
}
