package org.rapport.platform.internal;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

import tools.jackson.databind.json.JsonMapper;

/** Stores task data as UTF-8 JSON, so that it stays readable in SQL and across versions (no Java serialization). */
public final class JsonTaskData implements Serializer {

	public static final JsonTaskData INSTANCE = new JsonTaskData();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public byte[] serialize(Object data) {
		return data == null ? null : JSON.writeValueAsBytes(data);
	}

	@Override
	public <T> T deserialize(Class<T> type, byte[] bytes) {
		return bytes == null || type == Void.class ? null : JSON.readValue(bytes, type);
	}
}
