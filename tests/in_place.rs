//! In place, in headless Chromium (`cargo test --target wasm32-unknown-unknown --test in_place`):
//! the element script's DOM work (its `HostDoc` class, evaluated here from
//! `src/embed/article-annotator-element.js` itself) with the Rust side that drives it
//! (`platform::in_place::HostDoc`, the core's text mapping): the text blocks read from a news
//! page's own markup, DOM points and selections as code points, highlights registered in
//! `CSS.highlights`, the `<mark>` fallback and its exact undoing, and changes to the article
//! reported.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::core::article::ParagraphKind;
use article_annotator::core::host::{Highlight, HighlightRange, Region};
use article_annotator::core::notes::NoteColor;
use article_annotator::core::recognize::Label;
use article_annotator::platform::in_place::{HostDoc, HostError, InPlace, Selectors};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, Node};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/element_script.rs"]
mod element_script;

/// A news article's body as a Vietnamese news site marks it up (constant, trusted markup): the
/// title, a sapo in bold, a photo with its caption, links and emphasis (one splitting a word), a
/// subheading, a list, a quote, a table, a related-articles box, an ad slot, hidden paragraphs and
/// a script.
const PAGE: &str = r#"
  <h1>UBND tỉnh  Hải Dương tổng kết cải cách hành chính</h1>
  <time datetime="2021-03-12T08:30">12/03/2021 08:30</time>
  <p class="sapo"><strong>Sáng 12.3, UBND tỉnh Hải Dương tổ chức hội nghị tổng kết.</strong></p>
  <figure>
    <img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" alt="Quang cảnh hội nghị">
    <figcaption>Đồng chí Trần Văn Nam, Phó Chủ tịch UBND tỉnh, phát biểu.</figcaption>
  </figure>
  <p>Theo <a href="/so-noi-vu">Sở Nội vụ</a>, năm qua tỉnh đã <em>cắt giảm</em> 120 thủ tục;
     <strong>Ban Chỉ đạo</strong> đánh giá cao.<br>Kết quả được công bố công khai.</p>
  <h2>Nhiệm vụ năm tới</h2>
  <ul>
    <li>Sở Tư pháp rà soát văn bản.</li>
    <li>Công an tỉnh đẩy mạnh dịch vụ công.</li>
  </ul>
  <blockquote><p>“Phải lấy người dân làm trung tâm”, đồng chí nhấn mạnh.</p></blockquote>
  <table><tbody><tr><td>Chỉ số PAR</td><td>Xếp thứ <b>12</b></td></tr></tbody></table>
  <aside class="related"><p>Tin liên quan: hội nghị khác</p></aside>
  <div data-ad="inline"><p>Quảng cáo</p></div>
  <p hidden>Đoạn ẩn không được đọc.</p>
  <p style="display: none">Cũng ẩn.</p>
  <p style="visibility: hidden">Vô hình.</p>
  <script>window.__notText = "không phải văn bản";</script>
  <p>Báo cáo do đồng chí Lê Thị Ho<em>àng</em> trình bày.</p>
"#;

