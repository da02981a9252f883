//! Helpers for the widgets' render tests.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// The buffer's symbols, one line per row.
pub(super) fn screen(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Fails if any cell has a colour.
pub(super) fn assert_no_colour(buf: &Buffer) {
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

/// Renders through every small size (0..=12 × 0..=6), some large ones, and areas that hang
/// off the buffer or sit outside it; the test is that nothing panics and nothing is drawn
/// outside the area.
pub(super) fn sweep(mut render: impl FnMut(Rect, &mut Buffer)) {
    let mut sizes: Vec<(u16, u16)> = (0..=12)
        .flat_map(|w| (0..=6).map(move |h| (w, h)))
        .collect();
    sizes.extend([
        (20, 3),
        (40, 2),
        (60, 10),
        (80, 24),
        (200, 60),
        (1, 40),
        (120, 1),
    ]);
    for (w, h) in sizes {
        let mut buf = Buffer::empty(Rect::new(0, 0, w + 2, h + 2));
        let area = Rect::new(1, 1, w, h);
        render(area, &mut buf);
        for y in 0..h + 2 {
            for x in 0..w + 2 {
                if !area.contains((x, y).into()) {
                    assert_eq!(buf[(x, y)].symbol(), " ", "{w}x{h}: drew at ({x}, {y})");
                }
            }
        }
        let mut small = Buffer::empty(Rect::new(0, 0, w / 2, h / 2));
        render(Rect::new(w / 4, h / 4, w, h), &mut small);
        render(Rect::new(w + 5, h + 5, w, h), &mut small);
    }
}
