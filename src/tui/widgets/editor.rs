//! A line editor for typed answers: one line, or several when a step allows. It works on
//! grapheme clusters, so the cursor never lands inside "é", "👍🏽" or a ZWJ family, and it never
//! holds a control character (typed or pasted text goes through `crate::text::clean`). Drawing
//! lives in `editor_view`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

use super::draw::width;

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// The text changed (the cursor may have moved too).
    Changed,
    /// Only the cursor moved.
    Moved,
    /// An editing key that had nothing to do (Backspace at the start, input past `max_chars`).
    Unchanged,
    /// Not an editing key (Enter, Esc, Tab, Ctrl-C, Up on the first line…): the app decides.
    NotMine,
}

/// The text being typed and where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset into `text`, always on a grapheme boundary.
    cursor: usize,
    multiline: bool,
    max_chars: Option<usize>,
    /// The display column Up/Down aim for, kept while they repeat so a short line in between
    /// does not pull the cursor left for good.
    goal_col: Option<usize>,
}

/// What a grapheme counts as when Ctrl-W looks for the start of a word.
#[derive(PartialEq, Eq)]
enum Class {
    Space,
    Newline,
    Word,
    Punct,
}

fn class(g: &str) -> Class {
    match g.chars().next() {
        Some('\n') => Class::Newline,
        Some(c) if c.is_whitespace() => Class::Space,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '\'' => Class::Word,
        _ => Class::Punct,
    }
}

