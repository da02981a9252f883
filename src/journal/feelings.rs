//! Where a feeling word sits, and what a run of check-ins says once their words are placed.
//!
//! A check-in's `level` is how strong the feeling is, never how good it feels, so strengths of
//! different feelings are not averaged together. What can honestly be followed over months is
//! which side of How We Feel's pleasant ↔ unpleasant axis the named feelings fall on, how
//! strong the unpleasant ones are, how the moment felt overall (`mood`, its own scale), and
//! how many different words were named. Each built-in word of the check-in has a place on
//! both axes (pleasant or not, high or low energy); a word the person adds stays unplaced
//! until they place it in the `[feelings]` settings table (by hand, or by answering the
//! question at the end of a check-in that names it: `config_write`). "not sure" is never
//! placed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

/// High or low energy: How We Feel's second axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Energy {
    High,
    Low,
}

/// Where a feeling word sits on the two axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub pleasant: bool,
    pub energy: Energy,
}

/// The person's own words and where they placed them (the `[feelings]` settings), keyed by
/// the word trimmed and lowercased.
pub type Placements = BTreeMap<String, Place>;

/// The answer that says the person could not name the feeling: counted, never placed.
pub const NOT_SURE: &str = "not sure";

/// The built-in words of the check-in and where they sit.
const BUILT_IN: &[(&str, bool, Energy)] = &[
    ("calm", true, Energy::Low),
    ("content", true, Energy::Low),
    ("happy", true, Energy::High),
    ("tender", true, Energy::Low),
    ("tired", false, Energy::Low),
    ("tense", false, Energy::High),
    ("anxious", false, Energy::High),
    ("sad", false, Energy::Low),
    ("lonely", false, Energy::Low),
    ("irritated", false, Energy::High),
    ("numb", false, Energy::Low),
    ("overwhelmed", false, Energy::High),
];

/// Where `word` (trimmed, lowercased) sits: the person's own placement first, then the
/// built-in one; None for "not sure" and a word nobody placed.
pub fn place(word: &str, own: &Placements) -> Option<Place> {
    if word == NOT_SURE {
        return None;
    }
    own.get(word).copied().or_else(|| {
        BUILT_IN
            .iter()
            .find(|(w, _, _)| *w == word)
            .map(|&(_, pleasant, energy)| Place { pleasant, energy })
    })
}

/// Which side of the pleasant ↔ unpleasant axis a check-in's feeling falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Pleasant,
    Unpleasant,
    /// "not sure", no word, or a word not yet placed.
    Unplaced,
}

/// The tone of a check-in that named `word` (None when it named none).
pub fn tone(word: Option<&str>, own: &Placements) -> Tone {
    match word.and_then(|w| place(w, own)) {
        Some(Place { pleasant: true, .. }) => Tone::Pleasant,
        Some(Place {
            pleasant: false, ..
        }) => Tone::Unpleasant,
        None => Tone::Unplaced,
    }
}

/// A running total of scale answers, for a mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Total {
    pub sum: i64,
    pub count: u32,
}

impl Total {
    pub fn add(&mut self, value: i64) {
        self.sum += value;
        self.count += 1;
    }

    fn merge(&mut self, other: Total) {
        self.sum += other.sum;
        self.count += other.count;
    }

    fn take(&mut self, value: i64) {
        self.sum -= value;
        self.count = self.count.saturating_sub(1);
    }

    /// The mean, when there is anything to average.
    pub fn mean(self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / f64::from(self.count))
    }
}

/// What a run of check-ins (a day, a month, a window) says once their words are placed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tones {
    pub pleasant: u32,
    pub unpleasant: u32,
    /// "not sure", no word, or a word not yet placed.
    pub unplaced: u32,
    /// How strong the unpleasant feelings were (1 barely there … 5 filling everything).
    pub unpleasant_strength: Total,
    /// How the moments felt overall (1 very unpleasant … 5 very pleasant), where recorded.
    pub mood: Total,
    /// The different feeling words named ("not sure" is not a word named).
    pub words: BTreeSet<String>,
}

impl Tones {
    /// Counts in one check-in that named `word`, as strong as `strength`, felt as `mood`.
    pub fn add(
        &mut self,
        word: Option<&str>,
        strength: Option<i64>,
        mood: Option<i64>,
        own: &Placements,
    ) {
        self.add_many(word, 1, strength.map(|s| (s, 1)), mood.map(|m| (m, 1)), own);
    }

    /// Counts in `n` check-ins with one word, their strengths and moods as (sum, count).
    fn add_many(
        &mut self,
        word: Option<&str>,
        n: u32,
        strength: Option<(i64, u32)>,
        mood: Option<(i64, u32)>,
        own: &Placements,
    ) {
        match tone(word, own) {
            Tone::Pleasant => self.pleasant += n,
            Tone::Unpleasant => {
                self.unpleasant += n;
                if let Some((sum, count)) = strength {
                    self.unpleasant_strength.merge(Total { sum, count });
                }
            }
            Tone::Unplaced => self.unplaced += n,
        }
        if let Some((sum, count)) = mood {
            self.mood.merge(Total { sum, count });
        }
        if let Some(w) = word.filter(|w| *w != NOT_SURE) {
            self.words.insert(w.to_owned());
        }
    }

