//! Yew components rendered to HTML strings natively, for their structure: the names the public
//! surface promises (`data-aa-*`), accessible names, order, empty states, both languages, and
//! that text from notes is escaped. Run with `cargo test --features ssr --test components`.

use std::rc::Rc;

use article_annotator::core::notes::{
    Note, NoteColor, NoteId, Notes, Target, TextPosition, TextQuote, Timestamp,
};
use article_annotator::core::recognize::{Entity, EntityKind};
use article_annotator::ui::entity_panel::{entity_panel, EntityPanelProps};
use article_annotator::ui::note_editor::{NoteEditor, NoteEditorProps};
use article_annotator::ui::note_item::{note_item, NoteItemProps};
use article_annotator::ui::notes_list::{NotesList, NotesListProps};
use article_annotator::ui::orphan_list::{orphan_list, OrphanListProps};
use article_annotator::ui::strings::{Lang, EN};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn render<C: BaseComponent>(props: C::Properties) -> String {
    futures_executor::block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

#[derive(Properties, PartialEq)]
struct EnglishProps {
    children: Html,
}

/// Its children with the English strings.
#[function_component(English)]
fn english(props: &EnglishProps) -> Html {
    html! { <ContextProvider<Lang> context={Lang(&EN)}>{ props.children.clone() }</ContextProvider<Lang>> }
}

/// A host for the render function [`entity_panel`], in the language of its context.
#[function_component(EntityPanel)]
fn entity_panel_host(props: &EntityPanelProps) -> Html {
    entity_panel(props, use_context::<Lang>().unwrap_or_default().0)
}

/// A host for the render function [`orphan_list`], in the language of its context.
#[function_component(OrphanList)]
fn orphan_list_host(props: &OrphanListProps) -> Html {
    orphan_list(props, use_context::<Lang>().unwrap_or_default().0)
}

fn note(
    n: u8,
    paragraph: &str,
    passage: Option<(usize, usize)>,
    text: &str,
    tags: &[&str],
    color: Option<NoteColor>,
) -> Note {
    let (start, end) = passage.unwrap_or((n as usize * 100, n as usize * 100 + 40));
    Note {
        id: NoteId::from_random_bytes([n; 16]),
        target: Target {
            paragraph: paragraph.into(),
            passage: passage.is_some(),
            quote: TextQuote {
                exact: format!("đoạn trích {n}"),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: TextPosition { start, end },
        },
        text: text.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        created: Timestamp(1_593_778_153_000 + u64::from(n)),
        modified: Timestamp(1_593_778_153_000 + u64::from(n)),
        orphan: false,
        color,
    }
}

fn entity(id: &str, kind: EntityKind, name: &str, mentions: usize) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        titles: Vec::new(),
        expansion: None,
        mentions,
    }
}

/// Asserts every needle occurs in `html`, in the order given.
fn assert_in_order(html: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match html[from..].find(needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("{needle:?} not found (in this order) in:\n{html}"),
        }
    }
}

/// A host for the render function [`note_item`], in Vietnamese.
#[function_component(NoteItem)]
fn note_item_host(props: &NoteItemProps) -> Html {
    note_item(props, &article_annotator::ui::strings::VI)
}

fn item_props(note: Note) -> NoteItemProps {
    NoteItemProps {
        note: Rc::new(note),
        on_edit: Callback::noop(),
        on_delete: Callback::noop(),
        on_show_in_list: Callback::noop(),
        author: None,
    }
}

