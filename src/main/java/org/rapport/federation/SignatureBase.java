package org.rapport.federation;

import static org.rapport.federation.SignatureChecks.abbreviate;

import java.net.URI;
import java.util.Locale;

import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.Item;
import org.rapport.federation.HttpSignatures.Request;
import org.rapport.federation.HttpSignatures.SignatureFailure;

/**
 * The signature base of RFC 9421 §2.5, the text that is signed: one {@code "component": value} line per covered
 * component, then {@code "@signature-params"} with the serialized {@code Signature-Input} member.
 */
final class SignatureBase {

	private SignatureBase() {
	}

	/** @param input an inner list of component names (strings) with the signature's parameters */
	static String of(Request request, InnerList input) throws SignatureFailure {
		StringBuilder base = new StringBuilder();
		for (Item<?> component : input.get()) {
			String value = componentValue(request, (String) component.get());
			base.append(component.serialize()).append(": ").append(value).append('\n');
		}
		return base.append("\"@signature-params\": ").append(input.serialize()).toString();
	}

	private static String componentValue(Request request, String name) throws SignatureFailure {
		URI target = request.target();
		String value = switch (name) {
			case "@method" -> request.method();
			case "@target-uri" -> RequestTargets.targetUri(target);
			case "@authority" -> RequestTargets.authority(target);
			case "@scheme" -> target.getScheme() == null ? null : target.getScheme().toLowerCase(Locale.ROOT);
			case "@path" -> RequestTargets.path(target);
			case "@query" -> "?" + (target.getRawQuery() == null ? "" : target.getRawQuery());
			case "@request-target" -> RequestTargets.requestTarget(target);
			default -> {
				if (name.startsWith("@")) {
					throw SignatureFailure.unauthorized("The component " + abbreviate(name) + " is not supported.");
				}
				if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
					throw SignatureFailure.badRequest("The component name '" + abbreviate(name) + "' is not a lowercase field name.");
				}
				String header = request.header(name);
				// HTTP/2 carries the host as :authority; servers that do not repeat it as Host still know it
				yield header == null && name.equals("host") ? RequestTargets.authority(target) : header;
			}
		};
		if (value == null) {
			throw SignatureFailure.unauthorized("The signature covers " + abbreviate(name) + ", which the request does not carry.");
		}
		if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
			throw SignatureFailure.badRequest("The covered component " + abbreviate(name) + " contains a line break.");
		}
		return value;
	}
}
