//! What colour a colour word stands for: the swatches of the check-in's colour picker, the
//! calendar and the report's colour chart all read it here.

/// The colour a name stands for, if steady knows it: common names (either spelling of grey),
/// optionally with "light", "dark" or "pale" in front. Soft tones, in keeping with the rest.
pub fn rgb(name: &str) -> Option<(u8, u8, u8)> {
    let name = name.trim().to_lowercase();
    let (shade, base) = match name.split_once(' ') {
        Some((shade @ ("light" | "dark" | "pale"), base)) => (shade, base.trim()),
        _ => ("", name.as_str()),
    };
    let (r, g, b) = base_rgb(base)?;
    let mix = |c: u8, f: fn(f64) -> f64| f(f64::from(c)).round().clamp(0.0, 255.0) as u8;
    let f: fn(f64) -> f64 = match shade {
        "light" => |c| c + (255.0 - c) * 0.4,
        "pale" => |c| c + (255.0 - c) * 0.6,
        "dark" => |c| c * 0.6,
        _ => |c| c,
    };
    Some((mix(r, f), mix(g, f), mix(b, f)))
}

fn base_rgb(name: &str) -> Option<(u8, u8, u8)> {
    Some(match name {
        "red" => (200, 80, 80),
        "orange" => (222, 140, 70),
        "yellow" => (230, 200, 90),
        "green" => (110, 170, 100),
        "teal" => (70, 160, 160),
        "blue" => (80, 130, 200),
        "purple" => (150, 100, 190),
        "pink" => (225, 140, 170),
        "brown" => (150, 105, 70),
        "grey" | "gray" => (150, 150, 150),
        "black" => (40, 40, 40),
        "white" => (240, 240, 240),
        "navy" => (50, 70, 130),
        "cyan" => (100, 200, 210),
        "turquoise" => (80, 195, 185),
        "lavender" => (180, 160, 220),
        "violet" => (160, 110, 200),
        "indigo" => (90, 80, 170),
        "magenta" => (200, 90, 170),
        "gold" => (215, 175, 60),
        "amber" => (230, 165, 50),
        "silver" => (192, 192, 192),
        "beige" => (225, 210, 175),
        "cream" => (245, 235, 205),
        "tan" => (205, 175, 135),
        "maroon" => (130, 50, 60),
        "crimson" => (185, 50, 70),
        "olive" => (130, 130, 60),
        "lime" => (170, 210, 90),
        "mint" => (160, 215, 180),
        "peach" => (240, 180, 140),
        "coral" => (235, 125, 105),
        "rose" => (220, 130, 150),
        "sky" => (135, 190, 230),
        _ => return None,
    })
}