/// The blocks the page has, in order, with their kinds.
const BLOCKS: [(&str, ParagraphKind); 10] = [
    (
        "Sáng 12.3, UBND tỉnh Hải Dương tổ chức hội nghị tổng kết.",
        ParagraphKind::Lead,
    ),
    (
        "Đồng chí Trần Văn Nam, Phó Chủ tịch UBND tỉnh, phát biểu.",
        ParagraphKind::Caption,
    ),
    (
        "Theo Sở Nội vụ, năm qua tỉnh đã cắt giảm 120 thủ tục; Ban Chỉ đạo đánh giá cao. Kết quả được công bố công khai.",
        ParagraphKind::Body,
    ),
    ("Nhiệm vụ năm tới", ParagraphKind::Body),
    ("Sở Tư pháp rà soát văn bản.", ParagraphKind::Body),
    ("Công an tỉnh đẩy mạnh dịch vụ công.", ParagraphKind::Body),
    (
        "“Phải lấy người dân làm trung tâm”, đồng chí nhấn mạnh.",
        ParagraphKind::Body,
    ),
    ("Chỉ số PAR", ParagraphKind::Body),
    ("Xếp thứ 12", ParagraphKind::Body),
    ("Báo cáo do đồng chí Lê Thị Hoàng trình bày.", ParagraphKind::Body),
];

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh article element holding [`PAGE`], in the page.
fn page(id: &str) -> Element {
    article_annotator::platform::install_unicode();
    let host = document().create_element("article").expect("article");
    host.set_id(id);
    // A test fixture: constant markup written above, no outside text.
    host.set_inner_html(PAGE);
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

fn open(host: &Element, selectors: &Selectors) -> Result<HostDoc, HostError> {
    let script = element_script::in_place();
    HostDoc::open(
        script.unchecked_ref::<InPlace>(),
        host,
        selectors,
        None,
        None,
    )
}

fn read(host: &Element) -> HostDoc {
    open(host, &Selectors::new(None, None)).expect("reads")
}

/// The host's markup without the widget's own elements (`data-aa-ui`: the controls' places).
fn markup(host: &Element) -> String {
    let copy: Element = host
        .clone_node_with_deep(true)
        .expect("clone")
        .unchecked_into();
    let own = copy.query_selector_all("[data-aa-ui]").expect("q");
    for i in 0..own.length() {
        if let Some(e) = own.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            e.remove();
        }
    }
    copy.inner_html()
}

/// Selects DOM points `start..end` in the page, as a reader would.
fn select(start: (&Node, u32), end: (&Node, u32)) {
    let range = document().create_range().expect("range");
    range.set_start(start.0, start.1).expect("start");
    range.set_end(end.0, end.1).expect("end");
    let selection = web_sys::window()
        .expect("window")
        .get_selection()
        .expect("ok")
        .expect("a selection");
    selection.remove_all_ranges().expect("clear");
    selection.add_range(&range).expect("select");
}

fn texts(dom: &HostDoc) -> Vec<&str> {
    dom.article.blocks.iter().map(|b| b.text.text()).collect()
}

/// Code points of the first `needle` in block `block`'s text.
#[track_caller]
fn find(dom: &HostDoc, block: usize, needle: &str) -> (usize, usize) {
    let text = dom.article.blocks[block].text.text();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn range<'a>(
    dom: &HostDoc,
    block: usize,
    needle: &str,
    highlight: Highlight<'a>,
) -> HighlightRange<'a> {
    let (start, end) = find(dom, block, needle);
    HighlightRange {
        region: Region::Block(block),
        start,
        end,
        highlight,
    }
}

fn entity(label: Label, id: &str, chosen: bool) -> Highlight<'_> {
    Highlight::Entity {
        label,
        entity: id,
        chosen,
    }
}

/// The ranges the painting tests paint: entities in the title, a caption, a link, a list item,
/// across emphasis, and a note passage across a link and emphasis.
fn sample_ranges(dom: &HostDoc) -> Vec<HighlightRange<'static>> {
    let (start, end) = {
        let title = dom.article.heading.as_ref().expect("h1").text();
        let byte = title.find("UBND tỉnh Hải Dương").expect("in the title");
        let start = title[..byte].chars().count();
        (start, start + "UBND tỉnh Hải Dương".chars().count())
    };
    vec![
        HighlightRange {
            region: Region::Title,
            start,
            end,
            highlight: entity(Label::Body, "e-ubnd", false),
        },
        range(
            dom,
            1,
            "Trần Văn Nam",
            entity(Label::Official, "e-nam", false),
        ),
        range(
            dom,
            1,
            "Phó Chủ tịch UBND tỉnh",
            entity(Label::Title, "e-nam", false),
        ),
        range(dom, 2, "Sở Nội vụ", entity(Label::Body, "e-snv", true)),
        range(dom, 4, "Sở Tư pháp", entity(Label::Body, "e-stp", false)),
        range(
            dom,
            9,
            "Lê Thị Hoàng",
            entity(Label::Official, "e-hoang", false),
        ),
        range(
            dom,
            2,
            "Nội vụ, năm qua tỉnh đã cắt",
            Highlight::Note {
                id: "n1",
                color: Some(NoteColor::Green),
            },
        ),
    ]
}

