//! The widget in headless Chromium (`cargo test --target wasm32-unknown-unknown --test browser`):
//! mounting, adding a note through the UI, and the localStorage round trip with its failure modes.
#![cfg(target_arch = "wasm32")]

use article_annotator::core::article::SEED_ARTICLE;
use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::core::notes::{
    Note, NoteId, Notes, Target, TextPosition, TextQuote, Timestamp,
};
use article_annotator::core::storage::Envelope;
use article_annotator::core::storage::{backup_key, notes_key};
use article_annotator::embed;
use article_annotator::platform::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

#[path = "support/element_script.rs"]
mod element_script;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

fn host(id: &str) -> Element {
    let el = document().create_element("div").expect("div");
    el.set_id(id);
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

/// The widget's shadow root, where it renders.
fn shadow(root: &Element) -> web_sys::ShadowRoot {
    root.shadow_root()
        .expect("the widget renders in an open shadow root")
}

fn count(root: &Element, selector: &str) -> u32 {
    shadow(root)
        .query_selector_all(selector)
        .expect("selector")
        .length()
}

fn click(root: &Element, selector: &str) {
    shadow(root)
        .query_selector(selector)
        .expect("selector")
        .expect(selector)
        .dyn_into::<HtmlElement>()
        .expect("html element")
        .click();
}

fn mount(root: &Element, text: &str, id: &str) -> embed::Handle {
    let options = embed::Options {
        text: Some(text.to_owned()),
        article_id: Some(id.to_owned()),
        ..Default::default()
    };
    embed::mount(root, options).expect("mounts")
}

/// Opens the first paragraph's editor, checks it took focus, types `text` and saves.
async fn add_note_through_ui(root: &Element, text: &str) {
    click(root, "[data-aa-action=add-note]");
    yew::scheduler::flush().await;
    let field: HtmlTextAreaElement = shadow(root)
        .query_selector("[data-aa-field=note-text]")
        .expect("q")
        .expect("editor open")
        .dyn_into()
        .expect("textarea");
    assert_eq!(
        shadow(root)
            .active_element()
            .map(|e| e.is_same_node(Some(&field))),
        Some(true),
        "the editor takes focus"
    );
    field.set_value(text);
    click(root, "[data-aa-action=save-note]");
    yew::scheduler::flush().await;
}

/// The handle's native export (it throws, in JS, only before the article is shown).
fn export(handle: &embed::Handle) -> String {
    handle
        .export_json()
        .map_err(wasm_bindgen::JsValue::from)
        .expect("exports")
}

/// A number field of a JS object (an import's report).
fn field(v: &wasm_bindgen::JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(v, &key.into())
        .expect("field")
        .as_f64()
        .expect("a number")
}

/// A native export of one note on paragraph `k` of the seed, with `text`.
fn seed_export(k: usize, text: &str) -> String {
    use article_annotator::core::article::Article;
    use article_annotator::core::export::{ExportArticle, NativeExport};
    let a = Article::parse(SEED_ARTICLE).expect("seed");
    let p = &a.paragraphs[k];
    let note = Note {
        id: NoteId::from_random_bytes([k as u8 + 40; 16]),
        target: a.paragraph_target(&p.id).expect("target"),
        text: text.into(),
        ..note("")
    };
    let article = ExportArticle {
        id: "x".into(),
        title: a.title.clone(),
        source: None,
    };
    NativeExport::new(article, vec![note], Timestamp(2))
        .to_json()
        .expect("encodes")
}

/// Waits `ms` milliseconds of the browser's clock.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
}

fn note(text: &str) -> Note {
    Note {
        id: NoteId::from_random_bytes([9; 16]),
        target: Target {
            paragraph: "p2-x".into(),
            passage: false,
            quote: TextQuote {
                exact: "Chiều 3.7".into(),
                prefix: String::new(),
                suffix: ", đồng chí".into(),
            },
            position: TextPosition { start: 0, end: 9 },
        },
        text: text.into(),
        tags: vec![],
        created: Timestamp(1),
        modified: Timestamp(1),
        orphan: false,
        color: None,
    }
}

