package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Ports between modules — interfaces one module declares and another implements — name contacts, channels and
 * conversations by their typed ids ({@code ContactId}, {@code ChannelId}, {@code ConversationId}), not by raw UUIDs:
 * a raw UUID is allowed only as the first parameter, the workspace. The ports still taking raw ids are listed; a
 * new port may not join them.
 */
class TypedIdsTests {

	/** Ports that still take or answer raw ids: remove a port from here when it takes typed ids. */
	static final Set<String> KNOWN_RAW = Set.of();

	/** Names of ids that have no typed form (yet): a message's, an identity's, a member's. */
	private static final java.util.regex.Pattern UNTYPED = java.util.regex.Pattern.compile(
			"(?i).*(message|identit|member|user).*");

	@Test
	void portsBetweenModulesNameContactsChannelsAndConversationsByTypedIds() {
		JavaClasses classes = classes();
		Set<String> raw = new TreeSet<>();
		Set<String> ports = new TreeSet<>();
		for (JavaClass port : classes) {
			if (!port.isInterface() || !port.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
					|| !isModuleRoot(port.getPackageName())) {
				continue;
			}
			String module = module(port.getPackageName());
			boolean implementedElsewhere = port.getSubclasses().stream()
				.anyMatch(impl -> !module(impl.getPackageName()).equals(module));
			if (!implementedElsewhere) {
				continue;
			}
			String name = module + "." + port.getSimpleName();
			ports.add(name);
			if (takesRawIds(port.reflect())) {
				raw.add(name);
			}
		}
		assertThat(ports).as("ports found").contains("contacts.ContactConversations", "contacts.ChannelDirectory",
				"inbox.DiscussedPosts");
		assertThat(raw).as("ports naming contacts, channels or conversations by raw UUIDs").isSubsetOf(KNOWN_RAW);
		assertThat(KNOWN_RAW).as("ports that take typed ids now: remove them from KNOWN_RAW").isSubsetOf(raw);
	}

	/**
	 * Public methods of a module's API that another module calls, and that still take a raw id of a contact, channel
	 * or conversation (after the workspace). Remove a method from here when it takes typed ids; none may join.
	 */
	static final Set<String> KNOWN_RAW_CALLS = Set.of();

	/** Ids whose parameter names say they are not a contact's, channel's or conversation's. */
	private static final java.util.regex.Pattern OTHER_IDS = java.util.regex.Pattern.compile(
			"(?i).*(message|identit|member|user|workspace|actor|post|comment|segment|monitor|event|meeting|reminder|job"
					+ "|gift|organisation|field|tag|stage|audit|alert|task|reaction|answer|consent|note|view|rule|form|issue"
					+ "|key|link|outcome|goal|group|token|by|author|owner|template|reply|draft|assignee).*");

	/** Classes whose own ids ({@code id}, {@code ids}) are a contact's, a channel's or a conversation's. */
	private static final Set<String> OWNERS_OF_TYPED_IDS = Set.of("Contacts", "Channels", "Conversations");

	@Test
	void modulesCallEachOthersApisWithTypedIdsOfContactsChannelsAndConversations() {
		JavaClasses classes = classes();
		Set<String> raw = new TreeSet<>();
		for (JavaMethod method : calledAcrossModules(classes)) {
			JavaClass api = method.getOwner();
			String module = module(api.getPackageName());
			java.lang.reflect.Parameter[] parameters;
			try {
				parameters = method.reflect().getParameters();
			}
			catch (RuntimeException e) {
				continue;
			}
			for (int i = 1; i < parameters.length; i++) {
				String name = parameters[i].getName();
				boolean own = name.equals("id") || name.equals("ids");
				if (mentionsUuid(parameters[i].getParameterizedType()) && !OTHER_IDS.matcher(name).matches()
						&& (!own || OWNERS_OF_TYPED_IDS.contains(api.getSimpleName()))) {
					raw.add(module + "." + api.getSimpleName() + "." + method.getName() + "(" + name + ")");
				}
			}
		}
		assertThat(raw).as("API methods called across modules with raw contact, channel or conversation ids")
			.isSubsetOf(KNOWN_RAW_CALLS);
		assertThat(KNOWN_RAW_CALLS).as("methods that take typed ids now: remove them from KNOWN_RAW_CALLS").isSubsetOf(raw);
	}

