//! A scale from `min` to `max`: the values side by side with their labels beneath when they
//! fit, otherwise one value per line. The chosen value is marked with brackets or a pointer
//! and drawn bold and reversed, so it shows without colour. Before anything is chosen the
//! middle value, where the arrows start, wears dim angle marks.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::{first_shown, fit, put, visible, width};
use super::theme::Theme;

/// A scale question's values and the one chosen (if any yet).
#[derive(Debug, Clone, PartialEq)]
pub struct ScalePicker<'a> {
    pub min: i64,
    pub max: i64,
    /// Words for some values; values without a label show the number alone.
    pub labels: &'a BTreeMap<i64, String>,
    pub selected: Option<i64>,
}

impl ScalePicker<'_> {
    /// The middle of a scale, where the arrows start (rounded down; never overflows).
    pub fn middle(min: i64, max: i64) -> i64 {
        min / 2 + max / 2 + i64::midpoint(min % 2, max % 2)
    }

    /// Where the arrows start, shown while nothing is chosen.
    fn start(&self) -> Option<i64> {
        match self.selected {
            Some(_) => None,
            None => Some(Self::middle(self.min, self.max)),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let area = visible(area, buf);
        if area.is_empty() || self.min > self.max {
            return;
        }
        if !self.render_across(area, buf, theme) {
            self.render_down(area, buf, theme);
        }
    }

    /// Side by side, each value in an equal slot with its label under it; false (and
    /// nothing drawn) when a value or label would not fit its slot.
    fn render_across(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> bool {
        let Ok(count) = u16::try_from(self.max.abs_diff(self.min).saturating_add(1)) else {
            return false;
        };
        let has_labels = (self.min..=self.max).any(|v| self.labels.contains_key(&v));
        if count > area.width || (has_labels && area.height < 2) {
            return false;
        }
        let slot = area.width / count;
        let fits = (self.min..=self.max).all(|v| {
            let label = self.labels.get(&v).map_or(0, |l| width(l));
            width(&format!("[{v}]")) <= usize::from(slot) && label < usize::from(slot)
        });
        if !fits {
            return false;
        }
        for (i, v) in (self.min..=self.max).enumerate() {
            let chosen = self.selected == Some(v);
            let x = area.x + u16::try_from(i).unwrap_or(0) * slot;
            let cell = Rect::new(x, area.y, slot, 1);
            let (value, style) = if chosen {
                (format!("[{v}]"), theme.selected())
            } else if self.start() == Some(v) {
                (format!("‹{v}›"), theme.muted())
            } else {
                (format!(" {v} "), theme.text())
            };
            centred(buf, cell, &value, style);
            if let Some(label) = self.labels.get(&v) {
                let style = if chosen {
                    theme.strong()
                } else {
                    theme.muted()
                };
                centred(
                    buf,
                    Rect {
                        y: area.y + 1,
                        ..cell
                    },
                    label,
                    style,
                );
            }
        }
        true
    }

    /// One value per line, "▸ 3  somewhat", scrolled so the chosen value is in sight.
    fn render_down(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let count = self.max.abs_diff(self.min).saturating_add(1);
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        let chosen = self
            .selected
            .or(self.start())
            .map_or(0, |s| s.abs_diff(self.min));
        let chosen = usize::try_from(chosen).unwrap_or(usize::MAX);
        let first = first_shown(chosen, count, usize::from(area.height));
        let number_w = width(&self.min.to_string()).max(width(&self.max.to_string()));
        for (y, offset) in (area.top()..area.bottom()).zip(first..count) {
            let Some(v) = u64::try_from(offset)
                .ok()
                .and_then(|o| self.min.checked_add_unsigned(o))
            else {
                break;
            };
            let is_chosen = self.selected == Some(v);
            let pointer = match (is_chosen, self.start() == Some(v)) {
                (true, _) => "▸ ",
                (false, true) => "› ",
                _ => "  ",
            };
            let number = format!("{pointer}{v:>number_w$}");
            let style = if is_chosen {
                theme.selected()
            } else {
                theme.text()
            };
            let x = put(buf, area, area.x, y, &number, style);
            if let Some(label) = self.labels.get(&v) {
                let room = usize::from(area.right().saturating_sub(x + 2));
                let style = if is_chosen {
                    theme.strong()
                } else {
                    theme.muted()
                };
                put(buf, area, x + 2, y, &fit(label, room), style);
            }
        }
    }
}

/// `s` centred in the one-row `cell`.
fn centred(buf: &mut Buffer, cell: Rect, s: &str, style: ratatui::style::Style) {
    let w = u16::try_from(width(s)).unwrap_or(cell.width);
    put(
        buf,
        cell,
        cell.x + cell.width.saturating_sub(w) / 2,
        cell.y,
        s,
        style,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn labels() -> BTreeMap<i64, String> {
        [(1, "calm"), (3, "some"), (5, "a lot")]
            .into_iter()
            .map(|(k, v)| (k, v.to_owned()))
            .collect()
    }

    fn shown(labels: &BTreeMap<i64, String>, w: u16, h: u16) -> String {
        let picker = ScalePicker {
            min: 1,
            max: 5,
            labels,
            selected: Some(3),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        picker.render(buf.area, &mut buf, Theme::PLAIN);
        assert_no_colour(&buf);
        screen(&buf)
    }

    #[test]
    fn wide_areas_show_values_across_with_labels_beneath() {
        assert_eq!(
            shown(&labels(), 40, 3),
            concat!(
                "   1       2      [3]      4       5    \n",
                "  calm            some           a lot  \n",
                "                                        \n",
            )
        );
    }

    #[test]
    fn narrow_areas_stack_the_values() {
        assert_eq!(
            shown(&labels(), 12, 5),
            "  1  calm   \n  2         \n▸ 3  some   \n  4         \n  5  a lot  \n"
        );
        // Three rows keep the chosen value in the middle.
        assert_eq!(
            shown(&labels(), 12, 3),
            "  2         \n▸ 3  some   \n  4         \n"
        );
        // Too short for labels beneath: one value per line, even when wide.
        assert!(shown(&labels(), 60, 1).starts_with("▸ 3  some"));
    }

    #[test]
    fn before_a_choice_the_middle_shows_where_the_arrows_start() {
        let labels = labels();
        let picker = ScalePicker {
            min: 1,
            max: 5,
            labels: &labels,
            selected: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 2));
        picker.render(buf.area, &mut buf, Theme::PLAIN);
        assert!(screen(&buf).contains("‹3›"), "{}", screen(&buf));
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        picker.render(buf.area, &mut buf, Theme::PLAIN);
        assert!(screen(&buf).contains("› 3  some"), "{}", screen(&buf));
    }

    #[test]
    fn the_chosen_value_is_bold_and_reversed() {
        let labels = BTreeMap::new();
        let picker = ScalePicker {
            min: 0,
            max: 10,
            labels: &labels,
            selected: Some(10),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 44, 1));
        picker.render(buf.area, &mut buf, Theme::PLAIN);
        let text = screen(&buf);
        let at = text.find("[10]").expect("chosen value in brackets");
        let cell = &buf[(u16::try_from(at).unwrap_or(0), 0)];
        assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    }

    #[test]
    fn any_area_is_safe() {
        let labels = labels();
        for (min, max, selected) in [
            (1, 5, Some(3)),
            (1, 5, None),
            (-5, 5, Some(5)),
            (5, 1, Some(3)),
            (i64::MIN, i64::MAX, Some(0)),
        ] {
            let picker = ScalePicker {
                min,
                max,
                labels: &labels,
                selected,
            };
            sweep(|area, buf| picker.render(area, buf, Theme::COLOR));
        }
    }
}