#[wasm_bindgen_test]
async fn mounting_shows_the_seed_with_highlights() {
    local_storage().clear().expect("clear");
    let root = host("mount-test");
    let _handle = mount(&root, SEED_ARTICLE, "wasm-mount");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".aa-root"), 1);
    assert_eq!(count(&root, "[data-aa-paragraph]"), 6);
    assert_eq!(count(&root, "[data-aa-entity=official]"), 6);
    assert_eq!(count(&root, "[data-aa-entity=title]"), 5);
    assert_eq!(count(&root, "[data-aa-entity=body]"), 27);
    assert_eq!(
        count(&root, "[data-aa-action=add-note]"),
        6,
        "one per paragraph"
    );
    let all_ids_set = shadow(&root)
        .query_selector_all("[data-aa-entity]")
        .expect("q");
    for i in 0..all_ids_set.length() {
        let el: Element = all_ids_set
            .item(i)
            .expect("item")
            .dyn_into()
            .expect("element");
        assert!(
            el.get_attribute("data-aa-entity-id")
                .is_some_and(|id| id.len() > 2),
            "every mention has an entity id"
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn adding_a_note_saves_it_and_exports_it() {
    local_storage().clear().expect("clear");
    let root = host("note-test");
    let handle = mount(&root, SEED_ARTICLE, "wasm-note");
    yew::scheduler::flush().await;
    add_note_through_ui(&root, "Đối chiếu với nghị quyết <b>Đại hội</b>").await;
    assert_eq!(count(&root, ".aa-note"), 1);
    let shown = shadow(&root)
        .query_selector(".aa-note__text")
        .expect("q")
        .expect("note")
        .text_content()
        .unwrap_or_default();
    assert_eq!(
        shown, "Đối chiếu với nghị quyết <b>Đại hội</b>",
        "shown as text, not markup"
    );
    assert_eq!(count(&root, ".aa-note b"), 0);
    // The save comes a moment after the change, outside the frame that shows it.
    assert_eq!(
        local_storage()
            .get_item(&notes_key("wasm-note"))
            .expect("get"),
        None,
        "not written at once"
    );
    sleep_ms(400).await;
    let stored = local_storage()
        .get_item(&notes_key("wasm-note"))
        .expect("get")
        .expect("saved");
    assert!(stored.contains("Đối chiếu với nghị quyết"), "{stored}");
    let json = export(&handle);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["format"], "article-annotator");
    assert_eq!(
        v["annotations"][0]["text"],
        "Đối chiếu với nghị quyết <b>Đại hội</b>"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_save_pending_when_the_widget_is_destroyed_is_done_then() {
    local_storage().clear().expect("clear");
    let root = host("destroy-test");
    let handle = mount(&root, SEED_ARTICLE, "wasm-destroy");
    yew::scheduler::flush().await;
    add_note_through_ui(&root, "ghi chú trước khi gỡ").await;
    assert_eq!(
        local_storage()
            .get_item(&notes_key("wasm-destroy"))
            .expect("get"),
        None,
        "the save is still pending"
    );
    handle.destroy();
    yew::scheduler::flush().await;
    let stored = local_storage()
        .get_item(&notes_key("wasm-destroy"))
        .expect("get")
        .expect("saved on the way out");
    assert!(stored.contains("ghi chú trước khi gỡ"), "{stored}");
    root.remove();
}

/// A host page's script imports two files in one task, reading the notes back after each: every
/// call sees the ones before it, nothing is lost after the render, the save or a remount.
#[wasm_bindgen_test]
async fn two_imports_in_one_task_are_both_kept_and_read_back_at_once() {
    local_storage().clear().expect("clear");
    let root = host("two-imports");
    let handle = mount(&root, SEED_ARTICLE, "wasm-two-imports");
    yew::scheduler::flush().await;
    add_note_through_ui(&root, "ghi chú có sẵn").await;
    let (file_a, file_b) = (seed_export(2, "từ tệp A"), seed_export(3, "từ tệp B"));
    // One task: no render, no timer in between.
    let first = handle.import_json(file_a.clone());
    let after_a = export(&handle);
    let second = handle.import_json(file_b);
    let after_b = export(&handle);
    let again = handle.import_json(file_a);
    assert_eq!(
        (field(&first, "added"), field(&second, "added")),
        (1.0, 1.0)
    );
    assert_eq!(
        (field(&again, "added"), field(&again, "skipped")),
        (0.0, 1.0)
    );
    assert!(
        after_a.contains("từ tệp A") && after_a.contains("ghi chú có sẵn"),
        "{after_a}"
    );
    assert!(!after_a.contains("từ tệp B"));
    for text in ["ghi chú có sẵn", "từ tệp A", "từ tệp B"] {
        assert!(after_b.contains(text), "{text}: {after_b}");
    }
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".aa-note"), 3, "all shown after the render");
    sleep_ms(400).await;
    let stored = local_storage()
        .get_item(&notes_key("wasm-two-imports"))
        .expect("get")
        .expect("saved");
    assert!(
        stored.contains("từ tệp A") && stored.contains("từ tệp B"),
        "{stored}"
    );
    handle.destroy();
    let handle = mount(&root, SEED_ARTICLE, "wasm-two-imports");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, ".aa-note"), 3, "all there after a remount");
    let json = export(&handle);
    assert!(
        json.contains("từ tệp A") && json.contains("từ tệp B"),
        "{json}"
    );
    root.remove();
}

