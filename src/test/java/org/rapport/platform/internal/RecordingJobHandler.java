package org.rapport.platform.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapport.platform.JobHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job kind for tests of the queue: counts runs per {@code key} of the payload, and fails when the payload says
 * {@code "fail": true} until the key is {@link #HEALED} (or gives up with {@code "giveUp": true}). It sleeps
 * {@code sleepMillis}, and {@code sleepThereMillis} more in a JVM where the system property named {@code sleepWhere}
 * is true (a node that a test is about to kill).
 */
@Component
class RecordingJobHandler implements JobHandler {

	static final String KIND = "test-recording";

	static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

	/** Runs per handler instance, that is per application context (node) in this JVM. */
	static final Map<Integer, AtomicInteger> RUNS_BY_NODE = new ConcurrentHashMap<>();

	/** Keys whose {@code "fail": true} no longer fails: the trouble went away. */
	static final Set<String> HEALED = ConcurrentHashMap.newKeySet();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void run(String payload) throws Exception {
		JsonNode job = JSON.readTree(payload);
		String key = job.path("key").asString();
		RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
		RUNS_BY_NODE.computeIfAbsent(System.identityHashCode(this), k -> new AtomicInteger()).incrementAndGet();
		Thread.sleep(job.path("sleepMillis").asInt(0));
		if (Boolean.getBoolean(job.path("sleepWhere").asString("-"))) {
			Thread.sleep(job.path("sleepThereMillis").asInt(0));
		}
		if (job.path("giveUp").asBoolean(false)) {
			throw new GiveUp("gone for good: " + key);
		}
		if (job.path("fail").asBoolean(false) && !HEALED.contains(key)) {
			throw new IllegalStateException("boom " + key);
		}
	}
}
