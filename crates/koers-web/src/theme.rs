//! The installation's theme: the organiser's name, brand colour and logo on top of the NL Design
//! System example theme. Set once at start (`koers serve --thema-kleur … --thema-logo …`), served
//! as a small generated stylesheet `/thema/<hash>/thema.css` (design tokens only) and the logo
//! `/thema/<hash>/logo`, both with content hashes in the URL like the static files.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use crate::{AppError, AppState};

/// Koers' default brand colour (dark blue, 11.4:1 on white).
pub const DEFAULT_COLOUR: &str = "#0b3d6e";

/// What an installation may set.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Name of the organiser shown next to "Koers" in the page header (empty: only "Koers").
    pub organisation: String,
    /// Brand colour `#rrggbb`, dark enough for white text (≥ 4.5:1).
    pub colour: String,
    /// The organiser's logo (PNG, JPEG, SVG or WebP), shown in the page header.
    pub logo: Option<Logo>,
    css: String,
    version: String,
}

#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// Why a theme setting was refused (Dutch, names the setting).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ThemeError {
    #[error("thema-kleur: {0:?} is geen kleur in de vorm #rrggbb (bijvoorbeeld #0b3d6e)")]
    NotAColour(String),
    #[error("thema-kleur: {colour} is te licht voor witte tekst (contrast {ratio:.1}:1, minimaal 4,5:1 nodig)")]
    TooLight { colour: String, ratio: f64 },
    #[error("thema-logo: {0} is geen PNG, JPEG, SVG of WebP")]
    LogoType(String),
    #[error("thema-logo: het bestand is groter dan 256 kB")]
    LogoTooBig,
}

impl Default for Theme {
    fn default() -> Self {
        Self::new("", DEFAULT_COLOUR, None).unwrap_or_else(|_| Self::fallback())
    }
}

impl Theme {
    /// Validate the settings and build the stylesheet.
    pub fn new(organisation: &str, colour: &str, logo: Option<(&str, Vec<u8>)>) -> Result<Self, ThemeError> {
        let colour = colour.trim().to_ascii_lowercase();
        let rgb = parse_hex(&colour).ok_or_else(|| ThemeError::NotAColour(colour.clone()))?;
        let ratio = contrast_with_white(rgb);
        if ratio < 4.5 {
            return Err(ThemeError::TooLight { colour, ratio });
        }
        let logo = match logo {
            None => None,
            Some((name, bytes)) => {
                if bytes.len() > 256 * 1024 {
                    return Err(ThemeError::LogoTooBig);
                }
                Some(Logo { content_type: logo_type(name, &bytes)?, bytes })
            }
        };
        let css = stylesheet(&colour, rgb);
        let mut fp = crate::assets::fingerprint(css.as_bytes());
        if let Some(l) = &logo {
            fp.push_str(&crate::assets::fingerprint(&l.bytes)[..8]);
        }
        Ok(Self { organisation: organisation.trim().to_owned(), colour, logo, css, version: fp })
    }

    fn fallback() -> Self {
        let css = stylesheet(DEFAULT_COLOUR, (0x0b, 0x3d, 0x6e));
        Self { organisation: String::new(), colour: DEFAULT_COLOUR.into(), logo: None, version: "0".into(), css }
    }

    /// The generated stylesheet (design tokens only).
    pub fn css(&self) -> &str {
        &self.css
    }

    pub fn css_url(&self) -> String {
        format!("/thema/{}/thema.css", self.version)
    }

    pub fn logo_url(&self) -> Option<String> {
        self.logo.as_ref().map(|_| format!("/thema/{}/logo", self.version))
    }
}

fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((c(0)?, c(2)?, c(4)?))
}