impl LineEditor {
    /// An empty editor. `max_chars` counts characters (newlines included) and is refused past.
    pub fn new(multiline: bool, max_chars: Option<usize>) -> LineEditor {
        LineEditor {
            text: String::new(),
            cursor: 0,
            multiline,
            max_chars,
            goal_col: None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    pub fn max_chars(&self) -> Option<usize> {
        self.max_chars
    }

    /// The cursor as a byte offset into [`LineEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// How many characters the text holds, as `max_chars` counts them.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    /// "312/400" once the text is past 80% of `max_chars`, so the limit shows before it bites.
    pub fn counter(&self) -> Option<String> {
        let max = self.max_chars?;
        let count = self.char_count();
        (count * 5 > max * 4).then(|| format!("{count}/{max}"))
    }

    /// Replaces the text (cleaned and cut to `max_chars`) and puts the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.text.clear();
        self.cursor = 0;
        self.insert_str(text);
    }

    /// Inserts `s` at the cursor, as a paste does: control characters are dropped, newlines
    /// become spaces unless multiline, and only as much as `max_chars` allows goes in.
    pub fn insert_str(&mut self, s: &str) -> EditOutcome {
        self.goal_col = None;
        let cleaned = crate::text::clean(s, self.multiline);
        let mut room = self
            .max_chars
            .map_or(usize::MAX, |max| max.saturating_sub(self.char_count()));
        let mut take = 0;
        for g in cleaned.graphemes(true) {
            let n = g.chars().count();
            if n > room {
                break;
            }
            room -= n;
            take += g.len();
        }
        if take == 0 {
            return EditOutcome::Unchanged;
        }
        self.text.insert_str(self.cursor, &cleaned[..take]);
        self.cursor += take;
        // A combining mark or joiner can merge with what follows into one cluster.
        self.cursor = self.snap(self.cursor);
        EditOutcome::Changed
    }

    /// Inserts a line break in a multiline editor; a single-line editor leaves Enter to the app.
    pub fn insert_newline(&mut self) -> EditOutcome {
        if self.multiline {
            self.insert_str("\n")
        } else {
            EditOutcome::NotMine
        }
    }

    /// Handles the editing keys: characters, Left/Right (Ctrl: by word), Home/End and
    /// Ctrl-A/Ctrl-E (of the line), Backspace/Delete, Ctrl-W and Alt-Backspace (delete the word
    /// before the cursor), Ctrl-U/Ctrl-K (delete to the start/end of the line),
    /// and Up/Down between lines when multiline (lines as typed, not as wrapped on screen).
    /// Everything else, Enter included, is [`EditOutcome::NotMine`].
    pub fn handle_key(&mut self, key: KeyEvent) -> EditOutcome {
        if key.kind == KeyEventKind::Release {
            return EditOutcome::NotMine;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let outcome = match key.code {
            KeyCode::Char('w') if ctrl && !alt => return self.delete_word_back(),
            // The shell's own line keys, which hands reach for without thinking.
            KeyCode::Char('u') if ctrl && !alt => {
                return self.delete(self.line_start(self.cursor), self.cursor);
            }
            KeyCode::Char('k') if ctrl && !alt => {
                return self.delete(self.cursor, self.line_end(self.cursor));
            }
            KeyCode::Char('a') if ctrl && !alt => self.move_to(self.line_start(self.cursor)),
            KeyCode::Char('e') if ctrl && !alt => self.move_to(self.line_end(self.cursor)),
            KeyCode::Char(c) if !ctrl && !alt => {
                return self.insert_str(c.encode_utf8(&mut [0; 4]));
            }
            KeyCode::Backspace if alt || ctrl => return self.delete_word_back(),
            KeyCode::Backspace => return self.delete(self.prev(self.cursor), self.cursor),
            KeyCode::Delete => return self.delete(self.cursor, self.next(self.cursor)),
            KeyCode::Up | KeyCode::Down if self.multiline => {
                return self.vertical(key.code == KeyCode::Up);
            }
            KeyCode::Left if ctrl => self.move_to(self.word_start(self.cursor)),
            KeyCode::Right if ctrl => self.move_to(self.word_end(self.cursor)),
            KeyCode::Left => self.move_to(self.prev(self.cursor)),
            KeyCode::Right => self.move_to(self.next(self.cursor)),
            KeyCode::Home => self.move_to(self.line_start(self.cursor)),
            KeyCode::End => self.move_to(self.line_end(self.cursor)),
            _ => EditOutcome::NotMine,
        };
        self.goal_col = None;
        outcome
    }

    fn move_to(&mut self, pos: usize) -> EditOutcome {
        if pos == self.cursor {
            EditOutcome::Unchanged
        } else {
            self.cursor = pos;
            EditOutcome::Moved
        }
    }

    fn delete(&mut self, from: usize, to: usize) -> EditOutcome {
        self.goal_col = None;
        if from >= to {
            return EditOutcome::Unchanged;
        }
        self.text.replace_range(from..to, "");
        self.cursor = self.snap(from);
        EditOutcome::Changed
    }

    /// Ctrl-W: a line break alone, or any spaces and then one run of word characters or of
    /// punctuation, so "see you, friend" loses "friend", then ", " and then "you".
    fn delete_word_back(&mut self) -> EditOutcome {
        self.delete(self.word_start(self.cursor), self.cursor)
    }

    fn word_start(&self, pos: usize) -> usize {
        let mut graphemes = self.text[..pos].grapheme_indices(true).rev().peekable();
        if let Some((i, _)) = graphemes.next_if(|(_, g)| class(g) == Class::Newline) {
            return i;
        }
        let mut start = pos;
        while let Some((i, _)) = graphemes.next_if(|(_, g)| class(g) == Class::Space) {
            start = i;
        }
        if let Some(&(_, g)) = graphemes.peek() {
            let run = class(g);
            if run != Class::Newline {
                while let Some((i, _)) = graphemes.next_if(|(_, g)| class(g) == run) {
                    start = i;
                }
            }
        }
        start
    }

    fn word_end(&self, pos: usize) -> usize {
        let mut graphemes = self.text[pos..].grapheme_indices(true).peekable();
        if let Some((_, g)) = graphemes.next_if(|(_, g)| class(g) == Class::Newline) {
            return pos + g.len();
        }
        let mut end = pos;
        while let Some((i, g)) = graphemes.next_if(|(_, g)| class(g) == Class::Space) {
            end = pos + i + g.len();
        }
        if let Some(&(_, g)) = graphemes.peek() {
            let run = class(g);
            if run != Class::Newline {
                while let Some((i, g)) = graphemes.next_if(|(_, g)| class(g) == run) {
                    end = pos + i + g.len();
                }
            }
        }
        end
    }

    /// Up or Down one line, keeping the display column. At the first (last) line there is
    /// nowhere to go, so the key is left to the app (it may move to another field).
    fn vertical(&mut self, up: bool) -> EditOutcome {
        let start = self.line_start(self.cursor);
        let goal = self
            .goal_col
            .unwrap_or_else(|| width(&self.text[start..self.cursor]));
        let target_start = if up {
            if start == 0 {
                return EditOutcome::NotMine;
            }
            self.line_start(start - 1)
        } else {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                return EditOutcome::NotMine;
            }
            end + 1
        };
        let target_end = self.line_end(target_start);
        let mut pos = target_start;
        let mut col = 0;
        for (i, g) in self.text[target_start..target_end].grapheme_indices(true) {
            col += width(g);
            if col > goal {
                break;
            }
            pos = target_start + i + g.len();
        }
        self.cursor = pos;
        self.goal_col = Some(goal);
        EditOutcome::Moved
    }

    fn prev(&self, pos: usize) -> usize {
        self.text[..pos]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self, pos: usize) -> usize {
        self.text[pos..]
            .graphemes(true)
            .next()
            .map_or(pos, |g| pos + g.len())
    }

    /// The first grapheme boundary at or after `pos`.
    fn snap(&self, pos: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .find(|&i| i >= pos)
            .unwrap_or(self.text.len())
    }

    fn line_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |i| pos + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(s: &str) -> LineEditor {
        let mut e = LineEditor::new(false, None);
        for c in s.chars() {
            assert_eq!(e.handle_key(key(KeyCode::Char(c))), EditOutcome::Changed);
        }
        e
    }

    /// The text with `|` where the cursor is.
    fn shown(e: &LineEditor) -> String {
        format!("{}|{}", &e.text()[..e.cursor()], &e.text()[e.cursor()..])
    }

    fn press(e: &mut LineEditor, code: KeyCode, times: usize) {
        for _ in 0..times {
            e.handle_key(key(code));
        }
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut e = typed("held");
        press(&mut e, KeyCode::Left, 2);
        e.handle_key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT));
        assert_eq!(shown(&e), "heL|ld");
        assert_eq!(e.handle_key(key(KeyCode::Home)), EditOutcome::Moved);
        assert_eq!(e.handle_key(key(KeyCode::Home)), EditOutcome::Unchanged);
        assert_eq!(shown(&e), "|heLld");
        e.handle_key(key(KeyCode::End));
        assert_eq!(shown(&e), "heLld|");
    }

    #[test]
    fn the_cursor_moves_over_whole_graphemes() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("e\u{301}👍🏽{family}你好");
        let mut e = LineEditor::new(false, None);
        e.set_text(&text);
        let mut stops = vec![e.cursor()];
        for _ in 0..6 {
            e.handle_key(key(KeyCode::Left));
            stops.push(e.cursor());
        }
        let (acute, thumb, fam) = ("e\u{301}".len(), "👍🏽".len(), family.len());
        let cjk = "你".len();
        let expected = [
            text.len(),
            text.len() - cjk,
            text.len() - 2 * cjk,
            acute + thumb,
            acute,
            0,
            0,
        ];
        assert_eq!(stops, expected);
        assert_eq!(fam + 2 * cjk + acute + thumb, text.len());
        e.handle_key(key(KeyCode::Delete));
        assert_eq!(e.text(), format!("👍🏽{family}你好"));
        e.handle_key(key(KeyCode::End));
        e.handle_key(key(KeyCode::Backspace));
        e.handle_key(key(KeyCode::Backspace));
        e.handle_key(key(KeyCode::Backspace));
        assert_eq!(e.text(), "👍🏽");
    }

    #[test]
    fn backspace_and_delete_at_the_edges() {
        let mut e = typed("ab");
        assert_eq!(e.handle_key(key(KeyCode::Delete)), EditOutcome::Unchanged);
        assert_eq!(e.handle_key(key(KeyCode::Backspace)), EditOutcome::Changed);
        assert_eq!(shown(&e), "a|");
        e.handle_key(key(KeyCode::Home));
        assert_eq!(
            e.handle_key(key(KeyCode::Backspace)),
            EditOutcome::Unchanged
        );
        assert_eq!(e.handle_key(key(KeyCode::Delete)), EditOutcome::Changed);
        assert_eq!(shown(&e), "|");
    }

    #[test]
    fn ctrl_w_deletes_one_word_or_one_run_of_punctuation() {
        let mut e = typed("see you, friend");
        let mut steps = vec![];
        for _ in 0..5 {
            e.handle_key(ctrl('w'));
            steps.push(shown(&e));
        }
        assert_eq!(steps, ["see you, |", "see you|", "see |", "|", "|"]);

        let mut e = typed("hello   world  ");
        e.handle_key(ctrl('w'));
        assert_eq!(shown(&e), "hello   |");

        let mut e = typed("it's fine...");
        e.handle_key(ctrl('w'));
        assert_eq!(shown(&e), "it's fine|");
        e.handle_key(ctrl('w'));
        assert_eq!(shown(&e), "it's |");
        e.handle_key(ctrl('w'));
        assert_eq!(shown(&e), "|");

        let mut e = typed("one two three");
        press(&mut e, KeyCode::Left, 6);
        e.handle_key(ctrl('w'));
        assert_eq!(shown(&e), "one | three");
        e.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
        assert_eq!(shown(&e), "| three");
    }

    #[test]
    fn ctrl_arrows_move_by_word() {
        let mut e = typed("calm, slow breath");
        e.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(shown(&e), "calm, slow |breath");
        e.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(shown(&e), "calm, |slow breath");
        e.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL));
        assert_eq!(shown(&e), "calm, slow| breath");
    }

    #[test]
    fn the_shells_line_keys_work_on_the_current_line() {
        let mut e = LineEditor::new(true, None);
        e.insert_str("one two\nthree four");
        e.handle_key(ctrl('a'));
        assert_eq!(shown(&e), "one two\n|three four");
        e.handle_key(ctrl('e'));
        assert_eq!(shown(&e), "one two\nthree four|");
        e.handle_key(key(KeyCode::Left));
        e.handle_key(key(KeyCode::Left));
        assert_eq!(e.handle_key(ctrl('k')), EditOutcome::Changed);
        assert_eq!(shown(&e), "one two\nthree fo|");
        assert_eq!(e.handle_key(ctrl('u')), EditOutcome::Changed);
        assert_eq!(shown(&e), "one two\n|");
        assert_eq!(e.handle_key(ctrl('u')), EditOutcome::Unchanged);
    }

    #[test]
    fn paste_inserts_cleaned_text_at_the_cursor() {
        let mut e = typed("ab");
        e.handle_key(key(KeyCode::Left));
        assert_eq!(e.insert_str("x\ny\tz\u{1b}[2J"), EditOutcome::Changed);
        assert_eq!(shown(&e), "ax y z[2J|b");
        assert_eq!(e.insert_str("\u{7}"), EditOutcome::Unchanged);

        let mut m = LineEditor::new(true, None);
        m.insert_str("one\r\ntwo");
        assert_eq!(shown(&m), "one\ntwo|");
    }

    #[test]
    fn input_past_max_chars_is_refused() {
        let mut e = LineEditor::new(false, Some(5));
        assert_eq!(e.insert_str("abcdefgh"), EditOutcome::Changed);
        assert_eq!(e.text(), "abcde");
        assert_eq!(
            e.handle_key(key(KeyCode::Char('x'))),
            EditOutcome::Unchanged
        );
        assert_eq!(e.counter().as_deref(), Some("5/5"));
        e.handle_key(key(KeyCode::Backspace));
        e.handle_key(key(KeyCode::Backspace));
        // A cluster that does not fit whole is not split.
        assert_eq!(e.insert_str("e\u{301}e\u{301}"), EditOutcome::Changed);
        assert_eq!(e.text(), "abce\u{301}");
        e.set_text("0123456789");
        assert_eq!(e.text(), "01234");
    }

    #[test]
    fn the_counter_shows_past_eighty_percent() {
        let mut e = LineEditor::new(false, Some(400));
        e.set_text(&"a".repeat(320));
        assert_eq!(e.counter(), None);
        e.insert_str("b");
        assert_eq!(e.counter().as_deref(), Some("321/400"));
        assert_eq!(LineEditor::new(false, None).counter(), None);
    }

    #[test]
    fn enter_belongs_to_the_app_and_newlines_to_multiline_editors() {
        let mut e = typed("a");
        for code in [KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::Up] {
            assert_eq!(e.handle_key(key(code)), EditOutcome::NotMine);
        }
        assert_eq!(e.handle_key(ctrl('c')), EditOutcome::NotMine);
        assert_eq!(e.insert_newline(), EditOutcome::NotMine);
        assert_eq!(e.text(), "a");
        let mut m = LineEditor::new(true, None);
        m.insert_str("a");
        assert_eq!(m.insert_newline(), EditOutcome::Changed);
        assert_eq!(m.handle_key(key(KeyCode::Enter)), EditOutcome::NotMine);
        assert_eq!(shown(&m), "a\n|");
    }

    #[test]
    fn up_and_down_keep_the_column_across_lines() {
        let mut m = LineEditor::new(true, None);
        m.insert_str("first line\nab\n你好 there");
        assert_eq!(m.handle_key(key(KeyCode::Down)), EditOutcome::NotMine);
        press(&mut m, KeyCode::Home, 1);
        press(&mut m, KeyCode::Right, 3);
        assert_eq!(shown(&m), "first line\nab\n你好 |there");
        assert_eq!(m.handle_key(key(KeyCode::Up)), EditOutcome::Moved);
        assert_eq!(shown(&m), "first line\nab|\n你好 there");
        m.handle_key(key(KeyCode::Up));
        assert_eq!(shown(&m), "first| line\nab\n你好 there");
        assert_eq!(m.handle_key(key(KeyCode::Up)), EditOutcome::NotMine);
        m.handle_key(key(KeyCode::Down));
        m.handle_key(key(KeyCode::Down));
        assert_eq!(shown(&m), "first line\nab\n你好 |there");
        // Column 3 falls inside 好 (columns 2-3): the cursor stays before it.
        press(&mut m, KeyCode::Up, 2);
        press(&mut m, KeyCode::Left, 2);
        press(&mut m, KeyCode::Down, 2);
        assert_eq!(shown(&m), "first line\nab\n你|好 there");
    }

    #[test]
    fn ctrl_w_stops_at_a_line_break() {
        let mut m = LineEditor::new(true, None);
        m.insert_str("one\ntwo");
        m.handle_key(ctrl('w'));
        assert_eq!(shown(&m), "one\n|");
        m.handle_key(ctrl('w'));
        assert_eq!(shown(&m), "one|");
    }

    #[test]
    fn a_joiner_typed_between_emoji_keeps_the_cursor_on_a_boundary() {
        let mut e = LineEditor::new(false, None);
        e.insert_str("👨👩");
        e.handle_key(key(KeyCode::Left));
        e.insert_str("\u{200d}");
        assert_eq!(e.cursor(), e.text().len());
        assert_eq!(e.text().graphemes(true).count(), 1);
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut e = LineEditor::new(false, None);
        let mut release = key(KeyCode::Char('a'));
        release.kind = KeyEventKind::Release;
        assert_eq!(e.handle_key(release), EditOutcome::NotMine);
        assert!(e.is_empty());
    }
}