/// The texts of the ranges registered under `name` in `CSS.highlights`, sorted.
fn highlight_texts(name: &str) -> Vec<String> {
    let highlight = element_script::css_highlight(name);
    if highlight.is_undefined() {
        return Vec::new();
    }
    let mut out: Vec<String> = js_sys::Array::from(&highlight)
        .iter()
        .map(|r| {
            let r: web_sys::AbstractRange = r.dyn_into().expect("a range");
            let live = document().create_range().expect("range");
            live.set_start(&r.start_container(), r.start_offset())
                .expect("start");
            live.set_end(&r.end_container(), r.end_offset())
                .expect("end");
            String::from(live.to_string())
        })
        .collect();
    out.sort();
    out
}

fn strings(v: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| (*s).to_owned()).collect();
    out.sort();
    out
}

#[wasm_bindgen_test]
fn blocks_are_read_in_order_across_inline_elements() {
    let host = page("read-blocks");
    let before = host.inner_html();
    let dom = read(&host);
    let got: Vec<(&str, ParagraphKind)> = dom
        .article
        .blocks
        .iter()
        .map(|b| (b.text.text(), b.kind))
        .collect();
    assert_eq!(got, BLOCKS);
    assert_eq!(
        dom.article.title,
        "UBND tỉnh Hải Dương tổng kết cải cách hành chính"
    );
    let article = dom.article.article(dom.date.as_deref()).expect("article");
    assert_eq!(
        article.date.map(|d| d.iso()).as_deref(),
        Some("2021-03-12T08:30:00")
    );
    assert_eq!(article.paragraphs.len(), BLOCKS.len());
    assert!(article.paragraphs[2].id.starts_with("p2-"));
    // The same markup gives the same ids (the controls' places are not read).
    assert_eq!(read(&host).article, dom.article);
    // Each block's element is the one in the page.
    let quote_p = host.query_selector("blockquote p").expect("q").expect("p");
    assert!(dom
        .element(Region::Block(6))
        .is_some_and(|e| e.is_same_node(Some(&quote_p))));
    let h1 = host.query_selector("h1").expect("q").expect("h1");
    assert!(dom
        .element(Region::Title)
        .is_some_and(|e| e.is_same_node(Some(&h1))));
    // One place for controls per block: after it, or inside list items and table cells.
    assert_eq!(dom.targets().len(), BLOCKS.len());
    assert_eq!(
        host.query_selector_all("aa-tools[data-aa-ui]")
            .expect("q")
            .length() as usize,
        BLOCKS.len()
    );
    let li = host.query_selector("li").expect("q").expect("li");
    assert_eq!(
        li.last_element_child().map(|e| e.local_name()).as_deref(),
        Some("aa-tools")
    );
    let tools = quote_p.next_element_sibling().expect("after the block");
    assert_eq!(tools.local_name(), "aa-tools");
    let root = tools.shadow_root().expect("an open shadow root");
    assert!(root.query_selector(".aa-block-tools").expect("q").is_some());
    assert_eq!(
        li.text_content().as_deref(),
        Some(BLOCKS[4].0),
        "the controls are not the block's text"
    );
    drop(dom);
    assert_eq!(host.inner_html(), before, "closed, the controls' places go");
    host.remove();
}

