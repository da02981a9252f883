//! Small drawing helpers shared by the widgets. Every one of them clips to both the widget's
//! area and the buffer, because ratatui panics on a write outside its buffer and a widget must
//! draw into any area, 0×0 included.

use std::borrow::Cow;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The part of `area` that can actually be drawn on.
pub(super) fn visible(area: Rect, buf: &Buffer) -> Rect {
    area.intersection(buf.area)
}

/// Display width of `s` in terminal cells.
pub(super) fn width(s: &str) -> usize {
    s.width()
}

/// Writes `s` at (`x`, `y`) without leaving `area` (or the buffer); returns the column after
/// the last cell written. A grapheme that would not fit whole is left out.
pub(super) fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, s: &str, style: Style) -> u16 {
    let area = visible(area, buf);
    if !area.contains(Position { x, y }) {
        return x;
    }
    let room = usize::from(area.right() - x);
    buf.set_stringn(x, y, s, room, style).0
}

/// Writes `s` centred on row `y` of `area`, shortened with "…" when it is too wide.
pub(super) fn put_centred(buf: &mut Buffer, area: Rect, y: u16, s: &str, style: Style) {
    let s = fit(s, usize::from(area.width));
    let w = u16::try_from(width(&s)).unwrap_or(area.width);
    let x = area.x + area.width.saturating_sub(w) / 2;
    put(buf, area, x, y, &s, style);
}

/// `s` shortened to at most `max` cells, ending in "…" when something was cut.
pub(super) fn fit(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // "calm …" reads as two words; "calm…" as one cut short.
    out.truncate(out.trim_end().len());
    out.push('…');
    Cow::Owned(out)
}

/// Whole seconds left, rounded up, as a countdown shows them: it reads 1 until the very end
/// and never sits on 0 while time remains.
pub(super) fn seconds_up(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// `MM:SS`, or `H:MM:SS` from an hour up.
pub(super) fn clock_text(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The first of `total` lines to show in `rows` rows so that line `selected` is in sight,
/// as near the middle as the ends allow.
pub(super) fn first_shown(selected: usize, total: usize, rows: usize) -> usize {
    selected
        .saturating_sub(rows / 2)
        .min(total.saturating_sub(rows))
}

/// The part of a list that is on screen: lines `shown` of it, and how many lines are out of
/// sight above and below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Window {
    pub shown: std::ops::Range<usize>,
    pub above: usize,
    pub below: usize,
}

/// Which of `total` lines fit in `rows` rows with `selected` in sight. When some are out of
/// sight, the first or last row says so instead of holding a line (from 3 rows up, so the
/// selected line always keeps a row of its own).
pub(super) fn window(selected: usize, total: usize, rows: usize) -> Window {
    let first = first_shown(selected, total, rows);
    let end = (first + rows).min(total);
    if total <= rows || rows < 3 {
        return Window {
            shown: first..end,
            above: 0,
            below: 0,
        };
    }
    let start = first + usize::from(first > 0);
    let end = end - usize::from(end < total);
    Window {
        above: start,
        below: total - end,
        shown: start..end,
    }
}

/// Draws "↑ 3 more" (or "↓") on row `y`, when `hidden` lines are out of sight that way.
pub(super) fn put_more(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    up: bool,
    hidden: usize,
    style: Style,
) {
    if hidden > 0 {
        let arrow = if up { '↑' } else { '↓' };
        put(
            buf,
            area,
            area.x + 2,
            y,
            &format!("{arrow} {hidden} more"),
            style,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_shortens_by_display_width() {
        assert_eq!(fit("calm", 4), "calm");
        assert_eq!(fit("calmer", 4), "cal…");
        assert_eq!(fit("你好你好", 5), "你好…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("calm down", 6), "calm…");
    }

    #[test]
    fn countdowns_round_up() {
        assert_eq!(seconds_up(Duration::from_millis(3001)), 4);
        assert_eq!(seconds_up(Duration::from_secs(3)), 3);
        assert_eq!(seconds_up(Duration::ZERO), 0);
        assert_eq!(clock_text(65), "01:05");
        assert_eq!(clock_text(3725), "1:02:05");
    }

    #[test]
    fn the_selected_line_stays_in_sight() {
        assert_eq!(first_shown(0, 10, 3), 0);
        assert_eq!(first_shown(5, 10, 3), 4);
        assert_eq!(first_shown(9, 10, 3), 7);
        assert_eq!(first_shown(2, 2, 5), 0);
    }

    #[test]
    fn a_window_says_how_many_lines_are_out_of_sight() {
        let w = |selected, total, rows| {
            let w = window(selected, total, rows);
            (w.above, w.shown, w.below)
        };
        assert_eq!(w(0, 3, 5), (0, 0..3, 0));
        assert_eq!(w(0, 10, 4), (0, 0..3, 7));
        assert_eq!(w(5, 10, 4), (4, 4..6, 4));
        assert_eq!(w(9, 10, 4), (7, 7..10, 0));
        assert_eq!(w(9, 10, 2), (0, 8..10, 0));
        for total in 0..12 {
            for rows in 0..8 {
                for selected in 0..total {
                    let win = window(selected, total, rows);
                    let used =
                        win.shown.len() + usize::from(win.above > 0) + usize::from(win.below > 0);
                    assert!(used <= rows, "{selected} {total} {rows}");
                    if rows > 0 {
                        assert!(win.shown.contains(&selected), "{selected} {total} {rows}");
                    }
                }
            }
        }
    }

    #[test]
    fn writes_outside_the_buffer_are_dropped() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let area = Rect::new(0, 0, 10, 5);
        assert_eq!(put(&mut buf, area, 5, 0, "x", Style::new()), 5);
        assert_eq!(put(&mut buf, area, 0, 3, "x", Style::new()), 0);
        put(&mut buf, area, 1, 0, "abcdef", Style::new());
        assert_eq!(buf, Buffer::with_lines([" ab"]));
    }
}
