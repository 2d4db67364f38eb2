//! The installation's theme: every page links the NL Design System files and the theme's
//! stylesheet; the theme's colour, organiser's name and logo come from the settings.

mod common;

use common::app;
use koers_web::theme::Theme;

#[tokio::test]
async fn pages_use_the_nl_design_system_and_the_default_theme() {
    let t = app().await;
    let r = t.get("/").await;
    assert_eq!(r.status, 200);
    for css in ["voorbeeld-theme.css", "utrecht-components.css", "utrecht-html.css", "koers.css"] {
        assert!(r.body.contains(&koers_web::assets::url(css)), "/ does not link {css}");
    }
    let theme = Theme::default();
    assert!(r.body.contains(&theme.css_url()), "/ does not link the theme stylesheet");
    assert!(r.body.contains(r#"class="utrecht-root voorbeeld-theme koers-theme""#));
    assert!(r.body.contains("utrecht-page-header") && r.body.contains("utrecht-nav-list__link"));
    let css = t.get(&theme.css_url()).await;
    assert_eq!(css.status, 200);
    assert!(css.headers["content-type"].to_str().unwrap_or_default().starts_with("text/css"));
    assert!(css.headers["cache-control"].to_str().unwrap_or_default().contains("immutable"));
    assert!(css.body.contains("--koers-brand: #0b3d6e;"));
    // No logo configured.
    assert_eq!(t.get("/thema/0/logo").await.status, 404);
}

#[tokio::test]
async fn an_installation_theme_sets_colour_name_and_logo() {
    let mut themed = app().await;
    let png = b"\x89PNG\r\n\x1a\nlogo".to_vec();
    let theme = Theme::new("Stichting Leerkracht", "#7a0016", Some(("logo.png", png.clone())))
        .unwrap_or_else(|e| panic!("{e}"));
    themed.router = koers_web::router(themed.state.clone().with_theme(theme.clone()));
    let r = themed.get("/scholen?q=Wereld").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&theme.css_url()));
    assert!(r.body.contains("Stichting Leerkracht"), "organiser's name in the header");
    let logo_url = theme.logo_url().unwrap_or_default();
    assert!(r.body.contains(&format!(r#"<img class="brand-logo" src="{logo_url}" alt="Stichting Leerkracht">"#)));
    let css = themed.get(&theme.css_url()).await;
    assert!(css.body.contains("--koers-brand: #7a0016;"), "{}", css.body);
    let logo = themed.get(&logo_url).await;
    assert_eq!(logo.status, 200);
    assert_eq!(logo.headers["content-type"], "image/png");
    // Error pages carry the theme too.
    let missing = themed.get("/bestaat-niet").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains(&theme.css_url()), "the 404 page misses the theme");
}
