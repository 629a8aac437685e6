package org.rapport.platform.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starting builds and throws away a lot (configuration classes, proxies, the template and mapping caches' first
 * fill); the default collector keeps the heap it grew for that until it needs it again. One full collection once
 * the application is ready gives that memory back to the operating system, so that a small installation idles in
 * less memory (see the start-up benchmark). It runs once, before the first request is likely.
 * <p>
 * By default a full collection keeps up to 70 % of the heap free (the JVM's {@code MaxHeapFreeRatio}): after a
 * start that is more than 100 MB committed and unused. For this one collection the free share allowed is lowered to
 * {@value #MAX_FREE} % and then set back, so the heap only grows again when work needs it. Settings given on the
 * command line are left alone, and {@code rapport.memory.trim-after-start=false} turns the lowering off.
 */
@Component
class StartupGarbage {

	private static final Logger log = LoggerFactory.getLogger(StartupGarbage.class);

	/** The most free heap, in per cent, the collection after the start keeps. */
	static final int MAX_FREE = 20;

	/** The least free heap, in per cent, during that collection (must not exceed {@link #MAX_FREE}). */
	static final int MIN_FREE = 10;

	private final boolean trim;

	StartupGarbage(@Value("${rapport.memory.trim-after-start:true}") boolean trim) {
		this.trim = trim;
	}

	@EventListener(ApplicationReadyEvent.class)
	void release() {
		HotSpotDiagnosticMXBean hotspot = trim ? ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class) : null;
		VMOption min = hotspot == null ? null : adjustable(hotspot, "MinHeapFreeRatio");
		VMOption max = hotspot == null ? null : adjustable(hotspot, "MaxHeapFreeRatio");
		boolean lowered = min != null && max != null && set(hotspot, "MinHeapFreeRatio", MIN_FREE)
				&& set(hotspot, "MaxHeapFreeRatio", MAX_FREE);
		try {
			System.gc();
		} finally {
			if (min != null && max != null) {
				// Back in the order that keeps MinHeapFreeRatio <= MaxHeapFreeRatio at every step.
				set(hotspot, "MaxHeapFreeRatio", Integer.parseInt(max.getValue()));
				set(hotspot, "MinHeapFreeRatio", Integer.parseInt(min.getValue()));
			}
		}
		if (lowered) {
			log.debug("Heap trimmed after the start (free share at most {} % for one collection)", MAX_FREE);
		}
	}

	/** The option when the JVM lets it change at run time and nobody set it on the command line, else null. */
	private static VMOption adjustable(HotSpotDiagnosticMXBean hotspot, String name) {
		try {
			VMOption option = hotspot.getVMOption(name);
			boolean unset = option.getOrigin() == VMOption.Origin.DEFAULT || option.getOrigin() == VMOption.Origin.ERGONOMIC;
			return option.isWriteable() && unset ? option : null;
		} catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	private static boolean set(HotSpotDiagnosticMXBean hotspot, String name, int value) {
		try {
			hotspot.setVMOption(name, Integer.toString(value));
			return true;
		} catch (IllegalArgumentException | SecurityException refused) {
			log.debug("Could not set {} to {}: {}", name, value, refused.getMessage());
			return false;
		}
	}
}
