//! Text as lines for screens that scroll (support, the safety plan, guides): wrapped to a
//! width at spaces, each row its own line, so a screen can count its rows before drawing;
//! and a line of several styles cut to one row at a word.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::journal::summary::cut_at_word;

use crate::tui::widgets::wrap;

/// `text` wrapped to `width`, one line per row.
pub fn wrap_lines(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    indented(text, width, style, "")
}

/// `text` wrapped with every row starting with `indent` (a list item, a summary).
pub fn indented(text: &str, width: usize, style: Style, indent: &str) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(indent.len()).max(1))
        .into_iter()
        .map(|row| Line::styled(format!("{indent}{}", text[row].trim_end()), style))
        .collect()
}

/// `spans` as one line of at most `width` columns: the span that would run past the edge
/// ends at a word with `…`, and the spans after it are left out.
pub fn cut_line(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut kept = Vec::new();
    for span in spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            kept.push(span);
            continue;
        }
        // The span's leading spaces (a separator's) stay; its words are cut.
        let words = span.content.trim_start();
        let lead = &span.content[..span.content.len() - words.len()];
        let room = (width - used).saturating_sub(lead.width());
        if room > 1 {
            kept.push(Span::styled(
                format!("{lead}{}", cut_at_word(words, room)),
                span.style,
            ));
        }
        break;
    }
    Line::from(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_long_ends_at_a_word_in_the_span_that_runs_over() {
        let spans = || {
            vec![
                Span::raw("All 3001 entries"),
                Span::raw(" · 5 unreadable lines left as they are"),
                Span::raw(" (more)"),
            ]
        };
        assert_eq!(
            cut_line(spans(), 40).to_string(),
            "All 3001 entries · 5 unreadable lines…"
        );
        assert_eq!(cut_line(spans(), 17).to_string(), "All 3001 entries");
        assert_eq!(cut_line(spans(), 12).to_string(), "All 3001…");
        assert_eq!(
            cut_line(spans(), 80).to_string(),
            "All 3001 entries · 5 unreadable lines left as they are (more)"
        );
    }
}