#[wasm_bindgen_test]
fn blocks_and_skip_are_set_by_the_host() {
    let host = page("read-selectors");
    let dom = open(&host, &Selectors::new(Some("p"), Some(".sapo"))).expect("reads");
    assert_eq!(
        texts(&dom),
        [
            BLOCKS[2].0,
            BLOCKS[6].0,
            "Tin liên quan: hội nghị khác",
            "Quảng cáo",
            BLOCKS[9].0,
        ],
        "only <p>, the sapo skipped; the aside and the ad no longer are; hidden ones still are"
    );
    drop(dom);
    let before = host.inner_html();
    for (blocks, skip, attribute) in [(Some("p[["), None, "blocks"), (None, Some("..x"), "skip")] {
        match open(&host, &Selectors::new(blocks, skip)) {
            Err(HostError::BadSelector { attribute: a, .. }) => assert_eq!(a, attribute),
            Err(e) => panic!("{attribute}: {e}"),
            Ok(_) => panic!("{attribute}: read"),
        }
    }
    assert_eq!(
        host.inner_html(),
        before,
        "nothing added when reading fails"
    );
    // Only hidden text: no block, and the article says so.
    let empty = document().create_element("div").expect("div");
    let hidden = document().create_element("p").expect("p");
    hidden.set_attribute("hidden", "").expect("hidden");
    hidden.set_text_content(Some("Ẩn"));
    empty.append_child(&hidden).expect("append");
    document()
        .body()
        .expect("body")
        .append_child(&empty)
        .expect("append");
    let dom = read(&empty);
    assert!(dom.article.blocks.is_empty());
    assert!(dom.article.article(None).is_err());
    empty.remove();
    host.remove();
}

#[wasm_bindgen_test]
fn decomposed_text_and_dom_points() {
    let host = page("read-points");
    // A paragraph in NFD, its tone marks split from their letters by the browser's own normaliser.
    let p = document().create_element("p").expect("p");
    let nfd = js_sys::JsString::from("Chủ tịch UBND tỉnh ký quyết định.").normalize("NFD");
    let text = document().create_text_node(&String::from(nfd));
    p.append_child(&text).expect("append");
    host.append_child(&p).expect("append");
    let dom = read(&host);
    let last = dom.article.blocks.len() - 1;
    assert_eq!(
        dom.article.blocks[last].text.text(),
        "Chủ tịch UBND tỉnh ký quyết định."
    );
    let (start, end) = find(&dom, last, "UBND");
    let spans = dom.article.blocks[last].text.spans(start, end);
    assert_eq!(spans.len(), 1);
    assert_eq!(
        (spans[0].start_utf16, spans[0].end_utf16),
        (11, 15),
        "UTF-16 of the NFD text"
    );
    // The same DOM points, selected, are those code points.
    select((&text, 11), (&text, 15));
    assert_eq!(dom.selection_in(last), Some((start, end)));
    assert_eq!(dom.selection_in(2), None, "not in that block");
    // A point in the link's text, and a point between elements (the start of the next text).
    let link_text = host
        .query_selector("a")
        .expect("q")
        .expect("a")
        .first_child()
        .expect("text");
    select((&link_text, 3), (&link_text, 5));
    let at = "Theo Sở ".chars().count();
    assert_eq!(dom.selection_in(2), Some((at, at + 2)));
    let li = host.query_selector("li").expect("q").expect("li");
    let li_text = li.first_child().expect("text");
    select((&li_text, 0), (&li, 1));
    assert_eq!(dom.selection_in(4), Some((0, BLOCKS[4].0.chars().count())));
    let outside = host.query_selector("figure").expect("q").expect("figure");
    select((&outside, 0), (&li_text, 3));
    assert_eq!(dom.selection_in(4), None, "from outside any block");
    host.remove();
}

