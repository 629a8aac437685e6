package org.rapport.authenticity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.authenticity.Coordination;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Coordinated comments: the groups of near-duplicate messages by different people, side by side on
 * {@code /authenticity/coordinated} ({@link CoordinationApi} answers the same as JSON).
 */
@Controller
class CoordinationController {

	private final Coordination coordination;
	private final Channels channels;
	private final Workspaces workspaces;

	CoordinationController(Coordination coordination, Channels channels, Workspaces workspaces) {
		this.coordination = coordination;
		this.channels = channels;
		this.workspaces = workspaces;
	}

	@GetMapping("/authenticity/coordinated")
	String page(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "30") String days, Model model) {
		int period = parse(days);
		Map<UUID, String> names = new LinkedHashMap<>();
		for (Channel c : channels.of(me.workspaceId())) {
			names.put(c.id(), c.name());
		}
		model.addAttribute("groups", coordination.groups(me.workspaceId(), period));
		model.addAttribute("days", period);
		model.addAttribute("channelNames", names);
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "coordinated";
	}

	static int parse(String days) {
		try {
			return Integer.parseInt(days.strip());
		}
		catch (NumberFormatException e) {
			throw new org.rapport.platform.InvalidFieldException("days", "The period is between 1 and 90 days.");
		}
	}
}