    /// Takes in another run's counts.
    pub fn merge(&mut self, other: &Tones) {
        self.pleasant += other.pleasant;
        self.unpleasant += other.unpleasant;
        self.unplaced += other.unplaced;
        self.unpleasant_strength.merge(other.unpleasant_strength);
        self.mood.merge(other.mood);
        self.words.extend(other.words.iter().cloned());
    }

    /// How many check-ins.
    pub fn check_ins(&self) -> u32 {
        self.pleasant + self.unpleasant + self.unplaced
    }
}

/// A calendar month: (year, month 1–12).
pub type Month = (i32, u32);

/// Each day's check-ins gathered month by month, oldest first.
pub fn by_month(days: &BTreeMap<NaiveDate, Tones>) -> Vec<(Month, Tones)> {
    let mut months: Vec<(Month, Tones)> = Vec::new();
    for (day, tones) in days {
        let month = (day.year(), day.month());
        match months.last_mut() {
            Some((m, t)) if *m == month => t.merge(tones),
            _ => months.push((month, tones.clone())),
        }
    }
    months
}

/// One feeling word's check-ins on a day: how many, their strengths and moods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordDay {
    check_ins: u32,
    strength: Total,
    mood: Total,
}

/// A day's check-ins kept by the word named (and not yet placed), so they can be taken out
/// again when an entry is deleted or edited, and placed afresh when the settings change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayWords(BTreeMap<Option<String>, WordDay>);

impl DayWords {
    pub fn add(&mut self, word: Option<&str>, strength: Option<i64>, mood: Option<i64>) {
        let day = self.0.entry(word.map(str::to_owned)).or_default();
        day.check_ins += 1;
        if let Some(s) = strength {
            day.strength.add(s);
        }
        if let Some(m) = mood {
            day.mood.add(m);
        }
    }

    pub fn remove(&mut self, word: Option<&str>, strength: Option<i64>, mood: Option<i64>) {
        let key = word.map(str::to_owned);
        let Some(day) = self.0.get_mut(&key) else {
            return;
        };
        day.check_ins = day.check_ins.saturating_sub(1);
        if let Some(s) = strength {
            day.strength.take(s);
        }
        if let Some(m) = mood {
            day.mood.take(m);
        }
        if day.check_ins == 0 {
            self.0.remove(&key);
        }
    }

    /// Whether the day had no check-in.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The day's check-ins with their words placed.
    pub fn tones(&self, own: &Placements) -> Tones {
        let mut tones = Tones::default();
        for (word, d) in &self.0 {
            let pair = |t: Total| (t.count > 0).then_some((t.sum, t.count));
            tones.add_many(
                word.as_deref(),
                d.check_ins,
                pair(d.strength),
                pair(d.mood),
                own,
            );
        }
        tones
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_words_are_placed_and_the_persons_own_placement_comes_first() {
        let none = Placements::new();
        assert_eq!(tone(Some("calm"), &none), Tone::Pleasant);
        assert_eq!(tone(Some("anxious"), &none), Tone::Unpleasant);
        assert_eq!(tone(Some(NOT_SURE), &none), Tone::Unplaced);
        assert_eq!(tone(Some("restless"), &none), Tone::Unplaced);
        assert_eq!(tone(None, &none), Tone::Unplaced);
        let own: Placements = [(
            "restless".to_owned(),
            Place {
                pleasant: false,
                energy: Energy::High,
            },
        )]
        .into();
        assert_eq!(tone(Some("restless"), &own), Tone::Unpleasant);
        assert_eq!(place("happy", &own).map(|p| p.energy), Some(Energy::High));
        // Every option of the built-in check-in but "not sure" has a place.
        let practice = include_str!("../../practices/feeling-check-in.toml");
        let options = practice
            .lines()
            .find(|l| l.starts_with("options"))
            .unwrap_or_default();
        for word in options.split('"').skip(1).step_by(2) {
            assert_eq!(place(word, &none).is_none(), word == NOT_SURE, "{word}");
        }
    }

    #[test]
    fn only_unpleasant_feelings_count_their_strength_and_mood_stands_apart() {
        let none = Placements::new();
        let mut t = Tones::default();
        t.add(Some("calm"), Some(5), Some(4), &none);
        t.add(Some("anxious"), Some(4), Some(2), &none);
        t.add(Some(NOT_SURE), Some(2), None, &none);
        assert_eq!((t.pleasant, t.unpleasant, t.unplaced), (1, 1, 1));
        assert_eq!(t.unpleasant_strength.mean(), Some(4.0));
        assert_eq!(t.mood.mean(), Some(3.0));
        assert_eq!(t.words.len(), 2, "\"not sure\" is not a word named");
    }

    #[test]
    fn a_day_taken_out_again_is_as_if_never_counted() {
        let none = Placements::new();
        let mut day = DayWords::default();
        day.add(Some("sad"), Some(3), None);
        day.add(Some("sad"), Some(5), Some(1));
        day.add(None, Some(2), None);
        let t = day.tones(&none);
        assert_eq!((t.unpleasant, t.unplaced), (2, 1));
        assert_eq!(t.unpleasant_strength.mean(), Some(4.0));
        day.remove(Some("sad"), Some(5), Some(1));
        day.remove(None, Some(2), None);
        let mut once = DayWords::default();
        once.add(Some("sad"), Some(3), None);
        assert_eq!(day, once);
    }
}
