package org.rapport.authenticity.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.ChannelId;
import org.rapport.authenticity.StormAlert;
import org.rapport.authenticity.StormDetector;
import org.rapport.authenticity.StormPractice;
import org.rapport.authenticity.StormWatch;
import org.rapport.channels.Channels;
import org.rapport.inbox.MessageView;
import org.rapport.listening.Heard;
import org.rapport.listening.Hit;
import org.rapport.listening.Monitor;
import org.rapport.listening.Monitors;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The storm early warning through the API: alerts, acknowledging them, a channel's and a topic's threshold, practice storms. */
@RestController
@Tag(name = "Storm alerts", description = "Early warning when a channel's negative messages or a topic's negative posts rise beyond the normal for the hour and weekday")
class StormApi {

	private final StormWatch watch;
	private final StormPractice practice;
	private final Channels channels;
	private final Monitors monitors;
	private final Heard heard;

	StormApi(StormWatch watch, StormPractice practice, Channels channels, Monitors monitors, Heard heard) {
		this.watch = watch;
		this.practice = practice;
		this.channels = channels;
		this.monitors = monitors;
		this.heard = heard;
	}

	record Alerts(List<StormAlert> items, int open) {
	}

	/** One of the messages that caused an alert. */
	record CausingMessage(UUID id, UUID conversationId, String senderName, String subject, String body, Instant sentAt) {
	}

	/** One of the heard posts that caused a topic's alert, with where to read it. */
	record CausingHit(UUID id, String url, String author, String authorName, String channel, String title, String text,
			Instant postedAt, Instant heardAt) {
	}

	/**
	 * @param channelName the channel's name for a channel's alert, else {@code null}
	 * @param topicName the topic's (monitor's) name for a topic's alert, else {@code null}
	 * @param messages the inbox messages that caused a channel's alert (none for a topic's)
	 * @param hits the heard posts that caused a topic's alert (none for a channel's)
	 */
	record AlertDetail(StormAlert alert, String channelName, String topicName, List<CausingMessage> messages,
			List<CausingHit> hits) {
	}

	record Threshold(UUID channelId, String sensitivity, int minAuthors) {

		static Threshold of(UUID channelId, StormDetector.Settings s) {
			return new Threshold(channelId, s.sensitivity().key(), s.minAuthors());
		}
	}

	record TopicThreshold(UUID monitorId, String sensitivity, int minAuthors) {

		static TopicThreshold of(UUID monitorId, StormDetector.Settings s) {
			return new TopicThreshold(monitorId, s.sensitivity().key(), s.minAuthors());
		}
	}

	record ThresholdChange(String sensitivity, Integer minAuthors) {
	}

	record Simulation(Integer people) {
	}

	@GetMapping("/api/v1/alerts")
	@Operation(summary = "Storm alerts: the open ones (not acknowledged) first, then those of the last 30 days, newest first")
	Alerts list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw new InvalidFieldException("limit", "The parameter 'limit' must lie between 1 and 200, not " + limit + ".");
		}
		List<StormAlert> items = watch.recent(me.workspaceId(), limit);
		return new Alerts(items, (int) items.stream().filter(a -> !a.acknowledged()).count());
	}

	@GetMapping("/api/v1/alerts/{id}")
	@Operation(summary = "A storm alert with its figures (messages, negative share, growth, normal expectation) and the messages that caused it")
	AlertDetail get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return detail(watch.get(me.workspaceId(), id));
	}

	@PostMapping("/api/v1/alerts/{id}/acknowledge")
	@Operation(summary = "Acknowledges a storm alert (members; viewers may not): its banner goes for everyone; again is harmless")
	AlertDetail acknowledge(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return detail(watch.acknowledge(me, id));
	}

	@GetMapping("/api/v1/channels/{id}/storm-threshold")
	@Operation(summary = "A channel's storm threshold (managers): sensitivity low, normal or high, and the fewest distinct authors of negative messages that can be a storm")
	Threshold threshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		channels.get(me.workspaceId(), ChannelId.of(id));
		return Threshold.of(id, watch.settings(me.workspaceId(), id));
	}

	@PutMapping("/api/v1/channels/{id}/storm-threshold")
	@Operation(summary = "Sets a channel's storm threshold (managers); a field left out keeps its value; 400 naming the field when out of range")
	Threshold setThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestBody ThresholdChange change) {
		channels.get(me.workspaceId(), ChannelId.of(id));
		return Threshold.of(id, watch.setSettings(me, id, change.sensitivity(), change.minAuthors()));
	}

	@GetMapping("/api/v1/listening/monitors/{id}/storm-threshold")
	@Operation(summary = "A topic's (a listening monitor's) storm threshold: sensitivity low, normal or high, and the fewest distinct authors of negative posts that can be a storm")
	TopicThreshold topicThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		monitors.get(me.workspaceId(), id);
		return TopicThreshold.of(id, watch.topicSettings(me.workspaceId(), id));
	}

	@PutMapping("/api/v1/listening/monitors/{id}/storm-threshold")
	@Operation(summary = "Sets a topic's (a listening monitor's) storm threshold (managers); a field left out keeps its value; 400 naming the field when out of range")
	TopicThreshold setTopicThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestBody ThresholdChange change) {
		monitors.get(me.workspaceId(), id);
		return TopicThreshold.of(id, watch.setTopicSettings(me, id, change.sensitivity(), change.minAuthors()));
	}

	@PostMapping("/api/v1/channels/{id}/storm-simulation")
	@Operation(summary = "Practice: writes a simulated sudden storm ('people' new authors, default 12, 5–200, one angry message each over the last ten minutes) into the channel through normal ingestion; 201 with the alert it raised, if any")
	ResponseEntity<Map<String, Object>> simulate(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestBody(required = false) Simulation body) {
		int people = body == null || body.people() == null ? 12 : body.people();
		StormPractice.Result result = practice.simulate(me, id, people);
		java.util.LinkedHashMap<String, Object> answer = new java.util.LinkedHashMap<>();
		answer.put("channelId", result.channelId());
		answer.put("written", result.written());
		answer.put("alert", result.alert());
		return ResponseEntity.status(201).body(answer);
	}

	private AlertDetail detail(StormAlert alert) {
		if (alert.topic()) {
			String topic = monitors.of(alert.workspaceId()).stream().filter(m -> m.id().equals(alert.monitorId()))
				.map(Monitor::name).findFirst().orElse(null);
			List<CausingHit> hits = StormController.newestFirst(heard.some(alert.workspaceId(), alert.sampleMessageIds()))
				.stream()
				.map((Hit h) -> new CausingHit(h.id(), h.url(), h.author(), h.authorName(), h.channel(), h.title(), h.text(),
						h.postedAt(), h.heardAt()))
				.toList();
			return new AlertDetail(alert, null, topic, List.of(), hits);
		}
		Map<UUID, UUID> conversations = watch.conversationsOf(alert);
		List<CausingMessage> messages = watch.messagesOf(alert).stream()
			.map((MessageView m) -> new CausingMessage(m.id(), conversations.get(m.id()), m.senderName(), m.subject(),
					m.body(), m.sentAt()))
			.toList();
		String name = channels.find(alert.channelId()).map(c -> c.name()).orElse(null);
		return new AlertDetail(alert, name, null, messages, List.of());
	}
}
