package org.rapport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How busy the machine was during a phase, from {@code /proc}: all CPUs together, and the share used by this JVM
 * plus the PostgreSQL server it started (postmaster and children). The rest is other people's load.
 */
final class MachineLoad {

	private final long postmaster;

	MachineLoad(long postmasterPid) {
		this.postmaster = postmasterPid;
	}

	record Snapshot(long busy, long total, long jvm, long postgres, long nanos) {
	}

	record Usage(double cores, double machineBusy, double jvmCores, double postgresCores, double othersCores,
			String loadavg) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"machine %.0f%% busy of %.0f cores (this JVM %.2f cores, its PostgreSQL %.2f cores, others %.2f cores), loadavg %s",
					machineBusy * 100, cores, jvmCores, postgresCores, othersCores, loadavg);
		}
	}

	Snapshot snapshot() {
		try {
			String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
			String[] f = cpu.trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < f.length && i <= 8; i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			long jvm = cpuOf(ProcessHandle.current().pid());
			long pg = 0;
			for (long pid : postgresPids()) {
				pg += cpuOf(pid);
			}
			return new Snapshot(total - idle, total, jvm, pg, System.nanoTime());
		}
		catch (IOException e) {
			return new Snapshot(0, 1, 0, 0, System.nanoTime());
		}
	}

	Usage since(Snapshot start) {
		Snapshot end = snapshot();
		int cores = Runtime.getRuntime().availableProcessors();
		double seconds = (end.nanos() - start.nanos()) / 1e9;
		double busy = (double) (end.busy() - start.busy()) / Math.max(1, end.total() - start.total());
		double jvm = (end.jvm() - start.jvm()) / 100.0 / seconds;
		double pg = (end.postgres() - start.postgres()) / 100.0 / seconds;
		double allCores = busy * cores;
		return new Usage(cores, busy, jvm, pg, Math.max(0, allCores - jvm - pg), loadavg());
	}

	static String loadavg() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (IOException e) {
			return "?";
		}
	}

	private List<Long> postgresPids() {
		List<Long> pids = new ArrayList<>();
		if (postmaster <= 0) {
			return pids;
		}
		pids.add(postmaster);
		ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(c -> pids.add(c.pid())));
		return pids;
	}

	/** utime + stime of a process, in clock ticks (1/100 s). */
	static long cpuOf(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	/** The parent of a process, e.g. the postmaster of a backend. */
	static long parentOf(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[1]);
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}
}
