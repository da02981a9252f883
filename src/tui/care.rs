//! What the TUI keeps for a bad hour and for the longer path: the region whose crisis lines
//! come first.

/// Care settings and data the app starts with.
#[derive(Debug, Clone, Default)]
pub struct Care {
    /// Where the person is (ISO 3166), from the settings or the locale; None when unknown.
    pub region: Option<String>,
}
