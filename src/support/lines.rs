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

/// Every line, in the order shown when the region is not known. Each number is the one the
/// service gives on its own site, named above it.
pub const LINES: [CrisisLine; 13] = [
    // 988 Suicide & Crisis Lifeline (988lifeline.org, US) and 9-8-8 Suicide Crisis Helpline
    // (988.ca, Canada).
    line("988", "call or text, US and Canada", &["US", "CA"]),
    // Crisis Text Line (crisistextline.org).
    line("Text HOME to 741741", "Crisis Text Line, US", &["US"]),
    // Kids Help Phone's text line, for every age (kidshelpphone.ca).
    line("Text 686868", "text line, Canada", &["CA"]),
    // Samaritans (samaritans.org, and samaritans.ie in Ireland).
    line("116 123", "Samaritans, UK and Ireland", &["GB", "IE"]),
    // Shout (giveusashout.org).
    line("Text SHOUT to 85258", "Shout, UK", &["GB"]),
    // 50808 (50808.ie).
    line("Text 50808", "text line, Ireland", &["IE"]),
    // Lifeline Australia (lifeline.org.au), its phone line and its text line.
    line("13 11 14", "Lifeline, Australia", &["AU"]),
    line("Text 0477 13 11 14", "Lifeline text, Australia", &["AU"]),
    // TelefonSeelsorge (telefonseelsorge.de), both of its free numbers.
    line("0800 111 0 111", "TelefonSeelsorge, Germany", &["DE"]),
    line("0800 111 0 222", "TelefonSeelsorge, Germany", &["DE"]),
    // Tele-MANAS, the national mental health helpline (telemanas.mohfw.gov.in).
    line("14416", "Tele-MANAS, India", &["IN"]),
    // Need to talk? 1737 (1737.org.nz).
    line("1737", "call or text, New Zealand", &["NZ"]),
    // The European emergency number (European Commission, digital-strategy.ec.europa.eu/en/policies/112).
    line("112", "emergencies, across the EU", EU),
];

impl CrisisLine {
    /// The line in words: "988: call or text, US and Canada".
    pub fn text(&self) -> String {
        format!("{}: {}", self.reach, self.who)
    }
}

/// Where to look for a line in any other country (findahelpline.com, run by `ThroughLine`).
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
        here.retain(|l| !emergency.is_some_and(|e| e.split(" or ").any(|n| n == l.reach)));
        Support {
            region: region.map(str::to_owned),
            emergency,
            here,
            elsewhere,
        }
    }

    /// Whether the finder goes before the lines: when steady knows no line where the person
    /// is, a list of every country's lines is more use to them than other countries' numbers.
    pub fn finder_first(&self) -> bool {
        self.here.is_empty()
    }

    /// Every line in order as one plain sentence each ("988: call or text, US and Canada"):
    /// the region's own, then the rest, with the finder last (first when no line is known
    /// where the person is). For pages outside the TUI (the manual, the report).
    pub fn sentences(&self) -> Vec<String> {
        let lines = self
            .here
            .iter()
            .chain(&self.elsewhere)
            .map(CrisisLine::text);
        let finder = std::iter::once(FINDER.to_owned());
        if self.finder_first() {
            finder.chain(lines).collect()
        } else {
            lines.chain(finder).collect()
        }
    }

    /// The sentence for someone in danger now.
    pub fn danger(&self) -> String {
        match self.emergency {
            Some(number) => format!("{DANGER}: {number}."),
            None => format!("{DANGER} (911, 999, 000, 112 or 111)."),
        }
    }
}

/// The emergency number of a region steady knows, as that country's own services give it.
fn emergency_number(region: &str) -> Option<&'static str> {
    Some(match region {
        // 911 (911.gov, US; Canadian Radio-television and Telecommunications Commission, Canada).
        "US" | "CA" => "911",
        // 999 (nhs.uk and the UK government's emergency services guidance).
        "GB" => "999",
        // Ireland answers both (gov.ie, Emergency Call Answering Service).
        "IE" => "112 or 999",
        // Triple Zero (triplezero.gov.au).
        "AU" => "000",
        // 111 (New Zealand Police, police.govt.nz).
        "NZ" => "111",
        // 112, the Emergency Response Support System (112.gov.in).
        "IN" => "112",
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
            ("IE", vec!["116 123", "Text 50808"], "112 or 999"),
            ("AU", vec!["13 11 14", "Text 0477 13 11 14"], "000"),
            ("DE", vec!["0800 111 0 111", "0800 111 0 222"], "112"),
            ("IN", vec!["14416"], "112"),
            ("NZ", vec!["1737"], "111"),
        ];
        for (region, here, number) in cases {
            let s = Support::for_region(Some(region));
            assert_eq!(reaches(&s.here), here, "{region}");
            assert_eq!(s.emergency, Some(number), "{region}");
            assert!(s.danger().ends_with(&format!(": {number}.")), "{region}");
            assert_eq!(
                s.here.len() + s.elsewhere.len() + usize::from(EU.contains(&region)),
                LINES.len(),
                "{region}"
            );
            assert!(!s.finder_first(), "{region}");
            assert_eq!(s.sentences().last().map(String::as_str), Some(FINDER));
        }
    }

    #[test]
    fn where_no_line_is_known_the_finder_comes_first() {
        for region in [None, Some("FR"), Some("JP")] {
            let s = Support::for_region(region);
            assert!(s.here.is_empty(), "{region:?}");
            assert!(s.finder_first(), "{region:?}");
            assert_eq!(s.sentences()[0], FINDER, "{region:?}");
        }
        let s = Support::for_region(None);
        assert_eq!(s.elsewhere, LINES);
        assert_eq!(
            s.danger(),
            "If you are in danger now, call your local emergency number (911, 999, 000, 112 or 111)."
        );
        assert_eq!(Support::for_region(Some("FR")).emergency, Some("112"));
        assert_eq!(Support::for_region(Some("JP")).emergency, None);
    }
}
