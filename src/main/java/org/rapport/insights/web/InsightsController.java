package org.rapport.insights.web;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.contacts.Segments;
import org.rapport.insights.Attribution;
import org.rapport.insights.ConversationLabels;
import org.rapport.insights.Figures;
import org.rapport.insights.Funnel;
import org.rapport.insights.Goals;
import org.rapport.insights.Metrics;
import org.rapport.insights.Outcomes;
import org.rapport.insights.ReportMails;
import org.rapport.insights.ReportPdf;
import org.rapport.insights.TrackedLinks;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard at {@code /insights}: the period's figures beside the period before, charts people would rather
 * look at than read, each with its numbers as a table, and a "how is this counted" beside every figure.
 */
@Controller
class InsightsController {

	private final Metrics metrics;
	private final Channels channels;
	private final Members members;
	private final Segments segments;
	private final JsonMapper json;
	private final MessageSource messages;
	private final Attribution attribution;
	private final Outcomes outcomes;
	private final OutcomesPanel panel;
	private final Funnel funnel;
	private final Goals goals;
	private final ReportMails reportMails;
	private final ReportPdf reportPdf;
	private final TrackedLinks links;
	private final ConversationLabels labels;

	InsightsController(Metrics metrics, Channels channels, Members members, Segments segments, JsonMapper json,
			MessageSource messages, Attribution attribution, Outcomes outcomes, OutcomesPanel panel, Funnel funnel, Goals goals, ReportMails reportMails, ReportPdf reportPdf, TrackedLinks links,
			ConversationLabels labels) {
		this.labels = labels;
		this.links = links;
		this.reportMails = reportMails;
		this.reportPdf = reportPdf;
		this.funnel = funnel;
		this.goals = goals;
		this.messages = messages;
		this.attribution = attribution;
		this.outcomes = outcomes;
		this.panel = panel;
		this.metrics = metrics;
		this.channels = channels;
		this.members = members;
		this.segments = segments;
		this.json = json;
	}

	/** One bucket of the series, formatted for the reader, and the raw values for the chart. */
	record Row(String label, long conversations, long needingAnswer, long answered, String responseRate,
			String firstResponse, String firstResponseP90, Double rate, Double medianHours, Double p90Hours) {
	}

	/** One channel's figures for the period. */
	record ChannelRow(UUID id, String name, long conversations, long needingAnswer, long answered, String responseRate,
			String firstResponse, Double rate) {
	}

