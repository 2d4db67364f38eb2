//! The steps on a form page of the trajectory journeys (`browser_trajectory.rs`): finding an
//! item (the form shows one section per page), filling in every open item section by section,
//! klassenbezoeken, comments, uploads, submit and confirm.

use koers_e2e::{Element, Fallible, Locator, Page};
use std::path::{Path, PathBuf};

/// The item's article on the form page (going to its section first, see [`show_item`]).
pub async fn item(p: &Page, id: &str) -> Fallible<Element> {
    show_item(p, id).await?;
    p.wait(&format!("#item-{id}")).await
}

/// The form shows one section per page: when the item is not on this one, go to its section
/// (`?item=` is where the form comes back to after a comment or upload too).
pub async fn show_item(p: &Page, id: &str) -> Fallible {
    if p.count(&format!("#item-{id}")).await? == 0 {
        let path = p.path().await?;
        let base = path.split(['?', '#']).next().unwrap_or_default().to_owned();
        p.goto(&format!("{base}?item={id}")).await?;
    }
    Ok(())
}

/// Click an item's "Opslaan" (htmx saves it in place) and wait for its status line.
pub async fn save_item(p: &Page, id: &str) -> Fallible {
    p.client
        .execute(
            "const s = document.getElementById('status-' + arguments[0]); if (s) s.textContent = '';",
            vec![serde_json::json!(id)],
        )
        .await?;
    let article = item(p, id).await?;
    article.find(Locator::Css("form.se-item-form button[type=submit]")).await?.click().await?;
    p.wait_text(&format!("#status-{id}"), "Opgeslagen").await?;
    Ok(())
}

/// Fill in every open item of the form the reader may edit (a rubric 3 with a why, every text
/// field, the first option of a choice), flag the items in `flag` as verbeterpunt with a note,
/// and save each. Returns how many items were saved.
pub async fn fill_open_items(p: &Page, flag: &[&str]) -> Fallible<usize> {
    // One section per page: each section from the form's list of sections, in order.
    let mut sections = Vec::new();
    for a in p.client.find_all(Locator::Css("main nav.se-toc ol a")).await? {
        sections.push(a.attr("href").await?.unwrap_or_default());
    }
    let mut saved = 0;
    for section in sections {
        p.goto(&section).await?;
        p.wait("main section.se-section").await?;
        saved += fill_open_items_here(p, flag).await?;
    }
    Ok(saved)
}

/// [`fill_open_items`] on the section shown.
pub async fn fill_open_items_here(p: &Page, flag: &[&str]) -> Fallible<usize> {
    let forms = p.client.find_all(Locator::Css("form.se-item-form")).await?;
    let mut ids = Vec::new();
    for f in &forms {
        if f.find(Locator::Css("fieldset[disabled]")).await.is_ok() {
            continue;
        }
        let action = f.attr("action").await?.unwrap_or_default();
        ids.push(action.rsplit('/').next().unwrap_or_default().to_owned());
    }
    let mut saved = 0;
    for id in ids {
        let form = item(p, &id).await?.find(Locator::Css("form.se-item-form")).await?;
        let mut changed = false;
        let radios = form.find_all(Locator::Css("input[name=score]")).await?;
        if let Some(r) = radios.get(2)
            && !r.is_selected().await?
        {
            r.click().await?;
            changed = true;
        }
        if let Ok(o) = form.find(Locator::Css("input[name=optie]")).await
            && !o.is_selected().await?
        {
            o.click().await?;
            changed = true;
        }
        for t in form.find_all(Locator::Css("textarea")).await? {
            if t.prop("value").await?.unwrap_or_default().trim().is_empty() {
                t.send_keys("Besproken in het team: we zien dit terug in de lessen en de toetsresultaten.").await?;
                changed = true;
            }
        }
        if flag.contains(&id.as_str()) {
            form.find(Locator::Css("input[name=verbeterpunt]")).await?.click().await?;
            form.find(Locator::Css("input[name='verbeterpunt-toelichting']"))
                .await?
                .send_keys("Hier willen we het komende jaar aan werken.")
                .await?;
            changed = true;
        }
        if changed {
            save_item(p, &id).await?;
            saved += 1;
        }
    }
    Ok(saved)
}

/// Add a klassenbezoek on the PO kijkwijzer (every look-for scored 3) and wait for its row.
pub async fn add_visit(p: &Page, date: &str, group: &str, observer: &str) -> Fallible {
    let id = "op3-klassenbezoeken";
    show_item(p, id).await?;
    let details = p.wait(&format!("#item-{id} details.se-visit")).await?;
    if details.attr("open").await?.is_none() {
        details.find(Locator::Css("summary")).await?.click().await?;
    }
    p.set_date(&format!("#{id}-datum"), date).await?;
    p.wait(&format!("#{id}-groep")).await?.send_keys(group).await?;
    p.wait(&format!("#{id}-observant")).await?.send_keys(observer).await?;
    p.wait(&format!("#{id}-vak")).await?.send_keys("begrijpend lezen").await?;
    for sel in p.client.find_all(Locator::Css(&format!("#item-{id} select"))).await? {
        sel.find(Locator::Css("option[value='3']")).await?.click().await?;
    }
    p.wait(&format!("#{id}-sterk")).await?.send_keys("Heldere lesdoelen op het bord.").await?;
    p.wait(&format!("#{id}-verbeter")).await?.send_keys("Weinig controle op begrip.").await?;
    let visit = item(p, id).await?;
    p.click_and_load(visit.find(Locator::Css("form[action$='/bezoeken'] button[type=submit]")).await?).await?;
    p.wait_text(&format!("#item-{id} table"), group).await?;
    Ok(())
}

/// Comment on item `id` (or answer its thread) and wait for the comment on the page.
pub async fn comment(p: &Page, id: &str, text: &str) -> Fallible {
    show_item(p, id).await?;
    p.wait(&format!("#{id}-opmerking")).await?.send_keys(text).await?;
    let article = item(p, id).await?;
    let button = article.find(Locator::Css("form.se-comment-form button[type=submit]")).await?;
    p.click_and_load(button).await?;
    p.wait_text(&format!("#item-{id} .se-thread"), text).await?;
    Ok(())
}

/// Upload `file` to evidence item `id` (a plain multipart post that comes back to the item).
pub async fn upload(p: &Page, id: &str, file: &Path) -> Fallible {
    show_item(p, id).await?;
    p.wait(&format!("#{id}-bestand")).await?.send_keys(&file.display().to_string()).await?;
    let article = item(p, id).await?;
    let button = article.find(Locator::Css("form.se-upload button[type=submit]")).await?;
    p.click_and_load(button).await?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    p.wait_text(&format!("#item-{id} ul.se-files"), &name).await?;
    Ok(())
}

/// A small real PDF (the upload's type is judged by its content).
pub fn pdf_file(name: &str) -> Fallible<PathBuf> {
    let dir = std::env::temp_dir().join(format!("koers-e2e-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::write(
        &path,
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
    )?;
    Ok(path)
}

/// Submit (school) or confirm (expert) the form: the button at the bottom of the form page.
pub async fn form_status(p: &Page, action: &str, status: &str) -> Fallible {
    p.follow(&format!("main form[action$='/{action}'] button[type=submit]")).await?;
    p.wait_text("main .se-status", status).await?;
    Ok(())
}
