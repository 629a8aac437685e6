package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.lowagie.text.Document;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.PRStream;
import org.junit.jupiter.api.Test;

/** The PDF report's charts, read back from the PDF: each bar as long as its value says, against the same scale. */
class ReportChartsTests {

	@Test
	void barsAreAsTallAsTheirValuesAndNoneIsDrawnForNothing() throws Exception {
		String drawn = chart(writer -> ReportCharts.bars(writer, List.of("Okt", "Nov", "Dez"), List.of(
				new ReportCharts.Series("waited", ReportCharts.LIGHT_BLUE, Arrays.asList(4.0, 2.0, 0.0)),
				new ReportCharts.Series("answered", ReportCharts.GREEN, Arrays.asList(3.0, null, 1.0))),
				ReportCharts.number(Locale.GERMANY)));

		List<float[]> waited = rectangles(drawn, ReportCharts.LIGHT_BLUE);
		List<float[]> answered = rectangles(drawn, ReportCharts.GREEN);
		// the legend's square first, then one bar per value above 0
		assertThat(waited).hasSize(1 + 2);
		assertThat(answered).hasSize(1 + 2);
		float unit = waited.get(1)[3] / 4;
		assertThat(waited.get(2)[3]).isCloseTo(2 * unit, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(answered.get(1)[3]).isCloseTo(3 * unit, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(answered.get(2)[3]).isCloseTo(1 * unit, org.assertj.core.data.Offset.offset(0.01f));
		// each category's bars stand side by side, in the order of the categories
		assertThat(waited.get(1)[0]).isLessThan(answered.get(1)[0]);
		assertThat(answered.get(1)[0]).isLessThan(waited.get(2)[0]);
		assertThat(answered.get(2)[0]).isGreaterThan(waited.get(2)[0] + waited.get(2)[2]);
		assertThat(drawn).contains("(Okt)").contains("(Dez)");
	}

	@Test
	void rowsAreAsLongAsTheirSharesAgainstAFullScale() throws Exception {
		String drawn = chart(writer -> ReportCharts.rows(writer, List.of("E-Mail", "Mastodon", "Formular"), List.of(
				new ReportCharts.Series("Antwortquote", ReportCharts.BLUE, Arrays.asList(1.0, 0.5, null))),
				ReportCharts.percent(Locale.GERMANY)));

		List<float[]> bars = rectangles(drawn, ReportCharts.BLUE);
		assertThat(bars).hasSize(1 + 2);
		assertThat(bars.get(2)[2]).isCloseTo(bars.get(1)[2] / 2, org.assertj.core.data.Offset.offset(0.01f));
		// a channel above another on the page is the earlier one in the list
		assertThat(bars.get(1)[1]).isGreaterThan(bars.get(2)[1]);
		assertThat(drawn).contains("(100\u00a0%)").contains("(50\u00a0%)").contains("(Formular)");
	}

	@Test
	void aScaleEndsAtARoundNumberAtLeastAsLargeAsTheLargestValue() {
		assertThat(ReportCharts.niceMax(List.of(series(0.5)))).isEqualTo(0.5);
		assertThat(ReportCharts.niceMax(List.of(series(0.73)))).isEqualTo(1);
		assertThat(ReportCharts.niceMax(List.of(series(3.2)))).isEqualTo(5);
		assertThat(ReportCharts.niceMax(List.of(series((Double) null)))).isEqualTo(1);
		// counts: four grid steps of a whole round number
		assertThat(ReportCharts.niceMax(List.of(series(1.0)))).isEqualTo(4);
		assertThat(ReportCharts.niceMax(List.of(series(7.0)))).isEqualTo(8);
		assertThat(ReportCharts.niceMax(List.of(series(9.0)))).isEqualTo(20);
		assertThat(ReportCharts.niceMax(List.of(series(130.0), series(210.0)))).isEqualTo(400);
		assertThat(ReportCharts.niceMax(List.of(series(90.0)))).isEqualTo(100);
	}

	private static ReportCharts.Series series(Double... values) {
		return new ReportCharts.Series("s", ReportCharts.BLUE, Arrays.asList(values));
	}

	/** The content stream of the one chart in a one-page PDF. */
	private static String chart(java.util.function.Function<PdfWriter, Image> draw) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		document.open();
		document.add(draw.apply(writer));
		document.close();
		PdfReader reader = new PdfReader(out.toByteArray());
		PdfDictionary xObjects = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.XOBJECT);
		assertThat(xObjects.getKeys()).hasSize(1);
		PRStream form = (PRStream) xObjects.getAsStream(xObjects.getKeys().iterator().next());
		assertThat(form.getAsName(PdfName.SUBTYPE)).isEqualTo(PdfName.FORM);
		String content = new String(PdfReader.getStreamBytes(form), java.nio.charset.StandardCharsets.ISO_8859_1);
		reader.close();
		return content;
	}

	/** The rectangles filled in a colour: x, y, width and height of each, in the order drawn. */
	private static List<float[]> rectangles(String content, java.awt.Color colour) {
		String rg = Pattern.quote(component(colour.getRed()) + " " + component(colour.getGreen()) + " "
				+ component(colour.getBlue()) + " rg");
		Matcher section = Pattern.compile(rg + "(.*?)\\bf\\b", Pattern.DOTALL).matcher(content);
		List<float[]> rectangles = new ArrayList<>();
		while (section.find()) {
			Matcher re = Pattern.compile("(-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) re").matcher(section.group(1));
			while (re.find()) {
				rectangles.add(new float[] { Float.parseFloat(re.group(1)), Float.parseFloat(re.group(2)),
						Float.parseFloat(re.group(3)), Float.parseFloat(re.group(4)) });
			}
		}
		return rectangles;
	}

	/** A colour component as OpenPDF writes it: a fraction of 255 with at most five decimals. */
	private static String component(int value) {
		return new java.math.BigDecimal(value / 255.0).setScale(5, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
			.toPlainString();
	}
}
