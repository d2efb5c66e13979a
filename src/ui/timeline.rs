//! The per-person timeline (人员时间线) under a finding's evidence, over two years of months up to
//! the as-of day. It has one row per registered specialty, per unit paying social security or
//! the housing fund, and per managed project, and marks for exported copies and applications.
//! Each row also carries its summary as text, so a screen reader and the tests read what the
//! bars show.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use egui::{Rect, Sense, Stroke, vec2};

use super::theme::{self, Tone};
use crate::domain::compliance::PersonFacts;
use crate::domain::records::{PaymentMonth, YearMonth};
use crate::i18n::{Key, Lang, Message, application_kind_key, application_state_key, format_date, tr};

/// 24 months: two years back from the as-of month, long enough to see a move between units.
pub const TIMELINE_MONTHS: usize = 24;

/// 18 points: the width of one month's cell.
const CELL_WIDTH: f32 = 18.0;

/// 16 points: the height of one row's bar.
const BAR_HEIGHT: f32 = 16.0;

/// 300 points: the width of the row labels.
const LABEL_WIDTH: f32 = 300.0;

/// Social-security months: blue, a lighter shade on the dark theme.
const SOCIAL_SECURITY: Tone = Tone::new([0x4a, 0x8f, 0xd6], [0x2b, 0x6c, 0xb0]);

/// Housing-fund months: violet, a lighter shade on the dark theme.
const HOUSING_FUND: Tone = Tone::new([0x9a, 0x7c, 0xd8], [0x6b, 0x4c, 0xa8]);

/// Project periods: brown, a lighter shade on the dark theme.
const PROJECT: Tone = Tone::new([0xb8, 0x93, 0x55], [0x8a, 0x6d, 0x3b]);

/// One row: its text and the months it covers, or the one month it marks.
struct Row {
    text: String,
    colour: Tone,
    months: Vec<YearMonth>,
    marker: bool,
}

/// Returns the months of the window, oldest first, ending with the as-of month.
pub fn window(as_of: NaiveDate) -> Vec<YearMonth> {
    let last = YearMonth::of(as_of);
    let mut first = last;
    for _ in 1..TIMELINE_MONTHS {
        first = first.previous();
    }
    first.through(last).collect()
}

fn months_between(from: NaiveDate, to: NaiveDate, window: &[YearMonth]) -> Vec<YearMonth> {
    let (from, to) = (YearMonth::of(from), YearMonth::of(to));
    window.iter().copied().filter(|m| *m >= from && *m <= to).collect()
}

fn unit_name<'a>(names: &'a BTreeMap<String, String>, code: &'a str) -> &'a str {
    names.get(code).map_or(code, String::as_str)
}

fn payment_rows(
    lang: Lang,
    key: Key,
    colour: Tone,
    months: &[PaymentMonth],
    window: &[YearMonth],
    names: &BTreeMap<String, String>,
) -> Vec<Row> {
    let mut by_unit: BTreeMap<&str, Vec<YearMonth>> = BTreeMap::new();
    for month in months.iter().filter(|m| window.contains(&m.month)) {
        by_unit.entry(month.unit_credit_code.as_str()).or_default().push(month.month);
    }
    by_unit
        .into_iter()
        .map(|(code, mut covered)| {
            covered.sort();
            covered.dedup();
            let text = Message::new(key)
                .arg("unit", unit_name(names, code))
                .arg("count", covered.len())
                .arg("first", covered.first().map(ToString::to_string).unwrap_or_default())
                .arg("last", covered.last().map(ToString::to_string).unwrap_or_default())
                .render(lang);
            Row { text, colour, months: covered, marker: false }
        })
        .collect()
}

