//! The breath pacer: a disc drawn in braille dots that grows while breathing in, stays full
//! while holding, shrinks while breathing out and stays small while resting, with the phase
//! word, the seconds left in the phase and "breath k of n" beneath it.
//!
//! The picture is a pure function of (phase, progress), and braille gives each cell 2×4 dots,
//! so a redraw at about 30 frames a second shows the disc moving smoothly.
//!
//! With `reduced_motion` nothing grows or shrinks: in place of the disc is a still bar whose
//! shape names the phase (a rising ramp for in, full for hold, a falling ramp for out, flat for
//! rest). It changes only when the phase does, together with the words.

use std::f64::consts::PI;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::{put_centred, seconds_up, visible};
use super::theme::Theme;
use crate::practice::model::PhaseKind;
use crate::runner::BreathView;

/// The smallest disc, as a share of the largest: small but never gone, so the pacer is
/// always there to look at.
const SMALLEST: f64 = 0.2;
/// The still bar is at most this wide, so it reads as a mark rather than a progress bar.
const STILL_BAR_MAX: u16 = 24;

/// What the pacer shows at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Pacer {
    pub phase: PhaseKind,
    /// How far through the phase, 0.0 to 1.0 (values outside are clamped).
    pub progress: f64,
    pub phase_left: Duration,
    /// 1-based breath (cycle) number, and how many there are.
    pub cycle: u32,
    pub cycles: u32,
    pub reduced_motion: bool,
}

impl Pacer {
    /// The pacer for the runner's view of a breathe step.
    pub fn from_view(view: &BreathView, reduced_motion: bool) -> Pacer {
        Pacer {
            phase: view.phase,
            progress: view.progress,
            phase_left: view.phase_left,
            cycle: view.cycle,
            cycles: view.cycles,
            reduced_motion,
        }
    }

    /// How full the breath is, 0.0 (empty) to 1.0 (full). Eased like a breath: slow at the
    /// turns, quicker in the middle; monotonic within each phase.
    pub fn fullness(&self) -> f64 {
        let p = if self.progress.is_nan() {
            0.0
        } else {
            self.progress.clamp(0.0, 1.0)
        };
        let eased = 0.5 - 0.5 * (PI * p).cos();
        match self.phase {
            PhaseKind::In => eased,
            PhaseKind::Hold => 1.0,
            PhaseKind::Out => 1.0 - eased,
            PhaseKind::Rest => 0.0,
        }
    }

    /// "4 s · breath 3 of 9".
    fn status(&self) -> String {
        let secs = seconds_up(self.phase_left);
        format!("{secs} s · breath {} of {}", self.cycle, self.cycles)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let area = visible(area, buf);
        if area.is_empty() {
            return;
        }
        let word = self.phase.instruction();
        if area.height == 1 {
            let line = format!("{word} · {}", self.status());
            put_centred(buf, area, area.y, &line, theme.strong());
            return;
        }
        let bottom = area.bottom();
        put_centred(buf, area, bottom - 2, word, theme.strong());
        put_centred(buf, area, bottom - 1, &self.status(), theme.muted());
        // From five rows up, a blank row keeps the full disc off the words.
        let gap = u16::from(area.height >= 5);
        let shape = Rect {
            height: area.height - 2 - gap,
            ..area
        };
        if self.reduced_motion {
            self.draw_still_bar(shape, buf, theme);
        } else {
            self.draw_disc(shape, buf, theme);
        }
    }

    /// A filled disc of braille dots centred in `area`, its radius following `fullness`.
    fn draw_disc(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        // Braille dots are half a cell wide and a quarter high; cells are about twice as tall
        // as wide, so the dots are square and the disc comes out round.
        let (dots_w, dots_h) = (f64::from(area.width) * 2.0, f64::from(area.height) * 4.0);
        let max_r = dots_w.min(dots_h) / 2.0;
        let r = max_r * (SMALLEST + (1.0 - SMALLEST) * self.fullness());
        let (cx, cy) = (dots_w / 2.0, dots_h / 2.0);
        for row in 0..area.height {
            for col in 0..area.width {
                let mut bits = 0u8;
                for (dx, dy, bit) in BRAILLE_DOTS {
                    let x = f64::from(col) * 2.0 + f64::from(dx) + 0.5 - cx;
                    let y = f64::from(row) * 4.0 + f64::from(dy) + 0.5 - cy;
                    if x * x + y * y <= r * r {
                        bits |= bit;
                    }
                }
                if bits == 0 {
                    continue;
                }
                let glyph = char::from_u32(0x2800 + u32::from(bits)).unwrap_or('⣿');
                if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                    cell.set_char(glyph).set_style(theme.shape());
                }
            }
        }
    }

    /// The reduced-motion mark: one still row whose shape names the phase.
    fn draw_still_bar(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        if area.is_empty() {
            return;
        }
        let width = area.width.min(STILL_BAR_MAX);
        let level = |i: u16| -> usize {
            let rising = (usize::from(i + 1) * 8).div_ceil(usize::from(width));
            match self.phase {
                PhaseKind::In => rising,
                PhaseKind::Out => (usize::from(width - i) * 8).div_ceil(usize::from(width)),
                PhaseKind::Hold => 8,
                PhaseKind::Rest => 1,
            }
        };
        let bar: String = (0..width)
            .map(|i| EIGHTHS[level(i).clamp(1, 8) - 1])
            .collect();
        put_centred(buf, area, area.y + area.height / 2, &bar, theme.shape());
    }
}