#[wasm_bindgen_test]
fn highlights_are_registered_by_name_and_the_page_is_untouched() {
    let host = page("paint-api");
    let sheets_before = document().adopted_style_sheets().length();
    let dom = read(&host);
    let before = host.inner_html();
    assert!(dom.uses_api(), "Chromium has the Custom Highlight API");
    assert_eq!(
        document().adopted_style_sheets().length(),
        sheets_before + 1
    );
    let ranges = sample_ranges(&dom);
    assert_eq!(dom.paint(&ranges), ranges.len());
    assert_eq!(
        highlight_texts("aa-official"),
        strings(&["Lê Thị Hoàng", "Trần Văn Nam"])
    );
    assert_eq!(
        highlight_texts("aa-title"),
        strings(&["Phó Chủ tịch UBND tỉnh"])
    );
    assert_eq!(
        highlight_texts("aa-body"),
        strings(&["Sở Nội vụ", "Sở Tư pháp", "UBND tỉnh  Hải Dương"]),
        "the title's mentions too (as the DOM has them: two spaces)"
    );
    assert_eq!(highlight_texts("aa-chosen"), strings(&["Sở Nội vụ"]));
    assert_eq!(
        highlight_texts("aa-note"),
        strings(&["Nội vụ, năm qua tỉnh đã cắt"])
    );
    assert_eq!(
        highlight_texts("aa-note-green"),
        strings(&["Nội vụ, năm qua tỉnh đã cắt"])
    );
    assert!(highlight_texts("aa-note-pink").is_empty());
    assert_eq!(
        host.inner_html(),
        before,
        "the API leaves the host's nodes alone"
    );

    // A second widget shares the names; each takes out only its own ranges.
    let other = read(&host);
    let one = [range(
        &dom,
        5,
        "Công an tỉnh",
        entity(Label::Body, "e-ca", false),
    )];
    assert_eq!(other.paint(&one), 1);
    assert_eq!(highlight_texts("aa-body").len(), 4);
    dom.paint(&[]);
    assert_eq!(highlight_texts("aa-body"), strings(&["Công an tỉnh"]));
    assert!(highlight_texts("aa-official").is_empty());
    dom.paint(&ranges);
    drop(dom);
    assert_eq!(highlight_texts("aa-body"), strings(&["Công an tỉnh"]));
    drop(other);
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).expect("CSS");
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).expect("registry");
    assert_eq!(
        js_sys::Reflect::get(&registry, &"size".into()).expect("size"),
        JsValue::from(0),
        "the last widget gone, no name is left"
    );
    assert_eq!(document().adopted_style_sheets().length(), sheets_before);
    host.remove();
}

/// Runs `f` with `CSS.highlights` deleted, as in a browser without the API, and puts it back.
fn without_highlight_api(f: impl FnOnce()) {
    let css: js_sys::Object = js_sys::Reflect::get(&js_sys::global(), &"CSS".into())
        .expect("CSS")
        .dyn_into()
        .expect("object");
    let descriptor = js_sys::Object::get_own_property_descriptor(&css, &"highlights".into());
    assert!(js_sys::Reflect::delete_property(&css, &"highlights".into()).expect("delete"));
    f();
    if !descriptor.is_undefined() {
        js_sys::Object::define_property(&css, &"highlights".into(), &descriptor.unchecked_into());
    }
}

#[wasm_bindgen_test]
fn without_the_api_marks_wrap_text_and_unpaint_restores_the_markup() {
    let host = page("paint-marks");
    let before = host.inner_html();
    let link = host.query_selector("a").expect("q").expect("a");
    let paragraph = host
        .query_selector("p:nth-of-type(2)")
        .expect("q")
        .expect("p");
    let children_before = paragraph.child_nodes().length();
    without_highlight_api(|| {
        let dom = read(&host);
        assert!(!dom.uses_api());
        let ranges = sample_ranges(&dom);
        assert!(dom.paint(&ranges) >= ranges.len());
        let marked = |selector: &str| -> Vec<String> {
            let list = host.query_selector_all(selector).expect("selector");
            let mut out: Vec<String> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.text_content())
                .collect();
            out.sort();
            out
        };
        assert_eq!(
            marked("mark[data-aa-entity=official]"),
            strings(&["Lê Thị Ho", "Trần Văn Nam", "àng"]),
            "a mention across <em> is marked on either side of it"
        );
        assert_eq!(
            marked("mark[data-aa-entity=title]"),
            strings(&["Phó Chủ tịch UBND tỉnh"])
        );
        assert_eq!(
            marked("mark[data-aa-entity-id=e-stp]"),
            strings(&["Sở Tư pháp"])
        );
        assert_eq!(
            marked("h1 mark[data-aa-entity=body]"),
            strings(&["UBND tỉnh  Hải Dương"])
        );
        assert_eq!(marked("mark[data-aa-chosen]"), strings(&["Nội vụ", "Sở "]));
        let note: String = {
            let list = host.query_selector_all("mark[data-aa-note=n1]").expect("q");
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.text_content())
                .collect()
        };
        assert_eq!(note, "Nội vụ, năm qua tỉnh đã cắt");
        assert_eq!(
            marked("mark[data-aa-color=green]").len(),
            3,
            "one per text node crossed"
        );
        // No element of the host's was replaced or moved out of its place.
        assert!(link.is_connected());
        assert_eq!(link.get_attribute("href").as_deref(), Some("/so-noi-vu"));
        assert!(host
            .query_selector("a")
            .expect("q")
            .is_some_and(|a| a.is_same_node(Some(&link))));
        // A selection made over the marks is the passage in the host's own text.
        // From "Sở |Nội vụ" (a node split off, in the note's and the mention's marks) to "cắt| giảm"
        // (the start of the node split off after the note).
        let em = host.query_selector("p em").expect("q").expect("em");
        let in_marks = host
            .query_selector("a mark[data-aa-note] mark")
            .expect("q")
            .expect("mark");
        select(
            (&in_marks.first_child().expect("text"), 0),
            (&em.last_child().expect("text"), 0),
        );
        assert_eq!(
            dom.selection_in(2),
            Some(find(&dom, 2, "Nội vụ, năm qua tỉnh đã cắt"))
        );
        // Painting again replaces what was painted.
        dom.paint(&ranges[..1]);
        assert_eq!(host.query_selector_all("mark").expect("q").length(), 1);
        dom.paint(&[]);
        assert_eq!(markup(&host), before, "the host's markup exactly as it was");
        assert_eq!(paragraph.child_nodes().length(), children_before);
        dom.paint(&ranges);
        drop(dom);
        assert_eq!(
            host.inner_html(),
            before,
            "closing unpaints and takes the controls out"
        );
    });
    host.remove();
}

