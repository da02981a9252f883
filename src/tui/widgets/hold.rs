//! The stay-present hold: the prompt and a count-up until the urge to leave is marked, then
//! "stay N more seconds" counting down, then what was recorded. It draws the runner's
//! [`HoldView`] as it is; the keys that mark and go on are the app's to show.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::draw::{put_centred, seconds_up, visible};
use super::editor_view::wrap;
use super::theme::Theme;
use super::timer::BigTimer;
use crate::runner::HoldView;
use crate::text::seconds_words;

fn seconds(d: Duration) -> String {
    seconds_words(d.as_secs_f64())
}

/// A hold step at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldMeter<'a> {
    /// The step's prompt (may be empty when the screen shows it elsewhere).
    pub prompt: &'a str,
    pub view: HoldView,
}

impl HoldMeter<'_> {
    /// The big number (if any) and the lines of words under it.
    fn parts(&self, theme: Theme) -> (Option<Duration>, Vec<(String, Style)>) {
        match self.view {
            HoldView::Counting { elapsed } => (
                // Counting up shows whole seconds reached, not rounded up.
                Some(Duration::from_secs(elapsed.as_secs())),
                vec![
                    (
                        "Mark the urge to leave when it comes.".to_owned(),
                        theme.muted(),
                    ),
                    (
                        // The footer may not have room for Enter in a narrow window.
                        "None? Enter when the moment ends.".to_owned(),
                        theme.muted(),
                    ),
                ],
            ),
            HoldView::Staying { urge, left, .. } => {
                let n = seconds_up(left);
                let unit = if n == 1 { "second" } else { "seconds" };
                (
                    Some(left),
                    vec![
                        (format!("Stay {n} more {unit}."), theme.strong()),
                        (format!("Urge marked at {}.", seconds(urge)), theme.muted()),
                    ],
                )
            }
            HoldView::Done(record) => {
                let heading = if record.recalled {
                    "Recorded from memory"
                } else {
                    "Recorded"
                };
                let mut lines = vec![(heading.to_owned(), theme.strong())];
                if let Some(urge) = record.urge {
                    lines.push((
                        format!("Urge to leave after {}", seconds(urge)),
                        theme.text(),
                    ));
                    lines.push((
                        format!(
                            "You {} · {} in all",
                            crate::text::stayed_words(record.extra.as_secs_f64()),
                            seconds(record.total())
                        ),
                        theme.text(),
                    ));
                } else {
                    lines.push(("No urge to leave came".to_owned(), theme.text()));
                    lines.push((format!("{} in all", seconds(record.total())), theme.text()));
                }
                (None, lines)
            }
        }
    }

    /// Draws, making the digits smaller, then dropping prompt rows, then the digits when
    /// rows run short: the words under them say where the hold stands.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let area = visible(area, buf);
        if area.is_empty() {
            return;
        }
        let (number, lines) = self.parts(theme);
        let h = usize::from(area.height);
        let words = lines.len().min(h);
        let room = h - words;
        let prompt_rows = if self.prompt.is_empty() {
            Vec::new()
        } else {
            wrap(self.prompt, usize::from(area.width))
        };
        let wants_prompt = usize::from(!prompt_rows.is_empty());
        // The largest digits that leave the whole prompt in view; failing that, the largest
        // that leave a row of it.
        let big = match number {
            Some(_) => [5, 3, 1]
                .into_iter()
                .find(|&b| b + prompt_rows.len() <= room)
                .or_else(|| {
                    [5, 3, 1]
                        .into_iter()
                        .find(|&b| b + wants_prompt <= room || (b == 1 && b <= room))
                })
                .unwrap_or(0),
            None => 0,
        };
        // A blank row between the prompt and the rest when there is room to spare.
        let spare = room - big;
        let prompt_h = prompt_rows.len().min(spare);
        let gap = usize::from(prompt_h > 0 && spare > prompt_h);
        let total = prompt_h + gap + big + words;
        let mut y = area.y + u16::try_from((h - total) / 2).unwrap_or(0);
        for row in prompt_rows.iter().take(prompt_h) {
            put_centred(buf, area, y, self.prompt[row.clone()].trim(), theme.text());
            y += 1;
        }
        y += u16::from(gap > 0);
        if let (Some(left), true) = (number, big > 0) {
            let height = u16::try_from(big).unwrap_or(1);
            BigTimer { left }.render(Rect { y, height, ..area }, buf, theme);
            y += height;
        }
        for (text, style) in lines.iter().take(words) {
            put_centred(buf, area, y, text, *style);
            y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::HoldRecord;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn meter(view: HoldView) -> HoldMeter<'static> {
        HoldMeter {
            prompt: "Stay in the hug a little longer than your body wants.",
            view,
        }
    }

    fn shown(view: HoldView, w: u16, h: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        meter(view).render(buf.area, &mut buf, Theme::PLAIN);
        assert_no_colour(&buf);
        screen(&buf)
    }

    #[test]
    fn counting_shows_the_prompt_and_the_time_so_far() {
        let text = shown(
            HoldView::Counting {
                elapsed: Duration::from_millis(12_900),
            },
            60,
            10,
        );
        assert!(text.contains("Stay in the hug a little longer"), "{text}");
        assert!(text.contains("Mark the urge to leave"), "{text}");
        // 00:12 in block digits: the second row.
        assert!(text.contains("█ █ █ █ █ ██    █"), "{text}");
        let small = shown(
            HoldView::Counting {
                elapsed: Duration::from_millis(12_900),
            },
            60,
            3,
        );
        assert!(small.contains("00:12"), "{small}");
    }

    #[test]
    fn staying_counts_down_the_extra_seconds() {
        let view = HoldView::Staying {
            urge: Duration::from_millis(12_340),
            left: Duration::from_millis(3_200),
            extra: Duration::from_secs(5),
        };
        let text = shown(view.clone(), 60, 10);
        assert!(text.contains("Stay 4 more seconds."), "{text}");
        assert!(text.contains("Urge marked at 12.3 s."), "{text}");
        let one = HoldView::Staying {
            urge: Duration::from_secs(12),
            left: Duration::from_millis(400),
            extra: Duration::from_secs(5),
        };
        assert!(shown(one, 60, 4).contains("Stay 1 more second."));
        // Two rows: the words win over the digits and the prompt.
        let tight = shown(view, 30, 2);
        assert!(tight.contains("Stay 4 more seconds."), "{tight}");
    }

    #[test]
    fn done_shows_what_was_recorded() {
        let text = shown(
            HoldView::Done(HoldRecord {
                urge: Some(Duration::from_millis(12_300)),
                extra: Duration::from_secs(5),
                recalled: false,
            }),
            60,
            8,
        );
        assert!(text.contains("Recorded"), "{text}");
        assert!(text.contains("Urge to leave after 12.3 s"), "{text}");
        assert!(
            text.contains("You stayed 5 s more · 17.3 s in all"),
            "{text}"
        );
        let none = shown(
            HoldView::Done(HoldRecord {
                urge: None,
                extra: Duration::from_secs(75),
                recalled: true,
            }),
            60,
            8,
        );
        assert!(none.contains("Recorded from memory"), "{none}");
        assert!(none.contains("No urge to leave came"), "{none}");
        assert!(none.contains("1 min 15 s in all"), "{none}");
        let left = shown(
            HoldView::Done(HoldRecord {
                urge: Some(Duration::from_secs(10)),
                extra: Duration::ZERO,
                recalled: true,
            }),
            60,
            8,
        );
        assert!(
            left.contains("You did not stay longer · 10 s in all"),
            "{left}"
        );
    }

    #[test]
    fn any_area_is_safe() {
        let views = [
            HoldView::Counting {
                elapsed: Duration::from_secs(3),
            },
            HoldView::Staying {
                urge: Duration::from_secs(3),
                left: Duration::from_secs(2),
                extra: Duration::from_secs(5),
            },
            HoldView::Done(HoldRecord {
                urge: Some(Duration::from_secs(3)),
                extra: Duration::from_secs(5),
                recalled: false,
            }),
        ];
        for view in views {
            let m = meter(view);
            sweep(|area, buf| m.render(area, buf, Theme::COLOR));
        }
    }
}