/// Another tab (a newer widget) saves a newer-version envelope; this tab then adds a note. The
/// other tab's value stays exactly as written, the reader is told, the host page hears of it
/// (`article-annotator:error`, code `load`), and the note is kept in the page and exported.
#[wasm_bindgen_test]
async fn a_newer_envelope_from_another_tab_is_never_overwritten() {
    local_storage().clear().expect("clear");
    let root = host("newer-tab");
    let codes: Rc<RefCell<Vec<String>>> = Rc::default();
    let _on_error = {
        let codes = codes.clone();
        gloo::events::EventListener::new(&root, "article-annotator:error", move |e| {
            let detail = e
                .dyn_ref::<web_sys::CustomEvent>()
                .map(web_sys::CustomEvent::detail)
                .expect("detail");
            let code = js_sys::Reflect::get(&detail, &"code".into()).expect("code");
            codes
                .borrow_mut()
                .push(code.as_string().unwrap_or_default());
        })
    };
    let handle = mount(&root, SEED_ARTICLE, "wasm-newer-tab");
    yew::scheduler::flush().await;
    let key = notes_key("wasm-newer-tab");
    let newer = r#"{"format":"article-annotator/notes","version":3,"article_id":"wasm-newer-tab","notes":[],"pages":{"a":1}}"#;
    // What the other tab does: write, and this tab hears of it through the `storage` event.
    local_storage().set_item(&key, newer).expect("set");
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&key));
    init.set_new_value(Some(newer));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&event)
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(*codes.borrow(), vec!["load".to_owned()]);
    let status = || {
        shadow(&root)
            .query_selector(".aa-status")
            .expect("q")
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert!(status().contains("phiên bản mới hơn"), "{}", status());
    add_note_through_ui(&root, "ghi chú sau khi tab kia ghi").await;
    sleep_ms(400).await;
    assert_eq!(
        local_storage().get_item(&key).expect("get").as_deref(),
        Some(newer),
        "the other tab's value is intact"
    );
    assert!(status().contains("ghi đè"), "{}", status());
    assert!(export(&handle).contains("ghi chú sau khi tab kia ghi"));
    assert_eq!(count(&root, ".aa-note"), 1, "the note stays in the page");
    root.remove();
}

/// A save never replaces a value this version cannot read; a readable one it does replace.
#[wasm_bindgen_test]
fn a_save_refuses_to_overwrite_what_it_cannot_read() {
    local_storage().clear().expect("clear");
    let notes = Notes {
        notes: vec![note("mới").into()],
        deleted: vec![],
    };
    let key = notes_key("wasm-protect");
    for raw in [
        "{broken",
        r#"{"format":"article-annotator/notes","version":9}"#,
        r#"{"something":"else"}"#,
    ] {
        local_storage().set_item(&key, raw).expect("set");
        let err = storage::save("wasm-protect", &notes, Timestamp(5)).expect_err(raw);
        assert!(
            matches!(err, storage::SaveError::Protected(_)),
            "{raw}: {err}"
        );
        assert_eq!(
            local_storage().get_item(&key).expect("get").as_deref(),
            Some(raw)
        );
    }
    let old = Envelope::new("wasm-protect", &Notes::default(), Timestamp(1))
        .encode()
        .expect("encodes");
    local_storage().set_item(&key, &old).expect("set");
    storage::save("wasm-protect", &notes, Timestamp(5)).expect("a readable value is replaced");
    assert_eq!(storage::load("wasm-protect", Timestamp(6)).notes, notes);
}