/// Waits up to `ms` milliseconds for `f` to be true, checking every 20 ms.
async fn wait_for(ms: i32, f: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 20 {
        if f() {
            return true;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .expect("setTimeout");
        });
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .expect("timer");
    }
    f()
}

#[wasm_bindgen_test]
async fn changes_to_the_article_are_reported_and_the_widgets_own_are_not() {
    let host = page("watch");
    let seen: Rc<RefCell<usize>> = Rc::default();
    let log = Rc::clone(&seen);
    let reported = || *seen.borrow() > 0;
    let mut dom = None;
    without_highlight_api(|| {
        let doc = read(&host);
        doc.watch(move || *log.borrow_mut() += 1);
        // The widget's own marks are not a change.
        doc.paint(&sample_ranges(&doc));
        doc.paint(&[]);
        dom = Some(doc);
    });
    let dom = dom.expect("read");
    // Nor is a control the widget puts in the article, or what is in its controls' places.
    let control = document().create_element("button").expect("button");
    control.set_attribute("data-aa-ui", "").expect("attr");
    host.append_child(&control).expect("append");
    control.set_text_content(Some("Ghi chú"));
    assert!(!wait_for(400, reported).await, "nothing reported");

    // A paragraph a CMS appends, in a burst with a second one: one report.
    for text in ["Đoạn tải thêm: Sở Y tế thông báo.", "Và thêm nữa."] {
        let p = document().create_element("p").expect("p");
        p.set_text_content(Some(text));
        host.append_child(&p).expect("append");
    }
    assert!(wait_for(2000, reported).await, "reported");
    assert!(
        !wait_for(300, || *seen.borrow() > 1).await,
        "one report for the burst"
    );
    assert_eq!(read(&host).article.blocks.len(), BLOCKS.len() + 2);

    // Text changed inside one block.
    *seen.borrow_mut() = 0;
    let li = host.query_selector("li").expect("q").expect("li");
    let text = li.first_child().expect("text");
    text.set_node_value(Some("Sở Tư pháp và Sở Nội vụ rà soát văn bản."));
    assert!(wait_for(2000, reported).await, "reported");
    // A class set on a block: reported (it may hide or show it).
    *seen.borrow_mut() = 0;
    li.set_attribute("class", "hidden-by-cms").expect("class");
    assert!(wait_for(2000, reported).await, "reported");
    // Closed, it watches no more.
    drop(dom);
    *seen.borrow_mut() = 0;
    host.append_child(&document().create_element("p").expect("p"))
        .expect("append");
    assert!(!wait_for(400, reported).await);
    host.remove();
}
#[wasm_bindgen_test]
fn the_example_news_page_is_read_as_a_newsroom_expects() {
    article_annotator::platform::install_unicode();
    let holder = document().create_element("div").expect("div");
    // The project's own example page (trusted markup): its scripts do not run when set this way.
    holder.set_inner_html(include_str!("../examples/in-place.html"));
    document()
        .body()
        .expect("body")
        .append_child(&holder)
        .expect("append");
    let story = holder
        .query_selector("article-annotator")
        .expect("q")
        .expect("the widget's element");
    let dom = read(&story);
    let blocks = &dom.article.blocks;
    assert_eq!(
        dom.article.title,
        "Bình An đặt mục tiêu 90% hồ sơ hành chính được giải quyết trực tuyến"
    );
    assert_eq!(blocks.len(), 25, "{:#?}", texts(&dom));
    assert_eq!(blocks[0].kind, ParagraphKind::Lead);
    assert!(blocks[0]
        .text
        .text()
        .starts_with("Sáng 20.11, UBND tỉnh Bình An"));
    let captions: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == ParagraphKind::Caption)
        .map(|b| b.text.text())
        .collect();
    assert_eq!(captions.len(), 3, "photo, table and video captions");
    assert!(captions[0].ends_with("Ảnh: Minh Khang"));
    assert_eq!(
        blocks[4].text.text(),
        "Năm nhiệm vụ Chủ tịch UBND tỉnh giao cho năm 2027"
    );
    assert!(blocks[6].text.text().starts_with("Sở Nội vụ rà soát"));
    assert!(blocks[7].text.text().starts_with("Công an tỉnh hoàn thành"));
    assert!(blocks[3]
        .text
        .text()
        .contains("cho biết nhiều thủ tục về đất đai"));
    assert!(
        blocks[3].text.text().contains("lần. Trung tâm đề nghị"),
        "<br> keeps words apart"
    );
    for b in blocks {
        for left_out in [
            "Quảng cáo",
            "Tin liên quan",
            "Mua sắm",
            "Đọc nhiều",
            "HĐND tỉnh chất vấn",
        ] {
            assert!(
                !b.text.text().contains(left_out),
                "{left_out} in {:?}",
                b.text.text()
            );
        }
    }
    holder.remove();
}

