package org.rapport.authenticity.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.authenticity.Audit;
import org.rapport.authenticity.FollowerAudits;
import org.rapport.authenticity.ProfileVerdict;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A follower audit's page: its progress while it reads (the page asks every two seconds and reloads when the audit
 * ends), the share bought with its interval, the change since the last audit of the account, the followers by the
 * day their accounts were created, and the followers with verdicts and reasons, to mark and so teach the model.
 */
@Controller
class AuditsController {

	/** Followers on one page of an audit. */
	static final int PAGE = 50;

	private final FollowerAudits audits;
	private final Workspaces workspaces;

	AuditsController(FollowerAudits audits, Workspaces workspaces) {
		this.audits = audits;
		this.workspaces = workspaces;
	}

	@PostMapping("/authenticity/audits")
	String start(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID channelId, RedirectAttributes flash) {
		try {
			return "redirect:/authenticity/audits/" + audits.start(me, channelId).id();
		}
		catch (FollowerAudits.NoFollowerList e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/authenticity";
		}
	}

	@GetMapping("/authenticity/audits/{id}")
	String page(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int offset, Model model, Locale locale) {
		Audit audit = audits.get(me.workspaceId(), id);
		int from = Math.max(0, offset);
		List<AccountRow> rows = audits.items(me.workspaceId(), id, from, PAGE, locale).stream().map(AuditsController::row)
			.toList();
		model.addAttribute("audit", audit);
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		model.addAttribute("chart", DayChart.of(audits.newPerDay(me.workspaceId(), id)));
		model.addAttribute("rows", rows);
		model.addAttribute("offset", from);
		model.addAttribute("pageSize", PAGE);
		return "audit";
	}

	/** The part of the page that changes while the audit reads; once it has ended, the whole page reloads. */
	@GetMapping("/authenticity/audits/{id}/progress")
	String progress(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model,
			HttpServletResponse response) {
		Audit audit = audits.get(me.workspaceId(), id);
		if (!audit.underWay()) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("audit", audit);
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "audit :: live";
	}

	static AccountRow row(Audit.Item item) {
		return new AccountRow(new ProfileVerdict(item.id(), item.bought(), item.verdict(), item.reasons()),
				item.handle() != null && !item.handle().isBlank() ? item.handle() : item.id(), item.network(), item.profile(),
				item.bot(), item.label());
	}
}