	/**
	 * Answers keyed by ids that have no typed form (a member's), and the asking module's own unwrapping of a typed
	 * answer for its queries.
	 */
	static final Set<String> UNTYPED_KEYS = Set.of("platform.Members.displayNames", "platform.ContactId.byValue");

	@Test
	void answersToOtherModulesAreKeyedByTypedIds() {
		Set<String> raw = new TreeSet<>();
		for (JavaMethod method : calledAcrossModules(classes())) {
			JavaClass api = method.getOwner();
			String module = module(api.getPackageName());
			Type answer;
			try {
				answer = method.reflect().getGenericReturnType();
			}
			catch (RuntimeException e) {
				continue;
			}
			if (answer instanceof ParameterizedType map && map.getRawType() instanceof Class<?> type
					&& java.util.Map.class.isAssignableFrom(type) && map.getActualTypeArguments()[0] == UUID.class) {
				raw.add(module + "." + api.getSimpleName() + "." + method.getName());
			}
		}
		assertThat(raw).as("API methods whose answers to other modules are maps keyed by raw UUIDs")
			.isSubsetOf(UNTYPED_KEYS);
	}

	/** The public methods of the modules' public classes that code of another module calls. */
	private static List<JavaMethod> calledAcrossModules(JavaClasses classes) {
		List<JavaMethod> called = new ArrayList<>();
		for (JavaClass api : classes) {
			if (!isModuleRoot(api.getPackageName())
					|| !api.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
				continue;
			}
			String module = module(api.getPackageName());
			for (JavaMethod method : api.getMethods()) {
				if (method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
						&& method.getCallsOfSelf().stream()
							.anyMatch(call -> !module(call.getOriginOwner().getPackageName()).equals(module))) {
					called.add(method);
				}
			}
		}
		return called;
	}

	private static boolean takesRawIds(Class<?> port) {
		for (Method method : port.getMethods()) {
			java.lang.reflect.Parameter[] parameters = method.getParameters();
			for (int i = 1; i < parameters.length; i++) {
				if (mentionsUuid(parameters[i].getParameterizedType()) && !UNTYPED.matcher(parameters[i].getName()).matches()) {
					return true;
				}
			}
			if (mentionsUuid(method.getGenericReturnType())) {
				return true;
			}
		}
		for (Class<?> nested : port.getDeclaredClasses()) {
			if (nested.isRecord() && Arrays.stream(nested.getRecordComponents()).anyMatch(TypedIdsTests::rawId)) {
				return true;
			}
		}
		return false;
	}

	private static boolean rawId(RecordComponent component) {
		return mentionsUuid(component.getGenericType()) && !UNTYPED.matcher(component.getName()).matches()
				&& !component.getName().equals("workspaceId");
	}

	private static boolean mentionsUuid(Type type) {
		if (type == UUID.class) {
			return true;
		}
		if (type instanceof ParameterizedType parameterized) {
			return Arrays.stream(parameterized.getActualTypeArguments()).anyMatch(TypedIdsTests::mentionsUuid);
		}
		return false;
	}

	private static JavaClasses imported;

	/** The application's classes, imported once for both tests. */
	private static synchronized JavaClasses classes() {
		if (imported == null) {
			imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("org.rapport");
		}
		return imported;
	}

	private static boolean isModuleRoot(String packageName) {
		return packageName.matches("org\\.rapport\\.[a-z]+");
	}

	private static String module(String packageName) {
		String[] parts = packageName.split("\\.");
		return parts.length > 2 ? parts[2] : "";
	}
}
