//! Chart export: CSV and JSON for analysis, PNG and SVG (plotters) for documents.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{ChartData, XAxis};
use crate::csv::csv_row;
use crate::error::{EngineError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ExportFormat {
    Csv,
    Json,
    Png,
    Svg,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Result<Self> {
        match text.to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            "png" => Ok(ExportFormat::Png),
            "svg" => Ok(ExportFormat::Svg),
            other => Err(EngineError::InvalidInput(format!("format `{other}` is not csv, json, png or svg"))),
        }
    }
}

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 700;
const FONT: &str = "sans-serif";

/// Writes `chart` to `path` in `format`.
pub fn export(chart: &ChartData, format: ExportFormat, path: &Path) -> Result<()> {
    let io_error = |e: std::io::Error| EngineError::io(format!("cannot write {}", path.display()), e);
    match format {
        ExportFormat::Csv => std::fs::write(path, to_csv(chart)).map_err(io_error),
        ExportFormat::Json => {
            let text = serde_json::to_string_pretty(chart).map_err(|e| EngineError::Internal(e.to_string()))?;
            std::fs::write(path, text + "\n").map_err(io_error)
        }
        ExportFormat::Png => {
            register_font();
            let root = BitMapBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
            draw(&root, chart).and_then(|()| root.present().map_err(|e| e.to_string()))
        }
        .map_err(|e| EngineError::Internal(format!("cannot draw {}: {e}", path.display()))),
        ExportFormat::Svg => {
            register_font();
            let root = SVGBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
            draw(&root, chart).and_then(|()| root.present().map_err(|e| e.to_string()))
        }
        .map_err(|e| EngineError::Internal(format!("cannot draw {}: {e}", path.display()))),
    }
}

/// A header row, then one row per x value; time charts end with an `incomplete` column, and
/// charts with marks (releases, drops) with a `marks` column.
pub fn to_csv(chart: &ChartData) -> String {
    let first = if chart.x_axis == XAxis::Time { "period" } else { chart.x_label.as_str() };
    let mut header = vec![first.to_owned()];
    header.extend(chart.series.iter().map(|s| s.name.clone()));
    if chart.x_axis == XAxis::Time {
        header.push("incomplete".into());
    }
    if !chart.marks.is_empty() {
        header.push("marks".into());
    }
    let mut out = csv_row(&header);
    for (i, x) in chart.x.iter().enumerate() {
        let mut row = vec![x.clone()];
        row.extend(chart.series.iter().map(|s| format_number(s.values.get(i).copied().unwrap_or(0.0))));
        if chart.x_axis == XAxis::Time {
            row.push(chart.incomplete.contains(x).to_string());
        }
        if !chart.marks.is_empty() {
            let texts: Vec<&str> = chart.marks.iter().filter(|m| &m.x == x).map(|m| m.text.as_str()).collect();
            row.push(texts.join("; "));
        }
        out.push_str(&csv_row(&row));
    }
    out
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value:.3}") }
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let font: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        if plotters::style::register_font(FONT, FontStyle::Normal, font).is_err() {
            tracing::warn!("the chart font could not be registered");
        }
    });
}

/// The app's palette, so exported charts look like the ones on screen.
const PALETTE: [RGBColor; 8] = [
    RGBColor(84, 112, 198),
    RGBColor(145, 204, 117),
    RGBColor(250, 200, 88),
    RGBColor(238, 102, 102),
    RGBColor(115, 192, 222),
    RGBColor(59, 162, 114),
    RGBColor(252, 132, 82),
    RGBColor(154, 96, 180),
];

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &ChartData) -> std::result::Result<(), String> {
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(fail)?;
    if chart.x_axis == XAxis::HourOfDay {
        return draw_heatmap(root, chart);
    }
    let n = chart.x.len().max(1);
    let stacked = chart.x_axis == XAxis::Category;
    let top = if stacked {
        (0..chart.x.len())
            .map(|i| chart.series.iter().map(|s| s.values.get(i).copied().unwrap_or(0.0)).sum::<f64>())
            .fold(0.0_f64, f64::max)
    } else {
        chart.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max)
    };
    let y_max = if top > 0.0 { top * 1.1 } else { 1.0 };
    let mut plot = ChartBuilder::on(root)
        .caption(&chart.title, (FONT, 28))
        .margin(20)
        .x_label_area_size(60)
        .y_label_area_size(80)
        .build_cartesian_2d(-0.5_f64..(n as f64 - 0.5), 0.0_f64..y_max)
        .map_err(fail)?;
    let labels = chart.x.clone();
    let label_of = move |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    plot.configure_mesh()
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .x_labels(n.min(12))
        .x_label_formatter(&label_of)
        .y_label_formatter(&|v| format_number(v.round()))
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(fail)?;

    // Periods with incomplete data: a light band behind the data, as in the app.
    for (i, x) in chart.x.iter().enumerate() {
        if chart.incomplete.contains(x) {
            let band =
                Rectangle::new([(i as f64 - 0.5, 0.0), (i as f64 + 0.5, y_max)], RGBColor(245, 235, 220).filled());
            plot.draw_series(std::iter::once(band)).map_err(fail)?;
        }
    }
    // Category charts stack their series: each bar sits on the ones drawn before it.
    let mut base = vec![0.0; chart.x.len()];
    for (k, series) in chart.series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let points: Vec<(f64, f64)> = series.values.iter().enumerate().map(|(i, v)| (i as f64, *v)).collect();
        let drawn = if stacked {
            let bars: Vec<Rectangle<(f64, f64)>> = points
                .iter()
                .zip(base.iter_mut())
                .map(|((x, y), bottom)| {
                    let bar = Rectangle::new([(x - 0.35, *bottom), (x + 0.35, *bottom + y)], color.filled());
                    *bottom += y;
                    bar
                })
                .collect();
            plot.draw_series(bars)
        } else {
            plot.draw_series(LineSeries::new(points, color.stroke_width(2)))
        }
        .map_err(fail)?;
        drawn
            .label(series.name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], color.filled()));
    }
    draw_marks(&mut plot, chart, y_max).map_err(fail)?;
    if chart.series.len() > 1 || chart.x_axis == XAxis::Time {
        plot.configure_series_labels()
            .label_font((FONT, 15))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            // Time series start low on the left; ranked bars are tallest there.
            .position(if stacked { SeriesLabelPosition::UpperRight } else { SeriesLabelPosition::UpperLeft })
            .draw()
            .map_err(fail)?;
    }
    Ok(())
}