/// Lower blocks from one eighth to full.
const EIGHTHS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Each braille dot's column, row and bit in U+2800.
const BRAILLE_DOTS: [(u8, u8, u8); 8] = [
    (0, 0, 0x01),
    (0, 1, 0x02),
    (0, 2, 0x04),
    (1, 0, 0x08),
    (1, 1, 0x10),
    (1, 2, 0x20),
    (0, 3, 0x40),
    (1, 3, 0x80),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn pacer(phase: PhaseKind, progress: f64) -> Pacer {
        Pacer {
            phase,
            progress,
            phase_left: Duration::from_millis(2500),
            cycle: 3,
            cycles: 9,
            reduced_motion: false,
        }
    }

    fn rendered(p: &Pacer, theme: Theme) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 10));
        p.render(buf.area, &mut buf, theme);
        buf
    }

    /// How many braille dots are lit.
    fn dots(buf: &Buffer) -> u32 {
        buf.content()
            .iter()
            .filter_map(|c| c.symbol().chars().next())
            .filter(|c| ('\u{2800}'..='\u{28ff}').contains(c))
            .map(|c| (u32::from(c) - 0x2800).count_ones())
            .sum()
    }

    fn dots_at(phase: PhaseKind, progress: f64) -> u32 {
        dots(&rendered(&pacer(phase, progress), Theme::COLOR))
    }

    #[test]
    fn shows_the_phase_the_seconds_and_the_breath() {
        let text = screen(&rendered(&pacer(PhaseKind::In, 0.3), Theme::COLOR));
        assert!(text.contains("Breathe in"), "{text}");
        assert!(text.contains("3 s · breath 3 of 9"), "{text}");
        for (phase, word) in [
            (PhaseKind::Hold, "Hold"),
            (PhaseKind::Out, "Breathe out"),
            (PhaseKind::Rest, "Rest"),
        ] {
            assert!(screen(&rendered(&pacer(phase, 0.5), Theme::COLOR)).contains(word));
        }
    }

    #[test]
    fn the_disc_grows_in_holds_full_shrinks_out_and_rests_small() {
        let steps: Vec<f64> = (0..=40).map(|i| f64::from(i) / 40.0).collect();
        let breathing_in: Vec<u32> = steps.iter().map(|&p| dots_at(PhaseKind::In, p)).collect();
        assert!(
            breathing_in.windows(2).all(|w| w[0] <= w[1]),
            "{breathing_in:?}"
        );
        let breathing_out: Vec<u32> = steps.iter().map(|&p| dots_at(PhaseKind::Out, p)).collect();
        assert!(
            breathing_out.windows(2).all(|w| w[0] >= w[1]),
            "{breathing_out:?}"
        );
        let (small, full) = (breathing_in[0], breathing_in[40]);
        assert!(small > 0 && small * 10 < full, "{small} {full}");
        assert_eq!(breathing_out[0], full);
        assert_eq!(breathing_out[40], small);
        for p in [0.0, 0.5, 1.0] {
            assert_eq!(dots_at(PhaseKind::Hold, p), full);
            assert_eq!(dots_at(PhaseKind::Rest, p), small);
        }
    }

    #[test]
    fn thirty_frames_a_second_show_motion() {
        // A 4-second breath in at 30 fps in a 60×10 area: at least 40% of the frames differ
        // from the one before (the turns are eased, so the middle moves most). Whole cells
        // would manage a handful.
        let frames: Vec<u32> = (0..=120)
            .map(|i| dots_at(PhaseKind::In, f64::from(i) / 120.0))
            .collect();
        let moved = frames.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(moved >= 48, "only {moved} of 120 frames moved");
    }

    #[test]
    fn reduced_motion_is_still_within_a_phase() {
        let mut early = pacer(PhaseKind::In, 0.1);
        early.reduced_motion = true;
        let late = Pacer {
            progress: 0.9,
            ..early.clone()
        };
        let buf = rendered(&early, Theme::COLOR);
        assert_eq!(buf, rendered(&late, Theme::COLOR));
        assert_eq!(dots(&buf), 0);
        let text = screen(&buf);
        assert!(text.contains("▁▁▁▂▂▂▃▃▃▄▄▄▅▅▅▆▆▆▇▇▇███"), "{text}");
        assert!(text.contains("Breathe in") && text.contains("3 of 9"));
        let hold = Pacer {
            phase: PhaseKind::Hold,
            ..early
        };
        assert!(screen(&rendered(&hold, Theme::COLOR)).contains(&"█".repeat(24)));
    }

    #[test]
    fn one_row_still_says_everything_it_can() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        pacer(PhaseKind::Out, 0.5).render(buf.area, &mut buf, Theme::COLOR);
        assert_eq!(screen(&buf).trim(), "Breathe out · 3 s · breath 3 of 9");
    }

    #[test]
    fn no_colour_under_no_color() {
        assert_no_colour(&rendered(&pacer(PhaseKind::In, 0.7), Theme::PLAIN));
        let mut still = pacer(PhaseKind::Out, 0.7);
        still.reduced_motion = true;
        assert_no_colour(&rendered(&still, Theme::PLAIN));
    }

    #[test]
    fn any_area_is_safe() {
        for reduced_motion in [false, true] {
            let p = Pacer {
                reduced_motion,
                ..pacer(PhaseKind::In, 0.6)
            };
            sweep(|area, buf| p.render(area, buf, Theme::COLOR));
        }
        let odd = Pacer {
            progress: f64::NAN,
            cycle: 0,
            cycles: 0,
            ..pacer(PhaseKind::Out, 0.0)
        };
        sweep(|area, buf| odd.render(area, buf, Theme::COLOR));
    }
}
