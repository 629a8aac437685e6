package org.rapport.authenticity.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.authenticity.BoughtFollowers;
import org.rapport.authenticity.FollowerAudits;
import org.rapport.authenticity.Learned;
import org.rapport.authenticity.Profile;
import org.rapport.authenticity.ProfileVerdict;
import org.rapport.authenticity.RefusedInput;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The authenticity page: check accounts from a CSV of profiles, see the share bought, mark accounts to teach; start
 * an audit of a connected account's followers or save a CSV as one, and find the recent audits.
 */
@Controller
class AuthenticityController {

	private static final Pattern ITEM = Pattern.compile("profiles\\[(\\d+)]\\.?(.*)");

	/** Lines named when a CSV saved as an audit is refused. */
	static final int MAX_PROBLEMS = 20;

	private final BoughtFollowers followers;
	private final FollowerAudits audits;
	private final Workspaces workspaces;
	private final MessageSource messages;
	private final JsonMapper json;

	AuthenticityController(BoughtFollowers followers, FollowerAudits audits, Workspaces workspaces,
			MessageSource messages, JsonMapper json) {
		this.followers = followers;
		this.audits = audits;
		this.workspaces = workspaces;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/authenticity")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("trainedOn", followers.trainedOn(me.workspaceId()));
		model.addAttribute("auditable", audits.auditable(me.workspaceId()));
		model.addAttribute("audits", audits.list(me.workspaceId(), 10));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "authenticity";
	}

	/** Saves the profiles of a CSV as a finished audit, or names the lines that cannot be taken and saves nothing. */
	@PostMapping("/authenticity/audits/csv")
	String saveAudit(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String csv,
			@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String account,
			Model model, Locale locale) {
		model.addAttribute("csv", csv);
		model.addAttribute("account", account);
		String text = file != null && !file.isEmpty() ? text(file) : csv;
		if (text.isBlank()) {
			model.addAttribute("problem", messages.getMessage("authenticity.csv.nothing", null, locale));
			return page(me, model);
		}
		List<CsvProblems.LineProblem> problems = new ArrayList<>();
		try {
			ProfileCsv.Parsed parsed = ProfileCsv.parse(text, FollowerAudits.MAX_CSV);
			parsed.unreadable().stream().limit(MAX_PROBLEMS).forEach(e -> problems.add(CsvProblems.unreadable(e, messages, locale)));
			for (FollowerAudits.Refusal r : audits.refusals(parsed.profiles(), MAX_PROBLEMS - problems.size())) {
				problems.add(CsvProblems.refused(r.reason(), parsed.lines().get(r.index()), messages, locale));
			}
			if (problems.isEmpty()) {
				String name = account.isBlank() && file != null && !file.isEmpty() ? file.getOriginalFilename() : account;
				return "redirect:/authenticity/audits/" + audits.audit(me, name, parsed.profiles()).id();
			}
		}
		catch (ProfileCsv.Unreadable e) {
			problems.add(CsvProblems.unreadable(e, messages, locale));
		}
		catch (RefusedInput e) {
			problems.add(CsvProblems.refused(e, null, messages, locale));
		}
		problems.sort(Comparator.comparing(p -> p.line() == null ? 0 : p.line()));
		model.addAttribute("problem", messages.getMessage("authenticity.csv.problems", new Object[] { problems.size() }, locale));
		model.addAttribute("problems", problems.stream().map(CsvProblems.LineProblem::message).toList());
		return page(me, model);
	}

	private static String text(MultipartFile file) {
		try {
			return new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@PostMapping("/authenticity")
	String check(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String csv,
			@RequestParam(required = false) MultipartFile file, Model model, Locale locale) {
		model.addAttribute("csv", csv);
		String text = csv;
		if (file != null && !file.isEmpty()) {
			try {
				text = new String(file.getBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		if (text.isBlank()) {
			model.addAttribute("problem", messages.getMessage("authenticity.csv.nothing", null, locale));
			return page(me, model);
		}
		try {
			List<Profile> profiles = ProfileCsv.read(text);
			List<ProfileVerdict> verdicts = followers.score(me.workspaceId(), profiles, locale);
			List<AccountRow> rows = new ArrayList<>();
			for (int i = 0; i < profiles.size(); i++) {
				rows.add(row(profiles.get(i), verdicts.get(i)));
			}
			rows.sort(Comparator.comparingDouble(r -> -r.verdict().bought()));
			model.addAttribute("rows", rows);
			model.addAttribute("share", BoughtFollowers.share(verdicts));
		}
		catch (ProfileCsv.Unreadable e) {
			model.addAttribute("problem", messages.getMessage(e.key, e.args, locale));
		}
		catch (RefusedInput e) {
			model.addAttribute("problem", refusal(e, locale));
		}
		return page(me, model);
	}

	@PostMapping("/authenticity/mark")
	String mark(@AuthenticationPrincipal CurrentUser me, @RequestParam String profile, @RequestParam String label,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale,
			RedirectAttributes flash) {
		Profile judged = json.readValue(profile, Profile.class).labelled(label);
		Learned learned = followers.learn(me, List.of(judged));
		if (htmx == null) {
			flash.addFlashAttribute("notice", "authenticity.marked." + judged.label() + ".short");
			return "redirect:/authenticity";
		}
		ProfileVerdict verdict = followers.score(me.workspaceId(), List.of(judged.labelled(null)), locale).getFirst();
		model.addAttribute("row", row(judged.labelled(null), verdict));
		model.addAttribute("marked", messages.getMessage("authenticity.marked." + judged.label(),
				new Object[] { learned.total() }, locale));
		return "authenticity :: account";
	}

	private AccountRow row(Profile profile, ProfileVerdict verdict) {
		String name = profile.handle() != null && !profile.handle().isBlank() ? profile.handle()
				: profile.name() != null && !profile.name().isBlank() ? profile.name() : profile.id();
		return new AccountRow(verdict, name, profile.network(), json.writeValueAsString(profile));
	}

	/** The refusal in the reader's language, with the CSV line instead of the item's index. */
	private String refusal(RefusedInput e, Locale locale) {
		Matcher item = ITEM.matcher(e.field());
		Long line = item.matches() ? Long.valueOf(Integer.parseInt(item.group(1)) + 2) : null;
		return CsvProblems.refused(e, line, messages, locale).message();
	}
}