	@GetMapping("/insights")
	String dashboard(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String member, @RequestParam(required = false) String segment,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) String credit,
			@RequestParam(required = false) String label, Model model, Locale locale) {
		Metrics.Query query;
		try {
			query = metrics.query(me.workspaceId(), from, to, channel, member, segment, groupBy, label);
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			query = metrics.query(me.workspaceId(), null, null, null, null, null, null);
		}
		Metrics.Report report = metrics.report(me.workspaceId(), query);
		Map<UUID, String> channelNames = new LinkedHashMap<>();
		for (Channel c : channels.of(me.workspaceId())) {
			channelNames.put(c.id(), c.name());
		}
		DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
		List<Row> rows = new ArrayList<>();
		for (Figures f : report.series()) {
			rows.add(new Row(day.format(f.start()), f.conversations(), f.needingAnswer(), f.answered(),
					percent(f.responseRate(), locale), duration(f.firstResponseBusinessSeconds().median()),
					duration(f.firstResponseBusinessSeconds().p90()), f.responseRate(),
					hours(f.firstResponseBusinessSeconds().median()), hours(f.firstResponseBusinessSeconds().p90())));
		}
		List<ChannelRow> byChannel = new ArrayList<>();
		metrics.byChannel(me.workspaceId(), query).forEach((id, f) -> byChannel.add(new ChannelRow(id,
				channelNames.getOrDefault(id, "?"), f.conversations(), f.needingAnswer(), f.answered(),
				percent(f.responseRate(), locale), duration(f.firstResponseBusinessSeconds().median()),
				f.responseRate())));
		model.addAttribute("active", "insights");
		model.addAttribute("query", query);
		model.addAttribute("report", report);
		model.addAttribute("rows", rows);
		model.addAttribute("byChannel", byChannel);
		model.addAttribute("period", day.format(query.from()) + " – " + day.format(query.to()));
		model.addAttribute("channels", channels.of(me.workspaceId()));
		model.addAttribute("members", members.of(me.workspaceId()));
		model.addAttribute("segments", segments.list(me.workspaceId()));
		model.addAttribute("labels", labels.inUse(me.workspaceId()));
		model.addAttribute("cards", cards(report, locale));
		String creditModel = credit == null || !List.of("first", "last", "linear").contains(credit) ? "last" : credit;
		Attribution.Report credited = attribution.report(me.workspaceId(), query, creditModel, 90);
		List<CreditRow> creditRows = new ArrayList<>();
		NumberFormat count = NumberFormat.getNumberInstance(locale);
		count.setMaximumFractionDigits(1);
		for (Attribution.Credit c : credited.credits()) {
			String kind = panel.kind(c.kind(), locale);
			String channelName = c.channelId() == null ? null : channelNames.getOrDefault(c.channelId(), "?");
			String sentence = channelName == null
					? messages.getMessage("insights.outcomes.without", new Object[] { count.format(c.outcomes()), kind }, locale)
					: messages.getMessage("insights.outcomes.after", new Object[] { count.format(c.outcomes()), kind, channelName }, locale);
			creditRows.add(new CreditRow(sentence, kind, channelName == null ? "–" : channelName, count.format(c.outcomes()),
					c.outcomes(), money(c.values(), locale)));
		}
		model.addAttribute("credit", creditModel);
		model.addAttribute("credited", credited);
		model.addAttribute("creditRows", creditRows);
		model.addAttribute("creditJson", json.writeValueAsString(creditRows));
		model.addAttribute("goals", goals.list(me.workspaceId()).stream().map(g -> goalView(g, channelNames, locale)).toList());
		model.addAttribute("purposes", Goals.PURPOSES);
		model.addAttribute("schedules", reportMails.list(me.workspaceId()));
		model.addAttribute("links", links.list(me.workspaceId()));
		model.addAttribute("zone", java.time.ZoneId.of(report.timeZone()));
		model.addAttribute("measures", Goals.MEASURES);
		Funnel.Report stages = funnel.report(me.workspaceId(), query);
		model.addAttribute("funnel", stages);
		model.addAttribute("funnelJson", json.writeValueAsString(stages.stages()));
		model.addAttribute("seriesJson", json.writeValueAsString(rows));
		model.addAttribute("channelsJson", json.writeValueAsString(byChannel));
		return "insights";
	}

	/** The figures that count dialogue, not the workspace-wide ones (reach-out, meetings, posts). */
	private static final List<String> DIALOGUE_CARDS = List.of("responseRate", "firstResponse", "firstResponseCalendar",
			"resolution", "twoWay", "depth");

	/**
	 * One channel's dashboard: its figures for the period beside the period before, its figures month by month
	 * for twelve months back, and its goals with each of those months against them.
	 */
	@GetMapping("/insights/channels/{id}")
	String channelDashboard(@AuthenticationPrincipal CurrentUser me,
			@org.springframework.web.bind.annotation.PathVariable String id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model, Locale locale) {
		Channel channel;
		try {
			channel = metrics.channel(me.workspaceId(), id);
		}
		catch (IllegalArgumentException e) {
			throw new org.rapport.platform.NotFoundException("There is no channel '" + id + "' in this workspace.");
		}
		Metrics.Query query;
		try {
			query = metrics.query(me.workspaceId(), from, to, channel.id().toString(), null, null, "month");
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			query = metrics.query(me.workspaceId(), null, null, channel.id().toString(), null, null, "month");
		}
		Metrics.Report report = metrics.report(me.workspaceId(), query);
		java.time.ZoneId zone = java.time.ZoneId.of(report.timeZone());
		java.time.LocalDate today = java.time.LocalDate.now(zone);
		Metrics.Query year = new Metrics.Query(today.withDayOfMonth(1).minusMonths(11), today, channel.id(), null, null,
				Metrics.Grouping.MONTH);
		DateTimeFormatter month = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
		List<Row> months = new ArrayList<>();
		for (Figures f : metrics.report(me.workspaceId(), year).series()) {
			months.add(new Row(month.format(f.start()), f.conversations(), f.needingAnswer(), f.answered(),
					percent(f.responseRate(), locale), duration(f.firstResponseBusinessSeconds().median()),
					duration(f.firstResponseBusinessSeconds().p90()), f.responseRate(),
					hours(f.firstResponseBusinessSeconds().median()), hours(f.firstResponseBusinessSeconds().p90())));
		}
		Map<UUID, String> channelNames = Map.of(channel.id(), channel.name());
		DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
		model.addAttribute("active", "insights");
		model.addAttribute("channel", channel);
		model.addAttribute("query", query);
		model.addAttribute("report", report);
		model.addAttribute("period", day.format(query.from()) + " – " + day.format(query.to()));
		model.addAttribute("cards", cards(report, locale).stream().filter(c -> DIALOGUE_CARDS.contains(c.key())).toList());
		model.addAttribute("months", months);
		model.addAttribute("goals", goals.list(me.workspaceId()).stream()
			.filter(g -> channel.id().equals(g.channelId()))
			.map(g -> goalView(g, channelNames, locale))
			.toList());
		return "insights-channel";
	}

	@GetMapping("/insights/export.csv")
	void export(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String member, @RequestParam(required = false) String segment,
			@RequestParam(required = false) String label, jakarta.servlet.http.HttpServletResponse response)
			throws java.io.IOException {
		Metrics.Query query = metrics.query(me.workspaceId(), from, to, channel, member, segment, null, label);
		CsvDownload.write(response, query, out -> metrics.writeOpenings(me.workspaceId(), query, out));
	}

	/** A goal as the dashboard shows it: what it asks, and each month's value with whether it was met. */
	record GoalView(java.util.UUID id, String title, List<MonthView> months) {
	}

	record MonthView(String label, String value, String state) {
	}

	private GoalView goalView(Goals.Goal g, Map<UUID, String> channelNames, Locale locale) {
		String where = g.channelId() == null ? messages.getMessage("insights.goal.workspace", null, locale)
				: channelNames.getOrDefault(g.channelId(), "?");
		String target = format(g.measure(), g.target(), locale);
		String what = messages.getMessage("insights.goal.measure." + g.measure(),
				new Object[] { target, g.hours() == null ? "" : g.hours(), g.outcomeKind() == null ? "" : panel.kind(g.outcomeKind(), locale) },
				locale);
		String title = where + " · " + messages.getMessage("insights.goal.purpose." + g.purpose(), null, locale) + ": " + what;
		java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("MMM yy", locale);
		List<MonthView> months = g.months().stream().map(m -> new MonthView(
				month.format(java.time.YearMonth.parse(m.month())),
				m.value() == null ? "–" : format(g.measure(), m.value(), locale),
				m.met() == null ? "none" : m.met() ? "met" : "missed")).toList();
		return new GoalView(g.id(), title, months);
	}

	private static String format(String measure, double value, Locale locale) {
		if (measure.equals("responseRate") || measure.equals("answeredWithin")) {
			return percent(value, locale);
		}
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(1);
		return number.format(value);
	}

	@GetMapping("/insights/report.pdf")
	org.springframework.http.ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser me,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String label, Locale locale) {
		Metrics.Query q = metrics.query(me.workspaceId(), from, to, channel, null, null, null, label);
		return ReportsApi.pdf(reportPdf.render(me.workspaceId(), q, locale), q);
	}

	@PostMapping("/insights/reports")
	String schedule(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String frequency,
			@RequestParam(defaultValue = "") String recipients, @RequestParam(defaultValue = "de") String language,
			@RequestParam(required = false) String label, RedirectAttributes flash) {
		try {
			List<String> addresses = java.util.Arrays.stream(recipients.split("[,;\\s]+")).filter(a -> !a.isBlank()).toList();
			reportMails.create(me, new ReportMails.NewSchedule(frequency, addresses, language, label));
			flash.addFlashAttribute("notice", "insights.report.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/insights#reports";
	}

	@PostMapping("/insights/reports/{id}/send")
	String sendReport(@AuthenticationPrincipal CurrentUser me, @org.springframework.web.bind.annotation.PathVariable UUID id,
			RedirectAttributes flash) {
		ReportMails.Sent sent = reportMails.sendNow(me, id);
		flash.addFlashAttribute("notice", "sent".equals(sent.outcome()) ? "insights.report.sent"
				: "skipped".equals(sent.outcome()) ? "insights.report.skipped" : "insights.report.failed");
		return "redirect:/insights#reports";
	}

	@PostMapping("/insights/reports/{id}/delete")
	String deleteReport(@AuthenticationPrincipal CurrentUser me, @org.springframework.web.bind.annotation.PathVariable UUID id,
			RedirectAttributes flash) {
		reportMails.delete(me, id);
		flash.addFlashAttribute("notice", "insights.report.deleted");
		return "redirect:/insights#reports";
	}

	@PostMapping("/insights/links")
	String addLink(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String campaign,
			RedirectAttributes flash) {
		try {
			TrackedLinks.Link link = links.create(me, new TrackedLinks.NewLink(url, channel, campaign));
			flash.addFlashAttribute("notice", "insights.link.saved");
			flash.addFlashAttribute("noticeArg", link.trackedUrl());
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/insights#links";
	}

	@PostMapping("/insights/goals")
	String addGoal(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "") String measure,
			@RequestParam(defaultValue = "") String target, @RequestParam(defaultValue = "") String hours,
			@RequestParam(defaultValue = "") String outcomeKind, RedirectAttributes flash) {
		try {
			Double value;
			try {
				value = target.isBlank() ? null : Double.valueOf(target.strip().replace(',', '.'));
			}
			catch (NumberFormatException e) {
				throw new org.rapport.platform.InvalidFieldException("target", "target must be a number of at least 0.");
			}
			boolean share = measure.equals("responseRate") || measure.equals("answeredWithin");
			Integer within = null;
			if (measure.equals("answeredWithin")) {
				try {
					within = Integer.valueOf(hours.strip());
				}
				catch (NumberFormatException e) {
					throw new org.rapport.platform.InvalidFieldException("hours", "Say within how many business hours, from 1 to 720.");
				}
			}
			if (share && value != null) {
				value = value / 100; // the form asks for per cent
			}
			goals.create(me, new Goals.NewGoal(channel, purpose, measure, value, within, outcomeKind));
			flash.addFlashAttribute("notice", "insights.goal.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/insights#goals";
	}

	@PostMapping("/insights/goals/{id}/delete")
	String deleteGoal(@AuthenticationPrincipal CurrentUser me, @org.springframework.web.bind.annotation.PathVariable UUID id,
			RedirectAttributes flash) {
		goals.delete(me, id);
		flash.addFlashAttribute("notice", "insights.goal.deleted");
		return "redirect:/insights#goals";
	}

	/** Outcomes of one kind credited to one channel, as a sentence and as table cells. */
	record CreditRow(String sentence, String kind, String channel, String outcomes, double count, String value) {
	}

	private static String money(Map<String, java.math.BigDecimal> values, Locale locale) {
		List<String> parts = new ArrayList<>();
		values.forEach((currency, value) -> {
			NumberFormat format = NumberFormat.getCurrencyInstance(locale);
			format.setCurrency(java.util.Currency.getInstance(currency));
			parts.add(format.format(value));
		});
		return String.join(", ", parts);
	}

	@PostMapping("/insights/outcomes/import")
	String importOutcomes(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String csv,
			@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "check") String action,
			RedirectAttributes flash, Locale locale) throws java.io.IOException {
		String text = file != null && !file.isEmpty() ? new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8) : csv;
		if (text.startsWith("\ufeff")) {
			text = text.substring(1);
		}
		boolean dryRun = !"import".equals(action);
		flash.addFlashAttribute("importCsv", text);
		try {
			Outcomes.Imported result = outcomes.importCsv(me, text, dryRun);
			if (!result.errors().isEmpty()) {
				flash.addFlashAttribute("importErrors", new ArrayList<>(result.errors()));
			}
			else {
				flash.addFlashAttribute("importResult", messages.getMessage(dryRun ? "insights.outcomes.import.ok"
						: "insights.outcomes.import.done", new Object[] { dryRun ? result.rows() : result.imported() }, locale));
				if (!dryRun) {
					flash.addFlashAttribute("importCsv", "");
				}
			}
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/insights#outcomes";
	}

	/** A figure of the period with the period before, formatted, and the key of its definition. */
	record Card(String key, String value, String detail, String previous, String trend) {
	}

	private List<Card> cards(Metrics.Report report, Locale locale) {
		Figures now = report.totals();
		Figures before = report.previous();
		NumberFormat decimal = NumberFormat.getNumberInstance(locale);
		decimal.setMaximumFractionDigits(1);
		List<Card> cards = new ArrayList<>();
		cards.add(new Card("responseRate", percent(now.responseRate(), locale),
				now.answered() + " / " + now.needingAnswer(), percent(before.responseRate(), locale),
				trend(now.responseRate(), before.responseRate(), true)));
		cards.add(new Card("firstResponse", duration(now.firstResponseBusinessSeconds().median()),
				"p90 " + duration(now.firstResponseBusinessSeconds().p90()),
				duration(before.firstResponseBusinessSeconds().median()),
				trend(now.firstResponseBusinessSeconds().median(), before.firstResponseBusinessSeconds().median(), false)));
		cards.add(new Card("firstResponseCalendar", duration(now.firstResponseSeconds().median()),
				"p90 " + duration(now.firstResponseSeconds().p90()), duration(before.firstResponseSeconds().median()),
				trend(now.firstResponseSeconds().median(), before.firstResponseSeconds().median(), false)));
		cards.add(new Card("resolution", duration(now.resolutionBusinessSeconds().median()),
				"p90 " + duration(now.resolutionBusinessSeconds().p90()),
				duration(before.resolutionBusinessSeconds().median()),
				trend(now.resolutionBusinessSeconds().median(), before.resolutionBusinessSeconds().median(), false)));
		cards.add(new Card("twoWay", percent(now.twoWayShare(), locale), String.valueOf(now.conversations()),
				percent(before.twoWayShare(), locale), trend(now.twoWayShare(), before.twoWayShare(), true)));
		cards.add(new Card("depth", now.depth() == null ? "–" : decimal.format(now.depth()), "",
				before.depth() == null ? "–" : decimal.format(before.depth()), trend(now.depth(), before.depth(), true)));
		Metrics.Personal personal = report.personal();
		Metrics.Personal personalBefore = report.previousPersonal();
		cards.add(new Card("reachOut", percent(personal.reachOutShare(), locale),
				personal.reachOutDone() + " / " + personal.reachOutPlanned(), percent(personalBefore.reachOutShare(), locale),
				trend(personal.reachOutShare(), personalBefore.reachOutShare(), true)));
		cards.add(new Card("meetings", String.valueOf(personal.meetingsHeld()),
				personal.meetingsHeld() + " / " + personal.meetingsPlanned(), String.valueOf(personalBefore.meetingsHeld()),
				trend((double) personal.meetingsHeld(), (double) personalBefore.meetingsHeld(), true)));
		cards.add(new Card("posts", percent(personal.postsShare(), locale),
				personal.postsStartedDialogue() + " / " + personal.postsPublished(), percent(personalBefore.postsShare(), locale),
				trend(personal.postsShare(), personalBefore.postsShare(), true)));
		NumberFormat whole = NumberFormat.getIntegerInstance(locale);
		cards.add(new Card("networkPosts", percent(personal.networkPostsShare(), locale),
				personal.networkPostsStartedDialogue() + " / " + personal.networkPostsPublished() + " · "
						+ messages.getMessage("insights.networkPosts.reactions", new Object[] {
								whole.format(personal.networkPostLikes()), whole.format(personal.networkPostShares()) }, locale),
				percent(personalBefore.networkPostsShare(), locale),
				trend(personal.networkPostsShare(), personalBefore.networkPostsShare(), true)));
		return cards;
	}

	/** "up", "down" or "same", where up means better. */
	private static String trend(Double now, Double before, boolean higherIsBetter) {
		if (now == null || before == null || Math.abs(now - before) < 1e-9) {
			return "same";
		}
		return (now > before) == higherIsBetter ? "better" : "worse";
	}

	private static String percent(Double share, Locale locale) {
		if (share == null) {
			return "–";
		}
		NumberFormat format = NumberFormat.getPercentInstance(locale);
		format.setMaximumFractionDigits(0);
		return format.format(share);
	}

	private String duration(Double seconds) {
		if (seconds == null) {
			return "–";
		}
		Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		long minutes = Math.round(seconds) / 60;
		long hours = minutes / 60;
		if (minutes < 60) {
			return messages.getMessage("insights.minutes", new Object[] { minutes }, locale);
		}
		if (hours < 48) {
			return messages.getMessage("insights.hours", new Object[] { hours, minutes % 60 }, locale);
		}
		return messages.getMessage("insights.days", new Object[] { hours / 24, hours % 24 }, locale);
	}

	private static Double hours(Double seconds) {
		return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
	}
}
