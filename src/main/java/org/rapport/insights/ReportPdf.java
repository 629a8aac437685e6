package org.rapport.insights;

import java.io.ByteArrayOutputStream;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The dashboard of a period as a PDF, for those who report upwards or to a client: the figures beside the period
 * before with their definitions, the series, the channels, the outcomes and where they came from, the funnel.
 */
@Component
public class ReportPdf {

	private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
	private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
	private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
	private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
	private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7);

	private final Metrics metrics;
	private final Attribution attribution;
	private final Funnel funnel;
	private final Channels channels;
	private final Workspaces workspaces;
	private final MessageSource messages;

	ReportPdf(Metrics metrics, Attribution attribution, Funnel funnel, Channels channels, Workspaces workspaces,
			MessageSource messages) {
		this.metrics = metrics;
		this.attribution = attribution;
		this.funnel = funnel;
		this.channels = channels;
		this.workspaces = workspaces;
		this.messages = messages;
	}

	/** Whether the period has anything to report: a conversation or an outcome. */
	public boolean hasData(UUID workspaceId, Metrics.Query q) {
		return metrics.report(workspaceId, q).totals().conversations() > 0
				|| attribution.report(workspaceId, q, "last", 90).outcomes() > 0;
	}

	public byte[] render(UUID workspaceId, Metrics.Query q, Locale locale) {
		Metrics.Report report = metrics.report(workspaceId, q);
		DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 40, 40, 40, 40);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		document.open();
		document.add(new Paragraph(text("insights.title", locale) + " · " + workspaces.get(workspaceId).name(), TITLE));
		document.add(new Paragraph(text("insights.period", locale, day.format(q.from()) + " – " + day.format(q.to())), TEXT));
		if (q.channelId() != null) {
			document.add(new Paragraph(text("insights.channel", locale) + ": " + channelName(workspaceId, q.channelId()), TEXT));
		}
		if (q.label() != null) {
			document.add(new Paragraph(text("insights.label", locale) + ": " + q.label(), TEXT));
			document.add(new Paragraph(text("insights.pdf.labelScope", locale), SMALL));
		}

		heading(document, text("insights.pdf.figures", locale));
		PdfPTable figures = table(new float[] { 4, 2, 2 });
		header(figures, "", text("insights.pdf.now", locale), text("insights.pdf.before", locale));
		Figures now = report.totals();
		Figures before = report.previous();
		row(figures, text("insights.card.responseRate", locale), percent(now.responseRate(), locale) + " (" + now.answered()
				+ " / " + now.needingAnswer() + ")", percent(before.responseRate(), locale));
		row(figures, text("insights.card.firstResponse", locale), duration(now.firstResponseBusinessSeconds().median(), locale),
				duration(before.firstResponseBusinessSeconds().median(), locale));
		row(figures, "p90", duration(now.firstResponseBusinessSeconds().p90(), locale),
				duration(before.firstResponseBusinessSeconds().p90(), locale));
		row(figures, text("insights.card.firstResponseCalendar", locale), duration(now.firstResponseSeconds().median(), locale),
				duration(before.firstResponseSeconds().median(), locale));
		row(figures, text("insights.card.resolution", locale), duration(now.resolutionBusinessSeconds().median(), locale),
				duration(before.resolutionBusinessSeconds().median(), locale));
		row(figures, text("insights.card.twoWay", locale), percent(now.twoWayShare(), locale), percent(before.twoWayShare(), locale));
		row(figures, text("insights.card.depth", locale), decimal(now.depth(), locale), decimal(before.depth(), locale));
		row(figures, text("insights.col.conversations", locale), String.valueOf(now.conversations()),
				String.valueOf(before.conversations()));
		document.add(figures);

		List<String> periods = report.series().stream().map(f -> day.format(f.start())).toList();
		heading(document, text("insights.chart.firstResponse", locale));
		document.add(ReportCharts.lines(writer, periods, List.of(
				new ReportCharts.Series(text("insights.chart.firstResponse.median", locale), ReportCharts.BLUE,
						report.series().stream().map(f -> hours(f.firstResponseBusinessSeconds().median())).toList()),
				new ReportCharts.Series(text("insights.chart.firstResponse.p90", locale), ReportCharts.ORANGE,
						report.series().stream().map(f -> hours(f.firstResponseBusinessSeconds().p90())).toList())),
				ReportCharts.number(locale)));

		heading(document, text("insights.chart.volume", locale));
		document.add(ReportCharts.bars(writer, periods, List.of(
				new ReportCharts.Series(text("insights.chart.needing", locale), ReportCharts.LIGHT_BLUE,
						report.series().stream().map(f -> (double) f.needingAnswer()).toList()),
				new ReportCharts.Series(text("insights.chart.answered", locale), ReportCharts.GREEN,
						report.series().stream().map(f -> (double) f.answered()).toList())),
				ReportCharts.number(locale)));
		PdfPTable series = table(new float[] { 3, 2, 2, 2, 2, 2 });
		header(series, text("insights.col.period", locale), text("insights.col.conversations", locale),
				text("insights.col.needing", locale), text("insights.col.answered", locale), text("insights.col.rate", locale),
				text("insights.col.median", locale));
		for (Figures f : report.series()) {
			row(series, day.format(f.start()), String.valueOf(f.conversations()), String.valueOf(f.needingAnswer()),
					String.valueOf(f.answered()), percent(f.responseRate(), locale),
					duration(f.firstResponseBusinessSeconds().median(), locale));
		}
		document.add(series);

		heading(document, text("insights.chart.channels", locale));
		PdfPTable byChannel = table(new float[] { 4, 2, 2, 2, 2 });
		header(byChannel, text("insights.col.channel", locale), text("insights.col.conversations", locale),
				text("insights.col.needing", locale), text("insights.col.rate", locale), text("insights.col.median", locale));
		Map<UUID, Figures> channelFigures = metrics.byChannel(workspaceId, q);
		List<String> channelNames = channelFigures.keySet().stream().map(id -> channelName(workspaceId, id)).toList();
		document.add(ReportCharts.rows(writer, channelNames, List.of(new ReportCharts.Series(text("insights.col.rate", locale),
				ReportCharts.BLUE, channelFigures.values().stream().map(Figures::responseRate).toList())),
				ReportCharts.percent(locale)));
		channelFigures.forEach((id, f) -> row(byChannel, channelName(workspaceId, id),
				String.valueOf(f.conversations()), String.valueOf(f.needingAnswer()), percent(f.responseRate(), locale),
				duration(f.firstResponseBusinessSeconds().median(), locale)));
		document.add(byChannel);

		Attribution.Report outcomes = attribution.report(workspaceId, q, "last", 90);
		heading(document, text("insights.outcomes", locale));
		if (outcomes.outcomes() == 0) {
			document.add(new Paragraph(text("insights.outcomes.none", locale), TEXT));
		}
		else {
			Map<String, Double> perChannel = new LinkedHashMap<>();
			for (Attribution.Credit c : outcomes.credits()) {
				perChannel.merge(c.channelId() == null ? "–" : channelName(workspaceId, c.channelId()), c.outcomes(), Double::sum);
			}
			document.add(ReportCharts.rows(writer, List.copyOf(perChannel.keySet()), List.of(new ReportCharts.Series(
					text("insights.col.outcomes", locale), ReportCharts.GREEN, List.copyOf(perChannel.values()))),
					ReportCharts.number(locale)));
			PdfPTable credits = table(new float[] { 3, 4, 2 });
			header(credits, text("insights.col.kind", locale), text("insights.col.channel", locale),
					text("insights.col.outcomes", locale));
			for (Attribution.Credit c : outcomes.credits()) {
				row(credits, messages.getMessage("outcome.kind." + c.kind(), null, c.kind(), locale),
						c.channelId() == null ? "–" : channelName(workspaceId, c.channelId()), decimal(c.outcomes(), locale));
			}
			document.add(credits);
		}

		heading(document, text("insights.funnel", locale));
		List<Funnel.Step> steps = funnel.report(workspaceId, q).stages();
		document.add(ReportCharts.rows(writer, steps.stream().map(Funnel.Step::label).toList(), List.of(
				new ReportCharts.Series(text("insights.funnel.reached", locale), ReportCharts.BLUE,
						steps.stream().map(s -> (double) s.reached()).toList()),
				new ReportCharts.Series(text("insights.funnel.now", locale), ReportCharts.LIGHT_BLUE,
						steps.stream().map(s -> s.now() == null ? null : (double) s.now()).toList())),
				ReportCharts.number(locale)));
		PdfPTable stages = table(new float[] { 4, 2, 2 });
		header(stages, text("insights.funnel.stage", locale), text("insights.funnel.reached", locale),
				text("insights.funnel.now", locale));
		for (Funnel.Step step : steps) {
			row(stages, step.label(), String.valueOf(step.reached()), step.now() == null ? "–" : String.valueOf(step.now()));
		}
		document.add(stages);

		heading(document, text("insights.how", locale));
		for (String key : new String[] { "responseRate", "firstResponse", "resolution", "twoWay", "depth" }) {
			document.add(new Paragraph(text("insights.card." + key, locale) + ": " + text("insights.how." + key, locale), SMALL));
		}
		document.close();
		return out.toByteArray();
	}

	/** The PDF's file name: the period, and the label when it covers one (reduced to letters, digits and dashes). */
	public static String fileName(Metrics.Query q) {
		String label = q.label() == null ? ""
				: "-" + java.text.Normalizer.normalize(q.label(), java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
					.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return "rapport-" + q.from() + "-" + q.to() + (label.equals("-") ? "" : label) + ".pdf";
	}

	private String channelName(UUID workspaceId, UUID channelId) {
		return channels.of(workspaceId).stream().filter(c -> c.id().equals(channelId)).map(Channel::name).findFirst()
			.orElse("?");
	}

	private String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static void heading(Document document, String text) {
		Paragraph heading = new Paragraph(text, HEADING);
		heading.setSpacingBefore(12);
		heading.setSpacingAfter(4);
		document.add(heading);
	}

	private static PdfPTable table(float[] widths) {
		PdfPTable table = new PdfPTable(widths);
		table.setWidthPercentage(100);
		table.setHeaderRows(1);
		return table;
	}

	private static void header(PdfPTable table, String... cells) {
		for (String cell : cells) {
			table.addCell(new PdfPCell(new Phrase(cell, BOLD)));
		}
	}

	private static void row(PdfPTable table, String... cells) {
		for (int i = 0; i < cells.length; i++) {
			PdfPCell cell = new PdfPCell(new Phrase(cells[i], TEXT));
			if (i > 0) {
				cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
			}
			table.addCell(cell);
		}
	}

	private static String percent(Double share, Locale locale) {
		if (share == null) {
			return "–";
		}
		NumberFormat format = NumberFormat.getPercentInstance(locale);
		format.setMaximumFractionDigits(0);
		return format.format(share);
	}

	private static String decimal(Double value, Locale locale) {
		if (value == null) {
			return "–";
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMaximumFractionDigits(1);
		return format.format(value);
	}

	private static Double hours(Double seconds) {
		return seconds == null ? null : seconds / 3600;
	}

	private String duration(Double seconds, Locale locale) {
		if (seconds == null) {
			return "–";
		}
		long minutes = Math.round(seconds) / 60;
		long hours = minutes / 60;
		if (minutes < 60) {
			return text("insights.minutes", locale, minutes);
		}
		if (hours < 48) {
			return text("insights.hours", locale, hours, minutes % 60);
		}
		return text("insights.days", locale, hours / 24, hours % 24);
	}
}
