//! Where the person is, as an ISO 3166 country code ("GB"): from the `region` setting, else
//! from the locale (`LC_ALL`, then `LC_TIME`, then `LANG`), else unknown.

/// `code` as a region: two ASCII letters, upper-cased; None for anything else.
pub fn normalise(code: &str) -> Option<String> {
    let code = code.trim();
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// The country of a locale name such as `en_GB.UTF-8` or `fr_CA@euro`; None for `C`,
/// `POSIX` and locales that name no country.
pub fn of_locale(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next()?;
    let (_, country) = name.split_once('_')?;
    normalise(country)
}

/// The region from the locale variables, read through `env` (the first one that is set
/// and not empty decides, as the C library does).
pub fn from_locale(env: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_TIME", "LANG"]
        .into_iter()
        .filter_map(&env)
        .find(|v| !v.is_empty())
        .and_then(|v| of_locale(&v))
}

/// The region in force: the setting when there is one, else the locale's.
pub fn resolve(setting: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    match setting {
        Some(code) => normalise(code),
        None => from_locale(env),
    }
}

/// The region of this process's own settings and environment.
pub fn current(setting: Option<&str>) -> Option<String> {
    resolve(setting, |name| std::env::var(name).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn locales_name_their_country() {
        assert_eq!(of_locale("en_GB.UTF-8").as_deref(), Some("GB"));
        assert_eq!(of_locale("en_US.UTF-8").as_deref(), Some("US"));
        assert_eq!(of_locale("fr_CA@euro").as_deref(), Some("CA"));
        assert_eq!(of_locale("C.UTF-8"), None);
        assert_eq!(of_locale("POSIX"), None);
        assert_eq!(of_locale("en"), None);
    }

    #[test]
    fn lc_all_wins_then_lc_time_then_lang() {
        let vars = [("LC_ALL", "en_IE.UTF-8"), ("LANG", "en_US.UTF-8")];
        assert_eq!(from_locale(env(&vars)).as_deref(), Some("IE"));
        let vars = [
            ("LC_ALL", ""),
            ("LC_TIME", "en_AU.UTF-8"),
            ("LANG", "en_US"),
        ];
        assert_eq!(from_locale(env(&vars)).as_deref(), Some("AU"));
        assert_eq!(
            from_locale(env(&[("LANG", "en_GB.UTF-8")])).as_deref(),
            Some("GB")
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "C"), ("LANG", "en_GB")])),
            None
        );
        assert_eq!(from_locale(env(&[])), None);
    }

    #[test]
    fn the_setting_beats_the_locale() {
        let vars = [("LANG", "en_US.UTF-8")];
        assert_eq!(resolve(Some("gb"), env(&vars)).as_deref(), Some("GB"));
        assert_eq!(resolve(None, env(&vars)).as_deref(), Some("US"));
    }
}
