//! Small OpenDocument spreadsheets from rows of text, written the way LibreOffice writes them:
//! numbers as `office:value` with a Dutch display text, runs of equal cells as one repeated
//! cell, empty rows as one repeated empty row, spaces as `text:s`, a note on the first cell.

use crate::bombs::ods_package;

/// An ods with `rows` on its first sheet (the first row inside `table:header-rows`, then three
/// empty rows, the data, and a million empty rows as LibreOffice writes them), and a second
/// sheet after it.
pub fn ods(rows: &[Vec<String>]) -> Vec<u8> {
    let mut header = String::new();
    let mut body = String::new();
    for (i, row) in rows.iter().enumerate() {
        let out = if i == 0 { &mut header } else { &mut body };
        out.push_str("<table:table-row>");
        let mut cells = row.iter().peekable();
        let mut first = true;
        while let Some(cell) = cells.next() {
            let mut repeat = 1;
            while cells.peek() == Some(&cell) {
                cells.next();
                repeat += 1;
            }
            out.push_str(&ods_cell(cell, repeat, i == 0 && first));
            first = false;
        }
        // LibreOffice pads every row to the sheet's width with one repeated empty cell.
        out.push_str(r#"<table:table-cell table:number-columns-repeated="1000"/>"#);
        out.push_str("</table:table-row>");
        if i == 0 {
            body.push_str(r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
        }
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Gegevens"><table:table-column table:number-columns-repeated="60"/><table:table-header-rows>{}</table:table-header-rows>{}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table><table:table table:name="Tweede"><table:table-row><table:table-cell office:value-type="string"><text:p>niet dit blad</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        header, body
    );
    ods_package(&content)
}

fn ods_cell(text: &str, repeat: usize, note: bool) -> String {
    let repeated = if repeat > 1 { format!(r#" table:number-columns-repeated="{repeat}""#) } else { String::new() };
    let annotation =
        if note { "<office:annotation><text:p>toelichting die niet meetelt</text:p></office:annotation>" } else { "" };
    if text.is_empty() {
        return format!("<table:table-cell{repeated}/>");
    }
    let number = text.parse::<f64>().ok().filter(|_| !text.starts_with('0') || text == "0" || text.starts_with("0."));
    match number {
        Some(n) => format!(
            r#"<table:table-cell{repeated} office:value-type="float" office:value="{n}" calcext:value-type="float"><text:p>{}</text:p></table:table-cell>"#,
            text.replace('.', ",")
        ),
        None => format!(
            r#"<table:table-cell{repeated} office:value-type="string">{annotation}<text:p>{}</text:p></table:table-cell>"#,
            escape_with_spaces(text)
        ),
    }
}

/// XML-escaped text, with runs of spaces as `<text:s text:c="N"/>` after the first.
fn escape_with_spaces(text: &str) -> String {
    let mut out = String::new();
    let mut spaces = 0;
    let flush = |out: &mut String, spaces: &mut usize| {
        if *spaces > 0 {
            out.push(' ');
            if *spaces > 1 {
                out.push_str(&format!(r#"<text:s text:c="{}"/>"#, *spaces - 1));
            }
            *spaces = 0;
        }
    };
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        flush(&mut out, &mut spaces);
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    flush(&mut out, &mut spaces);
    out
}
