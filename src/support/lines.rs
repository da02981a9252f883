//! The crisis lines steady knows, and which of them come first for a region: its own lines
//! and text line, the emergency number to call when someone is in danger now, then the
//! rest, then a finder for every other country.

/// One way to reach a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrisisLine {
    /// What to dial or text.
    pub reach: &'static str,
    /// Who answers and where, in a few words.
    pub who: &'static str,
    /// The regions (ISO 3166) it serves.
    regions: &'static [&'static str],
}

/// The member states of the European Union, where 112 is the emergency number.
const EU: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

const fn line(
    reach: &'static str,
    who: &'static str,
    regions: &'static [&'static str],
) -> CrisisLine {
    CrisisLine {
        reach,
        who,
        regions,
    }
}

/// Every line, in the order shown when the region is not known.
pub const LINES: [CrisisLine; 8] = [
    line("988", "call or text, US and Canada", &["US", "CA"]),
    line("Text HOME to 741741", "Crisis Text Line, US", &["US"]),
    line("Text 686868", "text line, Canada", &["CA"]),
    line("116 123", "Samaritans, UK and Ireland", &["GB", "IE"]),
    line("Text SHOUT to 85258", "Shout, UK", &["GB"]),
    line("Text 50808", "text line, Ireland", &["IE"]),
    line("13 11 14", "Lifeline, Australia", &["AU"]),
    line("112", "emergencies, across the EU", EU),
];

impl CrisisLine {
    /// The line in words: "988: call or text, US and Canada".
    pub fn text(&self) -> String {
        format!("{}: {}", self.reach, self.who)
    }
}

/// Where to look for a line in any other country.
pub const FINDER: &str = "findahelpline.com: lines in many countries";

/// What to tell someone in danger now, with the number where they are when it is known.
pub const DANGER: &str = "If you are in danger now, call your local emergency number";

/// The lines for one region, split into its own and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub region: Option<String>,
    /// The emergency number there, when steady knows it ("999").
    pub emergency: Option<&'static str>,
    /// The region's own lines, text line included.
    pub here: Vec<CrisisLine>,
    /// Every other line.
    pub elsewhere: Vec<CrisisLine>,
}

impl Support {
    /// The lines ordered for `region` (an ISO 3166 code, or None when unknown).
    pub fn for_region(region: Option<&str>) -> Support {
        let serves = |l: &CrisisLine| region.is_some_and(|r| l.regions.contains(&r));
        // The EU's 112 is an emergency number, said in the danger sentence instead.
        let (here, elsewhere) = LINES.iter().partition(|l| serves(l));
        let mut here: Vec<CrisisLine> = here;
        let emergency = region.and_then(emergency_number);
        here.retain(|l| Some(l.reach) != emergency);
        Support {
            region: region.map(str::to_owned),
            emergency,
            here,
            elsewhere,
        }
    }

    /// Every line in order as one plain sentence each ("988: call or text, US and Canada"):
    /// the region's own, then the rest, then the finder. For pages outside the TUI (the
    /// manual, the report).
    pub fn sentences(&self) -> Vec<String> {
        self.here
            .iter()
            .chain(&self.elsewhere)
            .map(CrisisLine::text)
            .chain([FINDER.to_owned()])
            .collect()
    }

    /// The sentence for someone in danger now.
    pub fn danger(&self) -> String {
        match self.emergency {
            Some(number) => format!("{DANGER}: {number}."),
            None => format!("{DANGER} (911, 999, 000 or 112)."),
        }
    }
}

/// The emergency number of a region steady knows.
fn emergency_number(region: &str) -> Option<&'static str> {
    Some(match region {
        "US" | "CA" => "911",
        "GB" => "999",
        "AU" => "000",
        r if EU.contains(&r) => "112",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reaches(lines: &[CrisisLine]) -> Vec<&str> {
        lines.iter().map(|l| l.reach).collect()
    }

    #[test]
    fn each_region_gets_its_own_lines_text_line_and_emergency_number() {
        let cases = [
            ("US", vec!["988", "Text HOME to 741741"], "911"),
            ("CA", vec!["988", "Text 686868"], "911"),
            ("GB", vec!["116 123", "Text SHOUT to 85258"], "999"),
            ("IE", vec!["116 123", "Text 50808"], "112"),
            ("AU", vec!["13 11 14"], "000"),
            ("DE", vec![], "112"),
        ];
        for (region, here, number) in cases {
            let s = Support::for_region(Some(region));
            assert_eq!(reaches(&s.here), here, "{region}");
            assert_eq!(s.emergency, Some(number), "{region}");
            assert!(s.danger().ends_with(&format!(": {number}.")), "{region}");
            assert_eq!(
                s.here.len() + s.elsewhere.len() + usize::from(number == "112"),
                LINES.len()
            );
        }
    }

    #[test]
    fn an_unknown_region_lists_everything_and_every_emergency_number() {
        for region in [None, Some("NZ")] {
            let s = Support::for_region(region);
            assert!(s.here.is_empty());
            assert_eq!(s.elsewhere, LINES);
            assert_eq!(
                s.danger(),
                "If you are in danger now, call your local emergency number (911, 999, 000 or 112)."
            );
        }
    }
}
