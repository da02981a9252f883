//! The first day of the week, from the locale that decides time formats (`LC_ALL`, then
//! `LC_TIME`, then `LANG`): Sunday in the United States and other territories that start
//! there, Saturday in a few, Monday everywhere else and when the locale says nothing.

use chrono::Weekday;

/// The first day of the week for a locale name such as `en_US.UTF-8`: Sunday or Saturday
/// in the territories that start there, Monday everywhere else and when unknown.
pub fn first_weekday(locale: Option<&str>) -> Weekday {
    // CLDR week data: territories whose week starts on Sunday or Saturday.
    const SUNDAY: &[&str] = &[
        "AG", "AS", "BD", "BR", "BS", "BT", "BW", "BZ", "CA", "CN", "CO", "DM", "DO", "ET", "GT",
        "GU", "HK", "HN", "ID", "IL", "IN", "JM", "JP", "KE", "KH", "KR", "LA", "MH", "MM", "MO",
        "MT", "MX", "MZ", "NI", "NP", "PA", "PE", "PH", "PK", "PR", "PT", "PY", "SA", "SG", "SV",
        "TH", "TT", "TW", "UM", "US", "VE", "VI", "WS", "YE", "ZA", "ZW",
    ];
    const SATURDAY: &[&str] = &[
        "AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY",
    ];
    let territory = locale
        .and_then(|l| l.split(['.', '@']).next())
        .and_then(|l| l.split_once('_'))
        .map(|(_, t)| t.to_ascii_uppercase());
    match territory.as_deref() {
        Some(t) if SUNDAY.contains(&t) => Weekday::Sun,
        Some(t) if SATURDAY.contains(&t) => Weekday::Sat,
        _ => Weekday::Mon,
    }
}

/// The locale that decides time formats: `LC_ALL`, then `LC_TIME`, then `LANG`.
pub fn time_locale() -> Option<String> {
    ["LC_ALL", "LC_TIME", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_weekday_follows_the_locale() {
        assert_eq!(first_weekday(Some("en_US.UTF-8")), Weekday::Sun);
        assert_eq!(first_weekday(Some("de_DE.UTF-8")), Weekday::Mon);
        assert_eq!(first_weekday(Some("en_GB")), Weekday::Mon);
        assert_eq!(first_weekday(Some("ar_EG.UTF-8@latin")), Weekday::Sat);
        assert_eq!(first_weekday(Some("C")), Weekday::Mon);
        assert_eq!(first_weekday(None), Weekday::Mon);
    }
}
