package org.rapport.insights;

import java.awt.Color;
import java.text.NumberFormat;
import java.util.List;
import java.util.function.DoubleFunction;

import com.lowagie.text.Image;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The dashboard's charts for the PDF report, drawn as vectors so that they print sharply, in the dashboard's colours.
 * Each chart is followed in the report by the table of its numbers, as on the dashboard. Each series is filled or
 * stroked in one go after its colour is set, so a bar's geometry can be read back from the content stream.
 */
final class ReportCharts {

	static final Color BLUE = new Color(0x1f, 0x6f, 0xeb);
	static final Color LIGHT_BLUE = new Color(0x9d, 0xb7, 0xd5);
	static final Color GREEN = new Color(0x2e, 0x7d, 0x32);
	static final Color ORANGE = new Color(0xb3, 0x59, 0x00);
	private static final Color GRID = new Color(0xd0, 0xd7, 0xde);
	private static final Color INK = new Color(0x24, 0x29, 0x2f);

	static final float WIDTH = 515;
	private static final float LEGEND = 14;
	private static final float LABEL_SIZE = 7;

	/** One series of a chart: its name in the legend, its colour and one value per category ({@code null}: none). */
	record Series(String label, Color colour, List<Double> values) {
	}

	private ReportCharts() {
	}

	/** Vertical bars, one group per category and one bar per series in it; a value of 0 or none draws no bar. */
	static Image bars(PdfWriter writer, List<String> categories, List<Series> series, DoubleFunction<String> axis) {
		float height = 170;
		Frame frame = new Frame(writer, height, categories, series, axis);
		float group = frame.plotWidth / Math.max(1, categories.size());
		float bar = Math.max(1, group * 0.8f / series.size());
		for (int s = 0; s < series.size(); s++) {
			PdfContentByte canvas = frame.template;
			canvas.setColorFill(series.get(s).colour());
			boolean any = false;
			for (int c = 0; c < categories.size(); c++) {
				Double v = series.get(s).values().get(c);
				if (v == null || v <= 0) {
					continue;
				}
				canvas.rectangle(frame.left + c * group + group * 0.1f + s * bar, frame.bottom, bar, frame.y(v) - frame.bottom);
				any = true;
			}
			if (any) {
				canvas.fill();
			}
		}
		frame.categoryLabels(group);
		return frame.image();
	}

	/** Lines over the categories, one per series; a missing value breaks the line. */
	static Image lines(PdfWriter writer, List<String> categories, List<Series> series, DoubleFunction<String> axis) {
		float height = 170;
		Frame frame = new Frame(writer, height, categories, series, axis);
		float step = frame.plotWidth / Math.max(1, categories.size());
		for (Series one : series) {
			PdfContentByte canvas = frame.template;
			canvas.setColorStroke(one.colour());
			canvas.setColorFill(one.colour());
			canvas.setLineWidth(1.5f);
			boolean drawing = false;
			for (int c = 0; c < categories.size(); c++) {
				Double v = one.values().get(c);
				float x = frame.left + c * step + step / 2;
				if (v == null) {
					drawing = false;
					continue;
				}
				if (drawing) {
					canvas.lineTo(x, frame.y(v));
				}
				else {
					canvas.moveTo(x, frame.y(v));
					drawing = true;
				}
			}
			canvas.stroke();
			for (int c = 0; c < categories.size(); c++) {
				Double v = one.values().get(c);
				if (v != null) {
					canvas.circle(frame.left + c * step + step / 2, frame.y(v), 1.6f);
				}
			}
			canvas.fill();
		}
		frame.categoryLabels(step);
		return frame.image();
	}

	/** Horizontal bars, one row per category (a channel, a stage) and one bar per series in it. */
	static Image rows(PdfWriter writer, List<String> categories, List<Series> series, DoubleFunction<String> axis) {
		float row = 10 * series.size() + 6;
		float labels = 130;
		float top = LEGEND + 4;
		float height = top + row * Math.max(1, categories.size()) + 16;
		PdfTemplate t = writer.getDirectContent().createTemplate(WIDTH, height);
		BaseFont font = font();
		double max = niceMax(series);
		float left = labels;
		float plotWidth = WIDTH - labels - 10;
		float bottom = 14;
		legend(t, font, series, height);
		t.setColorStroke(GRID);
		t.setLineWidth(0.5f);
		for (int i = 0; i <= 4; i++) {
			float x = left + plotWidth * i / 4;
			t.moveTo(x, bottom);
			t.lineTo(x, height - top);
		}
		t.stroke();
		for (int i = 0; i <= 4; i++) {
			text(t, font, axis.apply(max * i / 4), left + plotWidth * i / 4, 4, PdfContentByte.ALIGN_CENTER);
		}
		for (int s = 0; s < series.size(); s++) {
			t.setColorFill(series.get(s).colour());
			boolean any = false;
			for (int c = 0; c < categories.size(); c++) {
				Double v = series.get(s).values().get(c);
				if (v == null || v <= 0) {
					continue;
				}
				float y = height - top - (c + 1) * row + 3 + (series.size() - 1 - s) * 10;
				t.rectangle(left, y, (float) (plotWidth * v / max), 8);
				any = true;
			}
			if (any) {
				t.fill();
			}
		}
		for (int c = 0; c < categories.size(); c++) {
			float y = height - top - (c + 1) * row + row / 2 - 2;
			text(t, font, shorten(categories.get(c), 32), labels - 6, y, PdfContentByte.ALIGN_RIGHT);
		}
		return image(t);
	}

