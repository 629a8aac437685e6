package org.rapport.inbox.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.inbox.ScheduledReplies;
import org.rapport.inbox.Signatures;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Send later" in the composer: plan a reply (with the files chosen), send a planned one now, or take it back into
 * the composer.
 */
@Controller
class SendLaterController {

	private final ScheduledReplies scheduled;
	private final Workspaces workspaces;
	private final Signatures signatures;

	SendLaterController(ScheduledReplies scheduled, Workspaces workspaces, Signatures signatures) {
		this.signatures = signatures;
		this.scheduled = scheduled;
		this.workspaces = workspaces;
	}

	/**
	 * @param when a preset of {@link SnoozePresets} ({@code later}, {@code tomorrow}, {@code monday}) or {@code at}
	 * @param at with {@code when=at}: a date and time in the workspace's time zone, as a datetime-local field sends it
	 */
	@PostMapping("/inbox/{id}/scheduled")
	String schedule(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "tomorrow") String when, @RequestParam(defaultValue = "") String at,
			@RequestParam(defaultValue = "") String back, @RequestParam(defaultValue = "false") boolean signature,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes flash) {
		ZoneId zone = workspaces.get(me.workspaceId()).timeZone();
		try {
			var planned = scheduled.schedule(me, id, signatures.sign(me, id, body, "reply", signature), sendAt(when, at, zone),
					InboxController.uploads(files));
			flash.addFlashAttribute("notice", "sendLater.planned");
			flash.addFlashAttribute("noticeArg", java.time.format.DateTimeFormatter.ofLocalizedDateTime(
					java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
				.withLocale(org.springframework.context.i18n.LocaleContextHolder.getLocale())
				.format(planned.sendAt().atZone(zone)));
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			flash.addFlashAttribute("draft", body);
		}
		return "redirect:/inbox/" + id + InboxController.safe(back);
	}

	static Instant sendAt(String when, String at, ZoneId zone) {
		if ("at".equals(when)) {
			try {
				return LocalDateTime.parse(at.strip()).atZone(zone).toInstant();
			}
			catch (DateTimeParseException e) {
				throw new InvalidFieldException("at", "Choose a date and time to send the reply.");
			}
		}
		Map<String, ZonedDateTime> presets = SnoozePresets.from(Instant.now(), zone);
		ZonedDateTime preset = presets.get(when);
		if (preset == null) {
			throw new InvalidFieldException("when", "when is one of " + String.join(", ", List.copyOf(presets.keySet()))
					+ " or at, not '" + when + "'.");
		}
		return preset.toInstant();
	}

	@PostMapping("/inbox/{id}/scheduled/{replyId}/send")
	String sendNow(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID replyId,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		scheduled.sendNow(me, id, replyId);
		flash.addFlashAttribute("notice", "sendLater.sent");
		return "redirect:/inbox/" + id + InboxController.safe(back);
	}

	@PostMapping("/inbox/{id}/scheduled/{replyId}/cancel")
	String cancel(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID replyId,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		var taken = scheduled.cancel(me, id, replyId);
		flash.addFlashAttribute("notice", "sendLater.cancelled");
		flash.addFlashAttribute("draft", taken.body());
		return "redirect:/inbox/" + id + InboxController.safe(back);
	}
}