#[wasm_bindgen_test]
fn storage_round_trip() {
    local_storage().clear().expect("clear");
    let notes = Notes {
        notes: vec![note("một").into()],
        deleted: vec![],
    };
    storage::save("wasm-rt", &notes, Timestamp(5)).expect("save");
    let loaded = storage::load("wasm-rt", Timestamp(6));
    assert!(loaded.problem.is_none());
    assert_eq!(loaded.notes, notes);
}

#[wasm_bindgen_test]
fn corrupt_storage_is_kept_aside_untouched() {
    local_storage().clear().expect("clear");
    local_storage()
        .set_item(&notes_key("wasm-bad"), "{broken")
        .expect("set");
    let loaded = storage::load("wasm-bad", Timestamp(77));
    assert!(loaded.notes.is_empty());
    assert!(
        matches!(
            &loaded.problem,
            Some(storage::LoadProblem::Unreadable {
                backup: Some(_),
                ..
            })
        ),
        "{:?}",
        loaded.problem
    );
    assert_eq!(
        local_storage()
            .get_item(&backup_key("wasm-bad", "{broken"))
            .expect("get")
            .as_deref(),
        Some("{broken")
    );
    assert_eq!(
        local_storage()
            .get_item(&notes_key("wasm-bad"))
            .expect("get")
            .as_deref(),
        Some("{broken"),
        "loading writes nothing"
    );
    // The value is still there at the next load: it is not copied again.
    let again = storage::load("wasm-bad", Timestamp(99));
    assert!(
        matches!(
            &again.problem,
            Some(storage::LoadProblem::Unreadable { backup: Some(k), .. })
                if *k == backup_key("wasm-bad", "{broken")
        ),
        "{:?}",
        again.problem
    );
    assert_eq!(
        local_storage().length().expect("length"),
        2,
        "the value and one copy"
    );
}

#[wasm_bindgen_test]
fn newer_envelope_is_kept_aside() {
    local_storage().clear().expect("clear");
    let raw = r#"{"format":"article-annotator/notes","version":7,"notes":[]}"#;
    local_storage()
        .set_item(&notes_key("wasm-new"), raw)
        .expect("set");
    let loaded = storage::load("wasm-new", Timestamp(8));
    assert!(
        matches!(
            &loaded.problem,
            Some(storage::LoadProblem::Unreadable {
                why: article_annotator::core::storage::StorageError::NewerVersion { found: 7 },
                ..
            })
        ),
        "{:?}",
        loaded.problem
    );
    assert_eq!(
        local_storage()
            .get_item(&backup_key("wasm-new", raw))
            .expect("get")
            .as_deref(),
        Some(raw)
    );
}

#[wasm_bindgen_test]
fn a_full_storage_is_an_error_not_a_panic() {
    local_storage().clear().expect("clear");
    // Fill localStorage until the browser refuses even a small value (quota exceeded).
    let mut i = 0;
    for size in [512 * 1024, 32 * 1024, 1024, 16] {
        let chunk = "x".repeat(size);
        while i < 10_000
            && local_storage()
                .set_item(&format!("filler-{i}"), &chunk)
                .is_ok()
        {
            i += 1;
        }
    }
    assert!(i < 10_000, "the quota was reached");
    let notes = Notes {
        notes: vec![note("một ghi chú").into()],
        deleted: vec![],
    };
    let err = storage::save("wasm-full", &notes, Timestamp(5)).expect_err("the write fails");
    assert!(matches!(err, storage::SaveError::Full(_)), "{err}");
    local_storage().clear().expect("clear");
}