	/** A share 0..1 as the axis says it, e.g. "80 %" or "80%". */
	static DoubleFunction<String> percent(java.util.Locale locale) {
		NumberFormat format = NumberFormat.getPercentInstance(locale);
		format.setMaximumFractionDigits(0);
		return format::format;
	}

	/** A count or an amount with at most one decimal, in the reader's format. */
	static DoubleFunction<String> number(java.util.Locale locale) {
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMaximumFractionDigits(1);
		return format::format;
	}

	/** The axis and legend of a chart with vertical values, and where its values go. */
	private static final class Frame {

		final PdfTemplate template;
		final BaseFont font = font();
		final float left = 36;
		final float bottom = 18;
		final float plotWidth = WIDTH - 36 - 6;
		final float plotTop;
		final double max;
		final List<String> categories;

		Frame(PdfWriter writer, float height, List<String> categories, List<Series> series, DoubleFunction<String> axis) {
			this.template = writer.getDirectContent().createTemplate(WIDTH, height);
			this.categories = categories;
			this.plotTop = height - LEGEND - 6;
			this.max = niceMax(series);
			legend(template, font, series, height);
			template.setColorStroke(GRID);
			template.setLineWidth(0.5f);
			for (int i = 0; i <= 4; i++) {
				float y = bottom + (plotTop - bottom) * i / 4;
				template.moveTo(left, y);
				template.lineTo(left + plotWidth, y);
			}
			template.stroke();
			for (int i = 0; i <= 4; i++) {
				text(template, font, axis.apply(max * i / 4), left - 3, bottom + (plotTop - bottom) * i / 4 - 2,
						PdfContentByte.ALIGN_RIGHT);
			}
		}

		float y(double value) {
			return (float) (bottom + (plotTop - bottom) * value / max);
		}

		/** The categories' names under the plot, as many as fit without overlapping. */
		void categoryLabels(float step) {
			int every = Math.max(1, (int) Math.ceil(categories.size() / (plotWidth / 48)));
			for (int c = 0; c < categories.size(); c += every) {
				text(template, font, shorten(categories.get(c), 14), left + c * step + step / 2, bottom - 10,
						PdfContentByte.ALIGN_CENTER);
			}
		}

		Image image() {
			return ReportCharts.image(template);
		}
	}

	private static void legend(PdfTemplate t, BaseFont font, List<Series> series, float height) {
		float x = 36;
		for (Series one : series) {
			t.setColorFill(one.colour());
			t.rectangle(x, height - 10, 7, 7);
			t.fill();
			text(t, font, one.label(), x + 10, height - 9.5f, PdfContentByte.ALIGN_LEFT);
			x += 10 + font.getWidthPoint(one.label(), LABEL_SIZE) + 14;
		}
	}

	private static void text(PdfTemplate t, BaseFont font, String text, float x, float y, int align) {
		t.beginText();
		t.setColorFill(INK);
		t.setFontAndSize(font, LABEL_SIZE);
		t.showTextAligned(align, text, x, y, 0);
		t.endText();
	}

	/**
	 * Where the scale ends: the smallest round number at least as large as the largest value (1, 2, 2.5 or 5 times a
	 * power of ten), so that its four grid lines read well; for counts, four times a whole round step, so that no grid
	 * line says "1.5 conversations". 1 when there is no value.
	 */
	static double niceMax(List<Series> series) {
		List<Double> values = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).toList();
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		if (max <= 0) {
			return 1;
		}
		boolean counts = values.stream().allMatch(v -> v == Math.rint(v));
		double target = counts ? max / 4 : max;
		double power = Math.pow(10, Math.floor(Math.log10(target)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			double candidate = step * power;
			if (candidate >= target && (!counts || candidate == Math.rint(candidate))) {
				return counts ? 4 * candidate : candidate;
			}
		}
		return counts ? 40 * power : 10 * power;
	}

	private static String shorten(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}

	private static BaseFont font() {
		try {
			return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static Image image(PdfTemplate template) {
		Image image = Image.getInstance(template);
		image.setSpacingBefore(4);
		image.setSpacingAfter(6);
		return image;
	}
}