/// Another reader's note (a shared sync database): their name, escaped, and no edit or delete.
#[test]
fn another_readers_note_names_its_author_and_cannot_be_edited_or_deleted() {
    let mine = render::<NoteItem>(item_props(note(3, "p1", None, "của tôi", &[], None)));
    assert!(
        mine.contains(r#"data-aa-action="edit-note""#) && !mine.contains("data-aa-author"),
        "{mine}"
    );
    let props = NoteItemProps {
        author: Some("Lan <b>biên tập</b>".into()),
        ..item_props(note(4, "p1", None, "của người khác", &[], None))
    };
    let theirs = render::<NoteItem>(props);
    assert_in_order(
        &theirs,
        &[
            "của người khác",
            "data-aa-author",
            "Ghi chú của",
            "Lan &lt;b&gt;biên tập&lt;/b&gt;",
            r#"data-aa-action="back-to-list""#,
        ],
    );
    assert!(
        !theirs.contains("edit-note") && !theirs.contains("delete-note"),
        "{theirs}"
    );
}

#[test]
fn a_note_item_names_its_colour_and_tags_and_escapes_its_text() {
    let n = note(
        1,
        "p2-x",
        Some((5, 9)),
        "<script>alert(1)</script> & “trích”",
        &["nhân sự"],
        Some(NoteColor::Pink),
    );
    let html = render::<NoteItem>(item_props(n.clone()));
    assert_in_order(
        &html,
        &[
            &format!(r#"data-aa-note-id="{}""#, n.id),
            r#"data-aa-color="pink""#,
            r#"<blockquote class="aa-note__quote">đoạn trích 1</blockquote>"#,
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “trích”",
            ">Hồng<",
            r#"data-aa-tag="nhân sự""#,
            r#"data-aa-action="edit-note""#,
            r#"data-aa-action="delete-note""#,
            r#"data-aa-action="back-to-list""#,
        ],
    );
    assert!(!html.contains("<script>"), "note text is never markup");
    let plain = render::<NoteItem>(item_props(note(2, "p1-y", None, "cả đoạn", &[], None)));
    assert!(
        !plain.contains("blockquote")
            && !plain.contains("aa-tags")
            && !plain.contains("data-aa-color"),
        "{plain}"
    );
}

#[test]
fn the_notes_list_is_in_article_order_with_its_filters_and_states() {
    let notes = vec![
        note(6, "p5", None, "ghi chú đoạn sáu", &["lịch"], None),
        note(
            2,
            "p1",
            Some((40, 60)),
            "ghi chú đoạn hai",
            &["nhân sự"],
            Some(NoteColor::Yellow),
        ),
        Note {
            orphan: true,
            ..note(3, "p9", None, "mồ côi", &[], None)
        },
        note(
            4,
            "p3",
            Some((300, 320)),
            "ghi chú đoạn bốn",
            &["Nhân sự"],
            None,
        ),
    ];
    let entities = vec![
        entity("o-1", EntityKind::Official, "Phạm Xuân Thăng", 6),
        entity(
            "t-1",
            EntityKind::Title,
            "các đồng chí Ủy viên Ban Thường vụ",
            1,
        ),
        entity("b-1", EntityKind::Body, "Ban Thường vụ Tỉnh ủy", 6),
    ];
    let props = |notes: Vec<Note>, open: bool| NotesListProps {
        lang: Lang::default(),
        notes: Rc::new(Notes {
            notes: notes.into_iter().map(Rc::new).collect(),
            deleted: Vec::new(),
        }),
        entities: Rc::new(entities.clone()),
        entity_spans: Rc::new(Vec::new()),
        paragraph_heads: Rc::new(vec![("p5".into(), "Đồng chí Phó Bí thư…".into())]),
        open,
        on_toggle: Callback::noop(),
        on_jump: Callback::noop(),
    };
    let html = render::<NotesList>(props(notes.clone(), false));
    assert_in_order(
        &html,
        &[
            // Its button is the App's toolbar's (in the flow, never over the article).
            r#"id="aa-notes-list""#,
            r#"data-aa-field="notes-search""#,
            // Tags once each, ignoring case; sorted without tones.
            r#"<option value="lịch""#,
            r#"<option value="nhân sự""#,
            r#"data-aa-field="notes-entity""#,
            "Phạm Xuân Thăng (Quan chức)",
            "Ban Thường vụ Tỉnh ủy (Cơ quan, tổ chức)",
            "3 trên 3 ghi chú",
            "ghi chú đoạn hai",
            "ghi chú đoạn bốn",
            "Cả đoạn: Đồng chí Phó Bí thư…",
            "ghi chú đoạn sáu",
        ],
    );
    assert_eq!(
        html.matches(r#"value="Nhân sự""#).count(),
        0,
        "a tag differing only in case is listed once"
    );
    assert!(!html.contains("mồ côi"), "orphans have their own section");
    assert!(
        !html.contains("các đồng chí Ủy viên"),
        "generic titles are not offered as a filter"
    );
    assert_eq!(html.matches(r#"data-aa-action="jump-to-note""#).count(), 3);
    assert!(!html.contains("aa-list--open"));

    let open = render::<NotesList>(props(notes, true));
    assert!(open.contains("aa-list--open"), "{open}");
    let empty = render::<NotesList>(props(Vec::new(), false));
    assert!(
        empty.contains("Chưa có ghi chú nào"),
        "an empty state that says what to do: {empty}"
    );
    assert!(
        !empty.contains("notes-search") && !empty.contains("<select"),
        "no filters over an empty list: {empty}"
    );
}

#[test]
fn the_editor_has_named_fields_for_text_tags_and_colour() {
    let props = NoteEditorProps {
        lang: Lang::default(),
        initial: "".into(),
        initial_tags: vec![],
        initial_color: None,
        on_save: Callback::noop(),
        on_cancel: Callback::noop(),
        on_input: Callback::noop(),
    };
    let html = render::<NoteEditor>(props);
    assert_in_order(
        &html,
        &[
            r#"role="group""#,
            r#"data-aa-field="note-text""#,
            "Nhãn (cách nhau bởi dấu phẩy)",
            r#"data-aa-field="note-tags""#,
            r#"data-aa-field="note-color""#,
            r#"<option value="">Không màu</option>"#,
            r#"<option value="yellow">Vàng</option>"#,
            r#"<option value="purple">Tím</option>"#,
            r#"data-aa-action="save-note""#,
            r#"data-aa-action="cancel-note""#,
        ],
    );
    assert_eq!(html.matches("<option").count(), 1 + NoteColor::ALL.len());
}

#[test]
fn the_entity_panel_groups_by_kind_most_mentioned_first_in_english() {
    let entities = Rc::new(vec![
        entity("b-2", EntityKind::Body, "Tỉnh ủy", 1),
        entity("o-1", EntityKind::Official, "Phạm Xuân Thăng", 6),
        entity("b-1", EntityKind::Body, "Ban Thường vụ Tỉnh ủy", 6),
        entity("b-0", EntityKind::Body, "Ban không được nhắc", 0),
    ]);
    let panel = EntityPanelProps {
        entities,
        selected: Some("b-1".into()),
        position: (1, 6),
        hidden: vec!["title"],
        on_select: Callback::noop(),
        on_step: Callback::noop(),
        on_toggle_kind: Callback::noop(),
    };
    let html = render::<English>(EnglishProps {
        children: html! { <EntityPanel ..panel /> },
    });
    assert_in_order(
        &html,
        &[
            "Officials",
            "Phạm Xuân Thăng",
            "Public bodies",
            "Ban Thường vụ Tỉnh ủy",
            "Tỉnh ủy",
        ],
    );
    assert!(
        html.contains(r#"aria-pressed="true""#),
        "the chosen entity is announced as pressed"
    );
    assert!(
        html.contains(
            r#"<input type="checkbox" data-aa-action="toggle-kind" data-aa-kind="title">"#
        ),
        "a hidden kind is unchecked"
    );
    assert!(
        !html.contains("Ban không được nhắc"),
        "an entity without mentions is not listed"
    );
    assert!(
        html.contains("2 / 6") || html.contains("2 of 6"),
        "the current mention of the chosen entity: {html}"
    );
}

#[test]
fn an_orphan_offers_its_paragraphs_and_the_selection_only_when_there_is_one() {
    use article_annotator::core::article::{Article, SEED_ARTICLE};

    let article = Rc::new(Article::parse(SEED_ARTICLE).expect("the seed parses"));
    let props = |has_selection: bool, orphans: Vec<Note>| OrphanListProps {
        orphans,
        article: article.clone(),
        on_reattach: Callback::noop(),
        on_delete: Callback::noop(),
        has_selection,
        on_attach_selection: Callback::noop(),
    };
    let orphan = Note {
        orphan: true,
        ..note(7, "p9", Some((1, 5)), "mồ côi", &[], None)
    };
    let html = render::<OrphanList>(props(false, vec![orphan.clone()]));
    assert_in_order(
        &html,
        &[
            r#"data-aa-orphan="true""#,
            "mồ côi",
            "đoạn trích 7",
            r#"data-aa-action="reattach-note""#,
        ],
    );
    assert_eq!(
        html.matches("<option").count(),
        article.paragraphs.len(),
        "every paragraph can take it"
    );
    assert!(!html.contains("attach-to-selection"));
    assert!(render::<OrphanList>(props(true, vec![orphan]))
        .contains(r#"data-aa-action="attach-to-selection""#));
    assert_eq!(
        render::<OrphanList>(props(true, Vec::new())),
        "",
        "no orphans, no section"
    );
}