/// Builds the rows of one person's timeline.
fn rows(lang: Lang, facts: &PersonFacts, as_of: NaiveDate, window: &[YearMonth]) -> Vec<Row> {
    let names = &facts.unit_names;
    let mut rows = Vec::new();
    for certificate in &facts.certificates {
        for specialty in &certificate.specialties {
            let text = Message::new(Key::TimelineRegistration)
                .arg("specialty", &specialty.name)
                .arg("unit", unit_name(names, &certificate.unit_credit_code))
                .date_arg("from", specialty.valid_from)
                .date_arg("to", specialty.valid_to)
                .render(lang);
            let months = months_between(specialty.valid_from, specialty.valid_to, window);
            rows.push(Row { text, colour: theme::VALID, months, marker: false });
        }
    }
    rows.extend(payment_rows(
        lang,
        Key::TimelineSocialSecurity,
        SOCIAL_SECURITY,
        &facts.social_security,
        window,
        names,
    ));
    rows.extend(payment_rows(lang, Key::TimelineHousingFund, HOUSING_FUND, &facts.housing_fund, window, names));
    for project in &facts.projects {
        let end = project.completed_on.unwrap_or(as_of);
        let text = Message::new(Key::TimelineProject)
            .arg("project", &project.name)
            .arg("unit", unit_name(names, &project.contractor_credit_code))
            .date_arg("from", project.started_on)
            .arg(
                "to",
                project
                    .completed_on
                    .map_or_else(|| tr(lang, Key::TimelineOngoing).to_owned(), |d| format_date(lang, d)),
            )
            .render(lang);
        rows.push(Row {
            text,
            colour: PROJECT,
            months: months_between(project.started_on, end, window),
            marker: false,
        });
    }
    for copy in &facts.exported_copies {
        let text = Message::new(Key::TimelineExport)
            .arg("label", &copy.label)
            .date_arg("until", copy.usable_until)
            .render(lang);
        rows.push(Row { text, colour: theme::EXPIRING, months: vec![YearMonth::of(copy.usable_until)], marker: true });
    }
    for application in &facts.applications {
        let text = Message::new(Key::TimelineApplication)
            .key_arg("kind", application_kind_key(application.kind))
            .key_arg("state", application_state_key(application.state))
            .date_arg("on", application.created_on)
            .render(lang);
        rows.push(Row {
            text,
            colour: theme::SUPERSEDED,
            months: vec![YearMonth::of(application.created_on)],
            marker: true,
        });
    }
    rows
}

/// Draws the timeline of one person as of a day.
pub fn timeline_ui(ui: &mut egui::Ui, lang: Lang, facts: &PersonFacts, as_of: NaiveDate) {
    let window = window(as_of);
    let rows = rows(lang, facts, as_of, &window);
    #[expect(clippy::cast_precision_loss, reason = "24 months")]
    let grid_width = CELL_WIDTH * window.len() as f32;
    ui.horizontal(|ui| {
        ui.add_space(LABEL_WIDTH);
        let (rect, _) = ui.allocate_exact_size(vec2(grid_width, BAR_HEIGHT), Sense::hover());
        let painter = ui.painter_at(rect);
        for (index, month) in window.iter().enumerate() {
            if month.month() == 1 || index == 0 {
                #[expect(clippy::cast_precision_loss, reason = "24 months")]
                let x = rect.left() + CELL_WIDTH * index as f32;
                painter.text(
                    egui::pos2(x, rect.center().y),
                    egui::Align2::LEFT_CENTER,
                    month.year().to_string(),
                    egui::FontId::proportional(11.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
    });
    if rows.is_empty() {
        ui.label(tr(lang, Key::TimelineEmpty));
    }
    for row in rows {
        ui.horizontal(|ui| {
            ui.add_sized(vec2(LABEL_WIDTH, BAR_HEIGHT), egui::Label::new(&row.text).truncate());
            let (rect, response) = ui.allocate_exact_size(vec2(grid_width, BAR_HEIGHT), Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_stroke(
                rect,
                2.0,
                Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
                egui::StrokeKind::Inside,
            );
            for (index, month) in window.iter().enumerate() {
                if !row.months.contains(month) {
                    continue;
                }
                #[expect(clippy::cast_precision_loss, reason = "24 months")]
                let left = rect.left() + CELL_WIDTH * index as f32;
                let cell = Rect::from_min_size(
                    egui::pos2(left + 1.0, rect.top() + 2.0),
                    vec2(CELL_WIDTH - 2.0, BAR_HEIGHT - 4.0),
                );
                if row.marker {
                    painter.circle_filled(cell.center(), BAR_HEIGHT / 3.0, row.colour.on(ui));
                } else {
                    painter.rect_filled(cell, 1.0, row.colour.on(ui));
                }
            }
            response.on_hover_text(&row.text);
        });
    }
}