#[wasm_bindgen_test]
fn another_tabs_save_arrives_through_the_storage_event() {
    let got: Rc<RefCell<Option<Notes>>> = Rc::default();
    let unreadable = Rc::new(std::cell::Cell::new(0));
    let (sink, bad) = (got.clone(), unreadable.clone());
    let listener = storage::watch("wasm-tabs", move |notes| match notes {
        Ok(notes) => *sink.borrow_mut() = Some(notes),
        Err(_) => bad.set(bad.get() + 1),
    });
    assert!(listener.is_some());
    let other = Notes {
        notes: vec![note("từ tab khác").into()],
        deleted: vec![],
    };
    let fire = |key: &str, value: &str| {
        let init = web_sys::StorageEventInit::new();
        init.set_key(Some(key));
        init.set_new_value(Some(value));
        let event =
            web_sys::StorageEvent::new_with_event_init_dict("storage", &init).expect("event");
        web_sys::window()
            .expect("window")
            .dispatch_event(&event)
            .expect("dispatch");
    };
    fire(
        "article-annotator:notes:another-article",
        &Envelope::new("x", &other, Timestamp(1))
            .encode()
            .expect("encodes"),
    );
    assert!(got.borrow().is_none(), "another article's key is not ours");
    fire(&notes_key("wasm-tabs"), "{corrupt");
    assert!(got.borrow().is_none(), "an unreadable value is not notes");
    assert_eq!(unreadable.get(), 1, "but it is reported");
    fire(
        &notes_key("wasm-tabs"),
        &Envelope::new("wasm-tabs", &other, Timestamp(1))
            .encode()
            .expect("encodes"),
    );
    assert_eq!(got.borrow().as_ref(), Some(&other));
    drop(listener);
}

#[wasm_bindgen_test]
async fn decomposed_text_is_normalised_by_the_browser() {
    // The wasm carries no normalisation tables: the browser's String.prototype.normalize does it.
    let nfd: String = js_sys::JsString::from(SEED_ARTICLE).normalize("NFD").into();
    assert_ne!(nfd, SEED_ARTICLE);
    local_storage().clear().expect("clear");
    let root = host("nfd-test");
    let _handle = mount(&root, &nfd, "wasm-nfd");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-aa-entity=body]"), 27);
    assert_eq!(count(&root, "[data-aa-entity=official]"), 6);
    let text = shadow(&root)
        .query_selector("[data-aa-paragraph]")
        .expect("q")
        .expect("p")
        .text_content()
        .unwrap_or_default();
    assert!(text.contains("Tỉnh ủy"), "shown in NFC");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_hosts_own_paragraphs_are_annotated_in_place_and_destroy_cleans_up() {
    local_storage().clear().expect("clear");
    let root = host("host-markup");
    root.set_inner_html("<h1>Bí thư Tỉnh ủy làm việc với Sở Y tế</h1><p>Sáng 3.7, Bí thư Tỉnh ủy Trần Đức Thắng làm việc với Sở Y tế.</p><p>Ông Thắng đề nghị UBND tỉnh quan tâm.</p>");
    let before = root.inner_html();
    let handle = embed::mount(
        &root,
        embed::Options {
            article_id: Some("wasm-host".into()),
            in_place: Some(element_script::in_place()),
            ..Default::default()
        },
    )
    .expect("mounts");
    yew::scheduler::flush().await;
    let tools = root.query_selector_all("aa-tools[data-aa-ui]").expect("q");
    assert_eq!(
        tools.length(),
        2,
        "controls beside the host's two paragraphs"
    );
    for i in 0..tools.length() {
        let place: Element = tools.item(i).expect("item").dyn_into().expect("element");
        let add = place
            .shadow_root()
            .expect("an open shadow root")
            .query_selector("[data-aa-action=add-note]")
            .expect("q");
        assert!(add.is_some(), "block {i} has its add-note button");
    }
    assert_eq!(
        highlights("aa-official"),
        3,
        "the title alone in the heading, the name, the given name"
    );
    assert!(highlights("aa-body") >= 2);
    handle.destroy();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, ".aa-root"),
        0,
        "nothing is left after destroy()"
    );
    assert_eq!(root.inner_html(), before, "the host's own markup as it was");
    assert_eq!(highlights("aa-official"), 0);
    root.remove();
}

/// How many ranges `CSS.highlights` has under `name` (0 when there is none).
fn highlights(name: &str) -> u32 {
    let highlight = element_script::css_highlight(name);
    js_sys::Reflect::get(&highlight, &"size".into())
        .ok()
        .and_then(|n| n.as_f64())
        .map_or(0, |n| n as u32)
}