/// Up to this many marks get their text drawn; more would cover the chart.
const LABELLED_MARKS: usize = 12;

/// A triangle at the top of the plot for each mark (release, capture drop), with its text when
/// there are few.
fn draw_marks<DB: DrawingBackend>(
    plot: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    chart: &ChartData,
    y_max: f64,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let color = RGBColor(200, 60, 60);
    let mut stacked_at: std::collections::HashMap<usize, u32> = std::collections::HashMap::new();
    for mark in &chart.marks {
        let Some(i) = chart.x.iter().position(|x| x == &mark.x) else { continue };
        let top = (i as f64, y_max);
        plot.draw_series(std::iter::once(TriangleMarker::new(top, 6, color.filled())))?;
        if chart.marks.len() <= LABELLED_MARKS {
            let line = stacked_at.entry(i).or_default();
            // Several marks on one period stack their labels downwards.
            let label = Text::new(mark.text.clone(), (8, 6 + 14 * *line as i32), (FONT, 12).into_font().color(&color));
            plot.draw_series(std::iter::once(EmptyElement::at(top) + label))?;
            *line += 1;
        }
    }
    Ok(())
}

/// Weekdays down, hours across, darker for more events.
fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartData,
) -> std::result::Result<(), String> {
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let rows = chart.series.len().max(1) as i32;
    let columns = chart.x.len().max(1) as i32;
    // Segmented axes put each label in the middle of its cell.
    let mut plot = ChartBuilder::on(root)
        .caption(&chart.title, (FONT, 28))
        .margin(20)
        .x_label_area_size(60)
        .y_label_area_size(110)
        .build_cartesian_2d((0..columns - 1).into_segmented(), (0..rows - 1).into_segmented())
        .map_err(fail)?;
    let hours = chart.x.clone();
    let days: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
    let name = |names: &[String], value: &SegmentValue<i32>, flip: bool| match value {
        SegmentValue::CenterOf(v) | SegmentValue::Exact(v) => {
            let index = if flip { names.len() as i32 - 1 - v } else { *v };
            usize::try_from(index).ok().and_then(|i| names.get(i)).cloned().unwrap_or_default()
        }
        SegmentValue::Last => String::new(),
    };
    plot.configure_mesh()
        .disable_mesh()
        .x_desc(&chart.x_label)
        .x_labels(columns as usize)
        .y_labels(rows as usize)
        .x_label_formatter(&|v| name(&hours, v, false))
        .y_label_formatter(&|v| name(&days, v, true))
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 17))
        .draw()
        .map_err(fail)?;
    let max = chart.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max).max(1.0);
    let cells = chart.series.iter().enumerate().flat_map(|(d, series)| {
        series.values.iter().enumerate().map(move |(h, v)| {
            let t = v / max;
            let shade = |low: f64, high: f64| (low + (high - low) * t).round() as u8;
            let color = RGBColor(shade(240.0, 38.0), shade(244.0, 70.0), shade(250.0, 150.0));
            let (x, y) = (h as i32, rows - 1 - d as i32);
            Rectangle::new(
                [
                    (SegmentValue::Exact(x), SegmentValue::Exact(y)),
                    (SegmentValue::Exact(x + 1), SegmentValue::Exact(y + 1)),
                ],
                color.filled(),
            )
        })
    });
    plot.draw_series(cells).map_err(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Series;

    fn sample() -> ChartData {
        ChartData {
            id: "stars",
            title: "Stars over time".into(),
            x_axis: XAxis::Time,
            x_label: "day (UTC)".into(),
            y_label: "stars".into(),
            x: vec!["2024-03-04".into(), "2024-03-05".into()],
            series: vec![Series { name: "acme/rocket: new stars, \"all\"".into(), values: vec![3.0, 4.5] }],
            incomplete: vec!["2024-03-05".into()],
            marks: Vec::new(),
            notes: vec![],
        }
    }

    #[test]
    fn csv_has_a_header_iso_dates_and_quoted_names() {
        assert_eq!(
            to_csv(&sample()),
            "period,\"acme/rocket: new stars, \"\"all\"\"\",incomplete\n2024-03-04,3,false\n2024-03-05,4.500,true\n"
        );
    }

    #[test]
    fn png_and_svg_render_with_title_axes_and_legend() {
        let dir = tempfile::tempdir().unwrap();
        let svg = dir.path().join("c.svg");
        export(&sample(), ExportFormat::Svg, &svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        for needle in ["Stars over time", "2024-03-04", "day (UTC)", "acme/rocket: new stars"] {
            assert!(text.contains(needle), "SVG lacks {needle}");
        }
        let png = dir.path().join("c.png");
        export(&sample(), ExportFormat::Png, &png).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(bytes.len() > 10_000, "a real picture, not an empty canvas");
    }
}
