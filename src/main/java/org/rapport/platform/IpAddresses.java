package org.rapport.platform;

/**
 * IP addresses are personal data: Rapport stores them only masked (IPv4 to /24, IPv6 to /48).
 */
public final class IpAddresses {

	private IpAddresses() {
	}

	public static String mask(String ip) {
		if (ip == null || ip.isBlank()) {
			return null;
		}
		if (ip.contains(":")) {
			String[] groups = ip.split(":", -1);
			StringBuilder masked = new StringBuilder();
			for (int i = 0; i < 3 && i < groups.length; i++) {
				masked.append(groups[i].isEmpty() ? "0" : groups[i]).append(':');
			}
			return masked.append(":").toString();
		}
		int last = ip.lastIndexOf('.');
		return last < 0 ? null : ip.substring(0, last) + ".0";
	}
}