#[wasm_bindgen_test]
fn a_selection_across_a_link_and_the_point_under_the_pointer_map_to_code_points() {
    let host = page("points-selection");
    let dom = read(&host);
    let link = host.query_selector("a").expect("q").expect("a");
    let emphasis = host.query_selector("p em").expect("q").expect("em");
    // From "Sở |Nội vụ" inside the link to "cắt| giảm" inside the emphasis.
    let link_text = link.first_child().expect("text");
    let em_text = emphasis.first_child().expect("text");
    select((&link_text, 3), (&em_text, 3));
    let (start, end) = find(&dom, 2, "Nội vụ, năm qua tỉnh đã cắt");
    assert_eq!(dom.selection_in(2), Some((start, end)));
    // Across two blocks, or empty: not one passage.
    let li = host.query_selector("li").expect("q").expect("li");
    select((&link_text, 3), (&li, 1));
    assert_eq!(dom.selection_in(2), None);
    select((&link_text, 3), (&link_text, 3));
    assert_eq!(dom.selection_in(2), None);

    // The caret under a point inside the link's first letter.
    link.scroll_into_view();
    let rect = js_sys::Reflect::get(&link, &"getBoundingClientRect".into())
        .expect("method")
        .dyn_into::<js_sys::Function>()
        .expect("function")
        .call0(&link)
        .expect("rect");
    let number = |name: &str| {
        js_sys::Reflect::get(&rect, &name.into())
            .expect("field")
            .as_f64()
            .expect("number")
    };
    assert_eq!(
        dom.point_at(number("x") + 1.0, number("y") + number("height") / 2.0),
        Some((Region::Block(2), "Theo ".chars().count()))
    );
    // Outside the article: nothing.
    assert_eq!(dom.point_at(-10.0, -10.0), None);
    host.remove();
}

