package org.rapport.authenticity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.authenticity.StormAlert;
import org.rapport.authenticity.StormDetector;
import org.rapport.authenticity.StormPractice;
import org.rapport.authenticity.StormWatch;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.inbox.MessageView;
import org.rapport.listening.Heard;
import org.rapport.listening.Hit;
import org.rapport.listening.Monitor;
import org.rapport.listening.Monitors;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
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
 * The storm early warning's pages: the alerts with each channel's and each topic's threshold (and practice storms for
 * managers), and one alert with the messages (a topic's: the heard posts) that caused it, where to answer them and
 * "Acknowledge".
 */
@Controller
class StormController {

	private final StormWatch watch;
	private final StormPractice practice;
	private final Channels channels;
	private final Workspaces workspaces;
	private final Monitors monitors;
	private final Heard heard;

	StormController(StormWatch watch, StormPractice practice, Channels channels, Workspaces workspaces,
			Monitors monitors, Heard heard) {
		this.watch = watch;
		this.practice = practice;
		this.channels = channels;
		this.workspaces = workspaces;
		this.monitors = monitors;
		this.heard = heard;
	}

	/** A channel with its threshold, for the settings table. */
	record ChannelThreshold(UUID id, String name, String sensitivity, int minAuthors) {
	}

	/** A message that caused an alert, with its conversation. */
	record Cause(MessageView message, UUID conversationId) {
	}

	/** A topic (a listening monitor) with its threshold, for the settings table. */
	record TopicThreshold(UUID id, String name, String sensitivity, int minAuthors) {
	}

	@GetMapping("/authenticity/alerts")
	String alerts(@AuthenticationPrincipal CurrentUser me, Model model) {
		Map<UUID, String> names = new LinkedHashMap<>();
		List<ChannelThreshold> thresholds = new ArrayList<>();
		for (Channel c : channels.of(me.workspaceId())) {
			names.put(c.id(), c.name());
			if (c.enabled()) {
				StormDetector.Settings s = watch.settings(me.workspaceId(), c.id());
				thresholds.add(new ChannelThreshold(c.id(), c.name(), s.sensitivity().key(), s.minAuthors()));
			}
		}
		Map<UUID, String> topicNames = new LinkedHashMap<>();
		List<TopicThreshold> topicThresholds = new ArrayList<>();
		for (Monitor m : monitors.of(me.workspaceId())) {
			topicNames.put(m.id(), m.name());
			StormDetector.Settings s = watch.topicSettings(me.workspaceId(), m.id());
			topicThresholds.add(new TopicThreshold(m.id(), m.name(), s.sensitivity().key(), s.minAuthors()));
		}
		model.addAttribute("alerts", watch.recent(me.workspaceId(), 50));
		model.addAttribute("channelNames", names);
		model.addAttribute("topicNames", topicNames);
		model.addAttribute("thresholds", thresholds);
		model.addAttribute("topicThresholds", topicThresholds);
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "storm-alerts";
	}

	@GetMapping("/authenticity/alerts/{id}")
	String alert(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		StormAlert alert = watch.get(me.workspaceId(), id);
		model.addAttribute("alert", alert);
		if (alert.topic()) {
			model.addAttribute("causes", List.of());
			model.addAttribute("hits", newestFirst(heard.some(me.workspaceId(), alert.sampleMessageIds())));
			model.addAttribute("topicName", monitors.of(me.workspaceId()).stream()
				.filter(m -> m.id().equals(alert.monitorId())).map(Monitor::name).findFirst().orElse("?"));
		}
		else {
			Map<UUID, UUID> conversations = watch.conversationsOf(alert);
			model.addAttribute("causes",
					watch.messagesOf(alert).stream().map(m -> new Cause(m, conversations.get(m.id()))).toList());
			model.addAttribute("hits", List.of());
			model.addAttribute("channelName", channels.find(alert.channelId()).map(Channel::name).orElse("?"));
		}
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "storm-alert";
	}

	@PostMapping("/authenticity/alerts/{id}/acknowledge")
	String acknowledge(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		watch.acknowledge(me, id);
		redirect.addFlashAttribute("notice", "storm.acknowledged");
		return "redirect:/authenticity/alerts/" + id;
	}

	@PostMapping("/settings/storm/{channelId}")
	String threshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID channelId,
			@RequestParam String sensitivity, @RequestParam(defaultValue = "") String minAuthors, RedirectAttributes redirect) {
		channels.get(me.workspaceId(), ChannelId.of(channelId));
		Integer min;
		try {
			min = minAuthors.isBlank() ? null : Integer.valueOf(minAuthors.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidFieldException("minAuthors", "minAuthors must be a whole number, not '" + minAuthors + "'.");
		}
		watch.setSettings(me, channelId, sensitivity, min);
		redirect.addFlashAttribute("notice", "storm.thresholdSaved");
		return "redirect:/authenticity/alerts";
	}

	@PostMapping("/settings/storm/topics/{monitorId}")
	String topicThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID monitorId,
			@RequestParam String sensitivity, @RequestParam(defaultValue = "") String minAuthors, RedirectAttributes redirect) {
		monitors.get(me.workspaceId(), monitorId);
		watch.setTopicSettings(me, monitorId, sensitivity, number(minAuthors));
		redirect.addFlashAttribute("notice", "storm.thresholdSaved");
		return "redirect:/authenticity/alerts";
	}

	private static Integer number(String minAuthors) {
		try {
			return minAuthors.isBlank() ? null : Integer.valueOf(minAuthors.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidFieldException("minAuthors", "minAuthors must be a whole number, not '" + minAuthors + "'.");
		}
	}

	/** Hits newest first (by when they were posted, else heard). */
	static List<Hit> newestFirst(List<Hit> hits) {
		List<Hit> sorted = new ArrayList<>(hits);
		sorted.sort(java.util.Comparator.comparing((Hit h) -> h.postedAt() != null ? h.postedAt() : h.heardAt())
			.reversed());
		return sorted;
	}

	@PostMapping("/settings/storm/{channelId}/simulate")
	String simulate(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID channelId,
			@RequestParam(defaultValue = "12") int people, RedirectAttributes redirect) {
		StormPractice.Result result = practice.simulate(me, channelId, people);
		if (result.alert() != null) {
			return "redirect:/authenticity/alerts/" + result.alert().id();
		}
		redirect.addFlashAttribute("notice", "storm.simulatedNoAlert");
		return "redirect:/authenticity/alerts";
	}
}
