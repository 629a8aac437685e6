package org.rapport.channels.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.ChannelConnector.PushAnswer;
import org.rapport.channels.Channels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channels' hooks, {@code /hooks/channels/{id}}: public addresses networks push to (webhooks, and the handshakes
 * some networks make first). No session, no CSRF token: the channel's connector decides, from what the network
 * signs, whether a request is its network's ({@link ChannelConnector#receive}). A hook of an unknown or switched-off
 * channel answers 404; a body over {@value #MAX_BYTES} bytes 413; a push without the network's proof 401, counted in
 * the channel's health; a delivery that could not be stored 503, so that
 * the network delivers it again.
 */
@RestController
@Hidden
class HooksController {

	/** The most a network may push in one request; updates and notifications are far smaller. */
	static final int MAX_BYTES = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(HooksController.class);

	private final Channels channels;

	HooksController(Channels channels) {
		this.channels = channels;
	}

	@RequestMapping(path = "/hooks/channels/{id}", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<String> push(@PathVariable String id, HttpServletRequest request) throws IOException {
		Optional<Channel> channel = channelOf(id);
		Optional<ChannelConnector> connector = channel.flatMap(c -> channels.connectors().stream()
			.filter(k -> k.kind().equals(c.kind())).findFirst());
		if (connector.isEmpty()) {
			return answer(PushAnswer.refused(404, "No channel takes pushes at this address."));
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BYTES);
			if (in.read() != -1) {
				return answer(PushAnswer.refused(413, "A push may have at most " + MAX_BYTES + " bytes."));
			}
		}
		ChannelConnector.Push push = new ChannelConnector.Push(request.getMethod(), headers(request),
				query(request), body);
		try {
			PushAnswer answer = connector.get().receive(channel.get(), push);
			if (answer.status() == 401) {
				channels.pushRefused(channel.get().id());
			}
			return answer(answer);
		}
		catch (RuntimeException e) {
			log.warn("A push to channel {} could not be taken; the network will deliver it again", id, e);
			return ResponseEntity.status(503).header("Retry-After", "30")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(PushAnswer.refused(503, "The push could not be stored; deliver it again later.").body());
		}
	}

	private Optional<Channel> channelOf(String id) {
		try {
			return channels.find(UUID.fromString(id)).filter(Channel::enabled);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private static ResponseEntity<String> answer(PushAnswer answer) {
		return ResponseEntity.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()))
			.body(answer.body());
	}

	private static HttpHeaders headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
		}
		return HttpHeaders.of(headers, (name, value) -> true);
	}

	private static Map<String, List<String>> query(HttpServletRequest request) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
		return query;
	}
}