#[wasm_bindgen_test]
async fn an_unreadable_article_shows_a_message_and_fires_an_error() {
    let root = host("bad-article");
    let got: Rc<RefCell<Option<String>>> = Rc::default();
    let sink = got.clone();
    let listener = gloo::events::EventListener::new(&root, "article-annotator:error", move |e| {
        let detail = e
            .dyn_ref::<web_sys::CustomEvent>()
            .map(|c| c.detail())
            .unwrap_or(wasm_bindgen::JsValue::NULL);
        *sink.borrow_mut() = js_sys::Reflect::get(&detail, &"message".into())
            .ok()
            .and_then(|m| m.as_string());
    });
    let _handle = mount(&root, "   \n\n  ", "wasm-bad");
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[role=alert]"), 1);
    assert!(
        got.borrow().as_deref().is_some_and(|m| m.contains("trống")),
        "{:?}",
        got.borrow()
    );
    drop(listener);
    root.remove();
}

/// Selections made in the DOM, turned into code points of the paragraph's text: table-driven, with
/// Vietnamese text in NFC and NFD, an astral character (two UTF-16 units) and element boundaries.
#[wasm_bindgen_test]
fn selections_become_code_point_offsets() {
    use article_annotator::core::text::char_idx_from_utf16;
    use article_annotator::core::unicode::nfc;
    use article_annotator::platform::selection::selection_in;

    article_annotator::platform::install_unicode();
    let p = document().create_element("p").expect("p");
    p.set_id("selection-table");
    // Children: 0 text, 1 <mark>, 2 text (with an emoji), 3 <span> holding NFD text.
    let nfd_tinh_uy = "Ti\u{0309}nh u\u{0309}y";
    p.set_inner_html(&format!(
        "Đồng chí <mark>Phạm Xuân Thăng</mark>, 😀 Phó Bí thư <span>{nfd_tinh_uy}</span> họp"
    ));
    document()
        .body()
        .expect("body")
        .append_child(&p)
        .expect("append");
    let text = p.text_content().unwrap_or_default();
    let kids = p.child_nodes();
    let node = |path: &[u32]| -> web_sys::Node {
        let mut n: web_sys::Node = p.clone().into();
        for &i in path {
            n = n.child_nodes().item(i).expect("child");
        }
        n
    };
    assert_eq!(kids.length(), 5);
    // (start node, offset, end node, offset) in the DOM's units → the text selected, as code points.
    type Case<'a> = (&'a [u32], u32, &'a [u32], u32, &'a str);
    let cases: &[Case] = &[
        (&[0], 0, &[0], 8, "Đồng chí"),
        (&[0], 9, &[1, 0], 4, "Phạm"),
        (&[], 1, &[], 2, "Phạm Xuân Thăng"),
        (&[1, 0], 5, &[2], 2, "Xuân Thăng, "),
        // After the emoji: its two UTF-16 units are one code point.
        (&[2], 5, &[2], 8, "Phó"),
        (&[2], 2, &[2], 8, "😀 Phó"),
        // NFD: each combining mark is a code point of its own, as in the text given.
        (&[3, 0], 0, &[3, 0], 5, "Tỉnh"),
        (&[3, 0], 6, &[4], 3, "ủy họ"),
    ];
    let selection = web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .expect("selection");
    let mut failures = Vec::new();
    for (sp, so, ep, eo, want) in cases {
        let range = document().create_range().expect("range");
        range.set_start(&node(sp), *so).expect("start");
        range.set_end(&node(ep), *eo).expect("end");
        selection.remove_all_ranges().expect("clear");
        selection.add_range(&range).expect("select");
        let got = selection_in(&p).map(|(a, b)| {
            let (a, b) = (char_idx_from_utf16(&text, a), char_idx_from_utf16(&text, b));
            text.chars().skip(a).take(b - a).collect::<String>()
        });
        let dom = String::from(selection.to_string());
        // The text selected is the DOM's, code point for code point (NFD stays NFD).
        let ok = got.as_deref().is_some_and(|g| g == dom && nfc(g) == *want);
        if !ok {
            failures.push(format!(
                "{sp:?}:{so}..{ep:?}:{eo}: got {got:?}, the DOM says {dom:?}, want {want:?}"
            ));
        }
    }
    // A selection reaching outside the paragraph is not a passage of it.
    let outside = document().create_range().expect("range");
    outside.set_start(&node(&[0]), 0).expect("start");
    let body = document().body().expect("body");
    outside
        .set_end(&body, body.child_nodes().length())
        .expect("end");
    selection.remove_all_ranges().expect("clear");
    selection.add_range(&outside).expect("select");
    if selection_in(&p).is_some() {
        failures.push("a selection reaching outside the paragraph was taken".into());
    }
    selection.remove_all_ranges().expect("clear");
    p.remove();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The exports are written compact by the core and indented by the browser: the text must be
