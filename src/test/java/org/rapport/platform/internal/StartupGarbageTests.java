package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The collection after the start lowers the heap's free share only for itself and leaves the JVM as it found it.
 * In this order: a value set by hand stays so for the rest of the JVM, which the first test must not see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupGarbageTests {

	private final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Test
	@Order(1)
	void theFreeShareIsBackAfterTheCollection() {
		String min = hotspot.getVMOption("MinHeapFreeRatio").getValue();
		String max = hotspot.getVMOption("MaxHeapFreeRatio").getValue();

		new StartupGarbage(true).release();

		assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min);
		assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max);
	}

	@Test
	@Order(2)
	void aFreeShareSetByHandIsLeftAlone() {
		String max = hotspot.getVMOption("MaxHeapFreeRatio").getValue();
		hotspot.setVMOption("MaxHeapFreeRatio", "65");
		try {
			assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getOrigin().name()).isEqualTo("MANAGEMENT");

			new StartupGarbage(true).release();

			assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("65");
		} finally {
			hotspot.setVMOption("MaxHeapFreeRatio", max);
		}
	}
}