/// Checks that the W3C text `dom` gives is the host's `textContent` less the widget's own
/// element (whose text is `own`), under the page's URL, and that each passage of the table reads
/// there what a DOM client reads on the page.
#[track_caller]
fn assert_w3c_text(host: &Element, dom: &HostDoc, own: &str) {
    let article = dom.article.article(dom.date.as_deref()).expect("article");
    let doc = dom.document_text(&article).expect("the page is read");
    let content = host.text_content().expect("text").replace(own, "");
    assert_eq!(doc.slice(0, doc.len()), content);
    let page = web_sys::window()
        .expect("window")
        .location()
        .href()
        .expect("href");
    let page = page.split('#').next().expect("split").to_owned();
    assert_eq!(doc.url, Some(page), "no canonical link: the page's URL");
    // (block, passage of its text, what the page's text reads there)
    let cases = [
        (0, BLOCKS[0].0, BLOCKS[0].0),
        (2, "Sở Nội vụ", "Sở Nội vụ"),
        (2, "đã cắt giảm 120", "đã cắt giảm 120"),
        (2, "thủ tục; Ban", "thủ tục;\n     Ban"),
        (2, "cao. Kết quả", "cao.Kết quả"),
        (9, "Lê Thị Hoàng", "Lê Thị Hoàng"),
    ];
    for (block, passage, want) in cases {
        let (a, b) = find(dom, block, passage);
        let id = &article.paragraphs[block].id;
        let target = article.passage_target(id, a, b).expect("target");
        let (start, end) = doc.passage(&target).expect("placed");
        assert_eq!(doc.slice(start, end), want, "{passage:?}");
    }
}

/// The text the W3C export counts in place: the host article element's `textContent`, the
/// widget's own elements (`data-aa-ui`) left out, with each block placed in it, so that a
/// passage's place reads there what a DOM client reads on the page: across a link and emphasis,
/// over a `<br>` (nothing) and the page's own white space (as written). The same with the
/// fallback's `<mark>`s painted, which split the host's text nodes.
#[wasm_bindgen_test]
fn the_w3c_text_in_place_is_the_host_elements_text_content() {
    let host = page("w3c-text");
    let own = document().create_element("div").expect("div");
    own.set_attribute("data-aa-ui", "").expect("attribute");
    own.set_text_content(Some("+ Ghi chú"));
    host.append_child(&own).expect("append");
    assert_w3c_text(&host, &read(&host), "+ Ghi chú");
    without_highlight_api(|| {
        let dom = read(&host);
        let ranges = sample_ranges(&dom);
        assert!(dom.paint(&ranges) >= ranges.len());
        assert!(
            host.query_selector("mark").expect("q").is_some(),
            "marks painted"
        );
        assert_w3c_text(&host, &dom, "+ Ghi chú");
    });
    host.remove();
}

/// A block whose text node has left the host since it was read is not placed (its notes are
/// exported by their quote alone), rather than placed at a neighbouring text's offsets; the
/// other blocks still are.
#[wasm_bindgen_test]
fn a_block_whose_text_node_is_gone_is_not_placed() {
    let host = page("w3c-gone");
    let dom = read(&host);
    let article = dom.article.article(dom.date.as_deref()).expect("article");
    let link = host.query_selector("a").expect("q").expect("a");
    link.first_child()
        .expect("text")
        .unchecked_into::<web_sys::CharacterData>()
        .remove();
    let doc = dom.document_text(&article).expect("the page is read");
    let target = |block: usize, passage: &str| {
        let (a, b) = find(&dom, block, passage);
        article
            .passage_target(&article.paragraphs[block].id, a, b)
            .expect("target")
    };
    assert_eq!(doc.passage(&target(2, "năm qua")), None, "the link's block");
    let (start, end) = doc
        .passage(&target(0, BLOCKS[0].0))
        .expect("the first block");
    assert_eq!(doc.slice(start, end), BLOCKS[0].0);
    host.remove();
}
