//! Page numbers for long lists (screening, audit log): `?pagina=N`, 1-based, with the other
//! filters kept in the links.

/// Rows per page of the authenticated lists.
pub const PER_PAGE: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub page: usize,
    /// `None` when the total is not known (the audit log pages on "is there more").
    pub pages: Option<usize>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// `path?filters&pagina=n` (without `pagina` for page 1).
fn link(path: &str, filters: &[(&str, String)], page: usize) -> String {
    let mut pairs: Vec<(&str, String)> = filters.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
    if page > 1 {
        pairs.push(("pagina", page.to_string()));
    }
    let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if q.is_empty() { path.to_owned() } else { format!("{path}?{q}") }
}

impl Pager {
    /// For a list of `total` rows; `page` is clamped to the existing pages.
    pub fn of_total(path: &str, filters: &[(&str, String)], total: usize, page: usize) -> Self {
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = page.clamp(1, pages);
        Self {
            page,
            pages: Some(pages),
            prev: (page > 1).then(|| link(path, filters, page - 1)),
            next: (page < pages).then(|| link(path, filters, page + 1)),
        }
    }

    /// For a list read one page (plus one row) at a time.
    pub fn of_more(path: &str, filters: &[(&str, String)], page: usize, has_more: bool) -> Self {
        let page = page.max(1);
        Self {
            page,
            pages: None,
            prev: (page > 1).then(|| link(path, filters, page - 1)),
            next: has_more.then(|| link(path, filters, page + 1)),
        }
    }

    /// The index range of this page in the full list.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let start = ((self.page - 1) * PER_PAGE).min(total);
        start..(start + PER_PAGE).min(total)
    }

    pub fn offset(&self) -> i64 {
        i64::try_from((self.page - 1) * PER_PAGE).unwrap_or(i64::MAX)
    }
}

/// `?pagina=` as given (anything unparsable is page 1).
pub fn page_param(raw: Option<&str>) -> usize {
    raw.and_then(|s| s.trim().parse().ok()).filter(|p| *p >= 1).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_filters_and_clamp() {
        let f = [("licht", "rood".to_owned()), ("uitkomst", String::new())];
        let p = Pager::of_total("/programma/screening", &f, 120, 9);
        assert_eq!(p.page, 3);
        assert_eq!(p.pages, Some(3));
        assert_eq!(p.prev.as_deref(), Some("/programma/screening?licht=rood&pagina=2"));
        assert_eq!(p.next, None);
        assert_eq!(p.range(120), 100..120);
        let p = Pager::of_total("/x", &[], 0, 1);
        assert_eq!((p.page, p.prev.clone(), p.next.clone(), p.range(0)), (1, None, None, 0..0));
        assert_eq!(Pager::of_total("/x", &[], 60, 2).prev.as_deref(), Some("/x"));
        assert_eq!(page_param(Some("abc")), 1);
        assert_eq!(page_param(Some("0")), 1);
        assert_eq!(page_param(Some("4")), 4);
    }
}