/// byte for byte what serde_json's pretty printer writes (native and W3C), whatever the notes
/// hold — quotes, backslashes, control characters, U+2028, astral characters, empty lists.
#[wasm_bindgen_test]
fn exports_indented_by_the_browser_match_serde_json_pretty() {
    use article_annotator::core::article::Article;
    use article_annotator::core::export::{ExportArticle, NativeExport};
    use article_annotator::core::w3c::{to_w3c_compact_json, to_w3c_json};
    use article_annotator::platform::json::pretty;

    let a = Article::parse(SEED_ARTICLE).expect("seed");
    let texts = [
        "Ghi chú \"đậm\" \\ <b>x</b> / 😀",
        "dòng 1\ndòng 2\tcột\r\u{0}\u{1f}\u{7f}",
        "đoạn\u{2028}mới\u{2029} 𝔘 \u{feff}",
    ];
    let notes: Vec<Note> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Note {
            id: NoteId::from_random_bytes([i as u8 + 60; 16]),
            target: a.paragraph_target(&a.paragraphs[i].id).expect("target"),
            text: (*text).into(),
            tags: if i == 1 {
                vec!["nhân sự".into(), "a\"b".into()]
            } else {
                vec![]
            },
            ..note("")
        })
        .collect();
    let article = ExportArticle {
        id: "bài-1".into(),
        title: a.title.clone(),
        source: Some("https://example.vn/bài?a=1&b=\"2\"".into()),
    };
    let cases = [
        NativeExport::new(article.clone(), notes, Timestamp(1_593_778_153_000)),
        NativeExport::new(article, vec![], Timestamp(2)),
    ];
    for export in &cases {
        let native = export.to_compact_json().expect("encodes");
        assert_eq!(pretty(native), export.to_json().expect("encodes"));
        let w3c = to_w3c_compact_json(export, "vi", None).expect("encodes");
        assert_eq!(
            pretty(w3c),
            to_w3c_json(export, "vi", None).expect("encodes")
        );
    }
}

/// The sync's database URL: http(s) only, resolved against the page, no credentials, no trailing
/// slash, query or fragment.
#[cfg(feature = "sync")]
#[wasm_bindgen_test]
fn the_sync_url_is_http_and_carries_no_credentials() {
    use article_annotator::platform::sync_client::database_url;
    let origin = web_sys::window()
        .expect("window")
        .location()
        .origin()
        .expect("origin");
    let cases: [(&str, Option<String>); 7] = [
        (
            "https://sync.bao.example/ghi-chu/",
            Some("https://sync.bao.example/ghi-chu".into()),
        ),
        (
            " http://127.0.0.1:5984/notes?x=1#y ",
            Some("http://127.0.0.1:5984/notes".into()),
        ),
        ("/couch/notes", Some(format!("{origin}/couch/notes"))),
        ("javascript:alert(1)", None),
        ("data:text/plain,x", None),
        ("https://admin:secret@sync.bao.example/ghi-chu", None),
        ("http://[::1", None),
    ];
    for (raw, want) in cases {
        assert_eq!(database_url(raw), want, "{raw}");
    }
}

/// A request nobody answers comes back as status 0 (offline), never as a panic or a hang.
#[cfg(feature = "sync")]
#[wasm_bindgen_test]
async fn a_sync_request_nobody_answers_is_offline() {
    use article_annotator::core::sync::{info_request, selector_filter_supported, SyncError};
    use article_annotator::platform::sync_client::send;
    // Port 1 on loopback: refused (or blocked by the browser), in either case no answer.
    let answer = send("http://127.0.0.1:1/db", &info_request())
        .await
        .expect("no answer is an answer of status 0");
    assert_eq!(answer.status, 0);
    assert!(matches!(
        selector_filter_supported(&answer),
        Err(SyncError::Offline)
    ));
}