/// WCAG 2.1 contrast ratio of the colour against white.
fn contrast_with_white((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    1.05 / (l + 0.05)
}

fn logo_type(name: &str, bytes: &[u8]) -> Result<&'static str, ThemeError> {
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Ok("image/jpeg")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Ok("image/webp")
    } else if lower.ends_with(".svg") && std::str::from_utf8(bytes).is_ok_and(|s| s.contains("<svg")) {
        // Served as an image (<img>), never inline: scripts in an SVG do not run there, and the
        // CSP forbids them anyway.
        Ok("image/svg+xml")
    } else {
        Err(ThemeError::LogoType(name.to_owned()))
    }
}

/// The tokens the installation sets: the brand colour as the example theme's first accent and
/// action colour, with darker shades for hover/active (mixed with black, so contrast only grows).
fn stylesheet(hex: &str, (r, g, b): (u8, u8, u8)) -> String {
    let shade = |f: f64, c: u8| (f64::from(c) * f).round() as u8;
    let dark = format!("#{:02x}{:02x}{:02x}", shade(0.8, r), shade(0.8, g), shade(0.8, b));
    let darker = format!("#{:02x}{:02x}{:02x}", shade(0.65, r), shade(0.65, g), shade(0.65, b));
    format!(
        "/* Koers: the theme of this installation (generated from the settings) */\n\
         .koers-theme {{\n  --koers-brand: {hex};\n  --koers-brand-hover: {dark};\n  --koers-brand-active: {darker};\n}}\n"
    )
}

pub async fn serve_css(State(state): State<AppState>, Path(version): Path<String>) -> Response {
    let theme: &Arc<Theme> = &state.theme;
    let mut res = theme.css().to_owned().into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, cache(version == theme.version));
    res
}

pub async fn serve_logo(State(state): State<AppState>, Path(version): Path<String>) -> Result<Response, AppError> {
    let logo = state.theme.logo.as_ref().ok_or(AppError::NotFound)?;
    let mut res = logo.bytes.clone().into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(logo.content_type));
    h.insert(header::CACHE_CONTROL, cache(version == state.theme.version));
    // An SVG opened on its own must not run anything.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    Ok(res)
}

fn cache(current: bool) -> HeaderValue {
    HeaderValue::from_static(if current { "public, max-age=31536000, immutable" } else { "no-cache" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_valid_and_dark_enough() {
        let t = Theme::default();
        assert_eq!(t.colour, DEFAULT_COLOUR);
        assert!(t.css().contains("--koers-brand: #0b3d6e;"));
        assert!(t.css_url().starts_with("/thema/") && t.css_url().len() > 20);
    }

    #[test]
    fn colours_are_checked_for_form_and_contrast() {
        assert!(matches!(Theme::new("", "blauw", None), Err(ThemeError::NotAColour(_))));
        assert!(matches!(Theme::new("", "#12345", None), Err(ThemeError::NotAColour(_))));
        let e = Theme::new("", "#ffd166", None).err().unwrap_or_else(|| panic!("accepted"));
        assert!(e.to_string().starts_with("thema-kleur: #ffd166 is te licht"), "{e}");
        let ok = Theme::new(" Stichting X ", "#7A0016", None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((ok.organisation.as_str(), ok.colour.as_str()), ("Stichting X", "#7a0016"));
        assert!(ok.css().contains("--koers-brand-hover: #620012;"), "{}", ok.css());
    }

    #[test]
    fn logos_are_recognised_by_content() {
        let png = b"\x89PNG\r\n\x1a\n rest".to_vec();
        let t = Theme::new("", DEFAULT_COLOUR, Some(("logo.png", png))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.logo.as_ref().map(|l| l.content_type), Some("image/png"));
        assert!(t.logo_url().is_some());
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec();
        assert!(Theme::new("", DEFAULT_COLOUR, Some(("l.svg", svg))).is_ok());
        let e = Theme::new("", DEFAULT_COLOUR, Some(("logo.gif", b"GIF89a".to_vec())))
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(e.to_string(), "thema-logo: logo.gif is geen PNG, JPEG, SVG of WebP");
        assert!(matches!(
            Theme::new("", DEFAULT_COLOUR, Some(("a.png", vec![0; 300_000]))),
            Err(ThemeError::LogoTooBig)
        ));
    }
}
