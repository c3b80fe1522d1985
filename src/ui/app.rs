//! The widget's root: the article with its highlights, notes kept in localStorage, export.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::article_body::{ArticleBody, CHUNK};
use super::entity_panel::EntityPanel;
use super::note_editor::NoteDraft;
use super::notes_list::{entry_id, EntitySpans, NotesList};
use super::orphan_list::OrphanList;
use super::paragraph_notes::ParagraphNotes;
use super::paragraph_view::{highlighted, NewNote};
use super::state::{NotesState, Revealed, ViewAction, ViewState};
use super::strings::{for_lang, Lang};
use crate::core::anchor::reanchor;
use crate::core::article::Article;
use crate::core::export::{ExportArticle, NativeExport};
use crate::core::notes::{Note, NoteId, Notes, NotesAction};
use crate::core::people_export::{people_export, PeopleFormat};
use crate::core::recognize::{Recognition, Recognizer};
use crate::core::text::CharIdx;
use crate::core::w3c::to_w3c_json;
use crate::platform::{clock, download, storage};

/// Called with the number of notes after every change (the `change` event).
pub type ChangeListener = Box<dyn Fn(usize)>;

/// State shared with the host page's handle (`exportJson()`), updated on every change. Exports
/// (and the entities' JSON) are made when asked for, not on every change: with thousands of notes
/// they cost milliseconds, and the first render should not pay for them.
#[derive(Default)]
pub struct Shared {
    /// The article as exports name it.
    pub export_article: RefCell<Option<ExportArticle>>,
    /// The recognised entities (`entities()` serialises them when asked).
    pub entities: RefCell<Rc<Vec<crate::core::recognize::Entity>>>,
    /// The notes as last rendered, and how to change them from outside (`importJson()`).
    pub notes: RefCell<Rc<Notes>>,
    /// The article shown (for `importJson()`).
    pub article: RefCell<Option<Rc<Article>>>,
    pub dispatch: RefCell<Option<UseReducerDispatcher<NotesState>>>,
    pub on_change: RefCell<Option<ChangeListener>>,
    /// The recogniser and the interface language, for the exports for people.
    pub recognizer: RefCell<Option<Rc<Recognizer>>>,
    pub lang: Cell<&'static str>,
}

/// The handle's state is the same object for the widget's whole life.
#[derive(Clone, Debug)]
pub struct SharedRef(pub Rc<Shared>);

impl PartialEq for SharedRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("export_article", &self.export_article)
            .finish_non_exhaustive()
    }
}

/// The recogniser a widget uses (the shipped lexicon plus the newsroom's); compared by identity.
#[derive(Clone, Debug)]
pub struct RecognizerRef(pub Rc<Recognizer>);

impl PartialEq for RecognizerRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub article: Rc<Article>,
    pub article_id: AttrValue,
    #[prop_or_default]
    pub source: Option<AttrValue>,
    pub shared: SharedRef,
    pub recognizer: RecognizerRef,
    /// Interface language (`vi` default, `en`).
    #[prop_or_default]
    pub lang: Option<AttrValue>,
}

fn export_article(props: &AppProps) -> ExportArticle {
    ExportArticle {
        id: props.article_id.to_string(),
        title: props.article.title.clone(),
        source: props.source.as_ref().map(|s| s.to_string()),
    }
}

impl Shared {
    /// The native export of the notes as they are now.
    pub fn export(&self) -> NativeExport {
        let article = self
            .export_article
            .borrow()
            .clone()
            .unwrap_or_else(|| ExportArticle {
                id: String::new(),
                title: String::new(),
                source: None,
            });
        let notes = self
            .notes
            .borrow()
            .notes
            .iter()
            .map(|n| Note::clone(n))
            .collect();
        NativeExport::new(article, notes, clock::now())
    }

    /// The notes as Markdown, CSV or HTML, in the reader's language (`exportMarkdown()`, ...).
    pub fn people(&self, format: PeopleFormat) -> String {
        let recognizer = self.recognizer.borrow().clone().unwrap_or_default();
        let article = self.article.borrow().clone();
        people_export(
            format,
            &self.export(),
            article.as_deref(),
            &recognizer,
            self.lang.get(),
        )
    }
}

/// From how many paragraphs an article is rendered lazily: paragraphs far from the reader show
/// their text only, and get their highlights and controls as they come near the viewport. News
/// articles have tens of paragraphs; this is for the very long ones.
pub const LAZY_FROM: usize = 200;

/// How long after the last change the notes are written to localStorage: a burst of changes is
/// one write, and the write never lands in the frame that shows the change.
const SAVE_DELAY_MS: u32 = 250;

/// What the App derives from the article and its recognition, made once per article (one memo,
/// not one per table): each table is shared, so passing it down copies a pointer.
#[derive(Clone)]
struct Derived {
    recognition: Rc<Recognition>,
    entities: Rc<Vec<crate::core::recognize::Entity>>,
    /// Where each paragraph starts in the article's text (code points).
    starts: Rc<Vec<CharIdx>>,
    /// Paragraph texts as shared strings: a render passes pointers, not the article.
    texts: Rc<Vec<AttrValue>>,
    ids: Rc<Vec<Rc<str>>>,
    /// Each text's mentions (the title's first, then the paragraphs').
    mentions: Rc<Vec<Rc<[crate::core::recognize::Mention]>>>,
    /// Each mention in a paragraph, in article code points, for the notes list's entity filter.
    entity_spans: Rc<EntitySpans>,
    /// The opening words of each paragraph, for notes list entries on a whole paragraph.
    paragraph_heads: Rc<Vec<(String, String)>>,
}

impl Derived {
    fn new(a: &Article, recognizer: &Recognizer) -> Derived {
        let mut texts = vec![a.title.as_str()];
        texts.extend(a.paragraphs.iter().map(|p| p.text.as_str()));
        let recognition = recognizer.recognize(&texts);
        let starts = a.paragraph_starts();
        let entity_spans = a
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                let at = starts.get(i).copied().unwrap_or_default();
                recognition
                    .mentions
                    .get(i + 1)
                    .into_iter()
                    .flatten()
                    .map(move |m| (m.entity, p.id.clone(), at + m.start, at + m.end))
            })
            .collect();
        let paragraph_heads = a
            .paragraphs
            .iter()
            .map(|p| {
                let head = p.text.split_whitespace().take(10).collect::<Vec<_>>();
                (p.id.clone(), head.join(" ") + "…")
            })
            .collect();
        Derived {
            entities: Rc::new(recognition.entities.clone()),
            starts: Rc::new(starts),
            texts: Rc::new(
                a.paragraphs
                    .iter()
                    .map(|p| AttrValue::from(p.text.clone()))
                    .collect(),
            ),
            ids: Rc::new(
                a.paragraphs
                    .iter()
                    .map(|p| Rc::from(p.id.as_str()))
                    .collect(),
            ),
            mentions: Rc::new(
                recognition
                    .mentions
                    .iter()
                    .map(|m| Rc::from(m.as_slice()))
                    .collect(),
            ),
            entity_spans: Rc::new(entity_spans),
            paragraph_heads: Rc::new(paragraph_heads),
            recognition: Rc::new(recognition),
        }
    }
}

/// What the App keeps between renders without rendering again when it changes.
struct Bookkeeping {
    /// True until the first render's effect has run (nothing to save then).
    first: Cell<bool>,
    /// Set when a change brings its own message (an import's report): the save keeps quiet then.
    quiet_save: Cell<bool>,
    /// The save scheduled after the last change, if it has not run yet.
    pending_save: RefCell<Option<gloo::timers::callback::Timeout>>,
    /// The notes the paragraphs' store was last told about.
    store_seen: RefCell<Option<Rc<Notes>>>,
}

impl Default for Bookkeeping {
    fn default() -> Self {
        Bookkeeping {
            first: Cell::new(true),
            quiet_save: Cell::new(false),
            pending_save: RefCell::new(None),
            store_seen: RefCell::new(None),
        }
    }
}

/// The App's callbacks that many components get as props, made once per article and language.
#[derive(Clone)]
struct Stable {
    on_add: Callback<NewNote>,
    on_edit: Callback<(NoteId, NoteDraft)>,
    on_delete: Callback<NoteId>,
    on_selection: Callback<Option<(AttrValue, CharIdx, CharIdx)>>,
    on_jump: Callback<NoteId>,
    on_show_in_list: Callback<NoteId>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let s = for_lang(props.lang.as_deref());
    let article = props.article.clone();
    let derived = use_memo((article.clone(), props.recognizer.clone()), |(a, r)| {
        Derived::new(a, &r.0)
    });
    let recognition = derived.recognition.clone();
    let entities = derived.entities.clone();
    {
        // The handle's importJson() validates against the article shown; entities() serialises
        // its entities.
        let (shared, recognizer) = (props.shared.clone(), props.recognizer.0.clone());
        use_effect_with(
            (article.clone(), entities.clone()),
            move |(article, entities)| {
                *shared.0.article.borrow_mut() = Some(article.clone());
                *shared.0.entities.borrow_mut() = entities.clone();
                *shared.0.recognizer.borrow_mut() = Some(recognizer);
                shared.0.lang.set(s.tag);
            },
        );
    }
    // Load once: (notes, whether the key may be written, the problem to tell the reader), every
    // note placed again in the article as it now reads.
    let loaded = use_memo(props.article_id.clone(), |id| {
        storage::load(id, clock::now())
    });
    let state = use_reducer(|| NotesState {
        notes: Rc::new(reanchor(&loaded.notes, &props.article)),
        error: None,
    });
    // Another tab's changes to the same article arrive through the `storage` event and are merged.
    {
        let (dispatch, id) = (state.dispatcher(), props.article_id.clone());
        use_effect_with(id, move |id| {
            let listener = storage::watch(id, move |other| {
                dispatch.dispatch(NotesAction::Merge { other })
            });
            move || drop(listener)
        });
    }
    // The view's own state (status line, undo offer, list sheet, focus, entity panel): one
    // reducer, `ViewState`, changed by named actions.
    let view = use_reducer(|| ViewState {
        status: loaded.problem.as_ref().map(|p| s.load_problem(p)),
        ..ViewState::default()
    });
    let status = view.dispatcher();
    let book = use_memo((), |()| Bookkeeping::default());

    // Keep the handle current on every change, and save (not on the first render: nothing changed)
    // a moment after the last change. A save still pending when the page goes away is done then.
    let save_now = {
        let (status, shared, book, id, writable) = (
            status.clone(),
            props.shared.clone(),
            book.clone(),
            props.article_id.clone(),
            loaded.writable,
        );
        Rc::new(move || {
            let notes = shared.0.notes.borrow().clone();
            let notes: &Notes = &notes;
            let saved = if writable {
                storage::save(&id, notes, clock::now())
            } else {
                Err(crate::platform::PlatformError::StorageUnavailable(
                    String::new(),
                ))
            };
            let quiet = book.quiet_save.replace(false);
            match saved {
                Ok(()) if quiet => {}
                Ok(()) => status.dispatch(ViewAction::Status {
                    message: s.saved.to_owned(),
                }),
                Err(_) => status.dispatch(ViewAction::Status {
                    message: s.storage_failed.to_owned(),
                }),
            }
        })
    };
    {
        // A save still pending is done when the page goes away, and when the widget is taken down
        // (`destroy()`, a remount): dropping the timer would cancel it.
        let (book, save_now) = (book.clone(), save_now.clone());
        use_effect_with((), move |_| {
            let flush = move || {
                let pending = book.pending_save.borrow_mut().take();
                if pending.is_some() {
                    save_now();
                }
            };
            let on_hide = flush.clone();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "pagehide", move |_| on_hide()));
            move || {
                drop(listener);
                flush();
            }
        });
    }
    {
        let (status, book, shared) = (status.clone(), book.clone(), props.shared.clone());
        let dispatch = state.dispatcher();
        let article = export_article(props);
        let save_now = save_now.clone();
        use_effect_with(state.clone(), move |state| {
            *shared.0.export_article.borrow_mut() = Some(article);
            *shared.0.notes.borrow_mut() = state.notes.clone();
            *shared.0.dispatch.borrow_mut() = Some(dispatch);
            if let Some(cb) = shared.0.on_change.borrow().as_ref() {
                cb(state.notes.len());
            }
            if let Some(e) = &state.error {
                status.dispatch(ViewAction::Status {
                    message: s.notes_error(e),
                });
            } else if !book.first.replace(false) {
                let pending = book.clone();
                *book.pending_save.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    SAVE_DELAY_MS,
                    move || {
                        pending.pending_save.borrow_mut().take();
                        save_now();
                    },
                ));
            }
        });
    }

    // A very long article renders its far paragraphs lazily (`LAZY_FROM`): which are shown.
    let lazy = article.paragraphs.len() > LAZY_FROM;
    let revealed = use_reducer(Revealed::default);
    // The callbacks every paragraph and every entry of the notes list gets are made once per
    // article and language, not on every render: a new callback is a changed prop, and every
    // paragraph would render again for one note's change.
    let Stable {
        on_add,
        on_edit,
        on_delete,
        on_selection,
        on_jump,
        on_show_in_list,
    } = (*use_memo((article.clone(), props.lang.clone()), |_| {
        let on_add = {
            let (dispatch, article) = (state.dispatcher(), article.clone());
            Callback::from(
                move |NewNote {
                          paragraph,
                          passage,
                          draft,
                      }: NewNote| {
                    let target = match passage {
                        Some((a, b)) => article.passage_target(&paragraph, a, b),
                        None => article.paragraph_target(&paragraph),
                    };
                    if let Some(target) = target {
                        let NoteDraft { text, tags, color } = draft;
                        dispatch.dispatch(NotesAction::Add {
                            id: clock::new_note_id(),
                            target,
                            text,
                            tags,
                            color,
                            now: clock::now(),
                        });
                    }
                },
            )
        };
        let on_edit = {
            let dispatch = state.dispatcher();
            Callback::from(
                move |(id, NoteDraft { text, tags, color }): (NoteId, NoteDraft)| {
                    dispatch.dispatch(NotesAction::Edit {
                        id,
                        text,
                        tags,
                        color,
                        now: clock::now(),
                    })
                },
            )
        };
        let on_delete = {
            let (dispatch, shared, status, book) = (
                state.dispatcher(),
                props.shared.clone(),
                status.clone(),
                book.clone(),
            );
            Callback::from(move |id: NoteId| {
                // A deleted note can be brought back from the status line.
                let note = shared.0.notes.borrow().get(id).cloned();
                book.quiet_save.set(true);
                dispatch.dispatch(NotesAction::Delete {
                    id,
                    now: clock::now(),
                });
                status.dispatch(ViewAction::Deleted {
                    note,
                    message: s.deleted.to_owned(),
                });
            })
        };
        let on_selection = {
            // The passage last selected in the article: orphans can be attached to it.
            let view = view.dispatcher();
            Callback::from(move |passage: Option<(AttrValue, CharIdx, CharIdx)>| {
                if passage.is_some() {
                    view.dispatch(ViewAction::Selection { passage });
                }
            })
        };
        let on_jump = {
            let (view, reveal, article, shared) = (
                view.dispatcher(),
                revealed.dispatcher(),
                article.clone(),
                props.shared.clone(),
            );
            // Made once per article: the notes list's entries compare it and stay unrendered.
            Callback::from(move |id: NoteId| {
                let paragraph = shared
                    .0
                    .notes
                    .borrow()
                    .get(id)
                    .map(|n| n.target.paragraph.clone());
                if let Some(i) =
                    paragraph.and_then(|p| article.paragraphs.iter().position(|q| q.id == p))
                {
                    reveal.dispatch(vec![i]);
                }
                view.dispatch(ViewAction::ShowList {
                    open: false,
                    focus: format!(".aa-article [data-aa-note-id=\"{id}\"]"),
                });
            })
        };
        let on_show_in_list = {
            let view = view.dispatcher();
            Callback::from(move |id: NoteId| {
                view.dispatch(ViewAction::ShowList {
                    open: true,
                    focus: format!("#{}", entry_id(id)),
                });
            })
        };
        Stable {
            on_add,
            on_edit,
            on_delete,
            on_selection,
            on_jump,
            on_show_in_list,
        }
    }))
    .clone();
    let on_undo = {
        let (dispatch, undo, status, book) = (
            state.dispatcher(),
            view.undo.clone(),
            status.clone(),
            book.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let message = undo.clone().map(|note| {
                book.quiet_save.set(true);
                dispatch.dispatch(NotesAction::Restore {
                    note,
                    now: clock::now(),
                });
                s.restored.to_owned()
            });
            status.dispatch(ViewAction::Undone { message });
        })
    };
    let download_cb = |kind: &'static str| {
        let suffix = if kind == "w3c" { "w3c.jsonld" } else { "json" };
        let name = format!("ghi-chu-{}.{suffix}", props.article_id);
        let (status, shared) = (status.clone(), props.shared.clone());
        Callback::from(move |_: MouseEvent| {
            let export = shared.0.export();
            let text = if kind == "w3c" {
                to_w3c_json(&export, "vi")
            } else {
                export.to_json()
            };
            status.dispatch(ViewAction::Status {
                message: match download::download(&name, "application/json", &text) {
                    Ok(()) => s.exported.to_owned(),
                    Err(e) => e.to_string(),
                },
            });
        })
    };
    // Import from a file (picker or drop): validated and merged in core, reported in the status.
    let import_text = {
        let (dispatch, status, article, shared, book) = (
            state.dispatcher(),
            status.clone(),
            article.clone(),
            props.shared.clone(),
            book.clone(),
        );
        Rc::new(move |text: String| {
            match crate::core::import::import(&Rc::clone(&shared.0.notes.borrow()), &text, &article)
            {
                Ok((merged, report)) => {
                    let why = report
                        .errors
                        .first()
                        .map(|e| e.reason.clone())
                        .unwrap_or_default();
                    status.dispatch(ViewAction::Status {
                        message: (s.import_report)(
                            report.added,
                            report.updated,
                            report.skipped,
                            report.errors.len(),
                            &why,
                        ),
                    });
                    if report.added + report.updated > 0 {
                        book.quiet_save.set(true);
                        dispatch.dispatch(NotesAction::Load { notes: merged });
                    }
                }
                Err(e) => status.dispatch(ViewAction::Status {
                    message: format!("{} {e}", s.import_failed),
                }),
            }
        })
    };
    let read_file = {
        let (import_text, status) = (import_text.clone(), status.clone());
        move |file: web_sys::File| {
            let (import_text, status) = (import_text.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .map(|t| t.as_string())
                {
                    Ok(Some(text)) => import_text(text),
                    // The browser could not read the file: say so; nothing changes.
                    Ok(None) | Err(_) => status.dispatch(ViewAction::Status {
                        message: format!("{} {}", s.import_failed, file.name()),
                    }),
                }
            });
        }
    };
    let file_input = use_node_ref();
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file_chosen = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        })
    };
    let on_dragover = {
        let view = view.dispatcher();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            view.dispatch(ViewAction::Dragging { over: true });
        })
    };
    let on_dragleave = {
        let view = view.dispatcher();
        Callback::from(move |_: DragEvent| view.dispatch(ViewAction::Dragging { over: false }))
    };
    let on_drop = {
        let (view, read_file) = (view.dispatcher(), read_file.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            view.dispatch(ViewAction::Dragging { over: false });
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file(file);
            }
        })
    };
    let on_copy = {
        let (shared, status) = (props.shared.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (json, status) = (shared.0.export().to_json(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match crate::platform::clipboard::write_text(&json) {
                    Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                    None => false,
                };
                status.dispatch(ViewAction::Status {
                    message: if ok { s.copied } else { s.copy_failed }.to_owned(),
                });
            });
        })
    };
    let on_export = download_cb("native");
    let on_export_w3c = download_cb("w3c");
    let people_cb = |format: PeopleFormat| {
        let name = format!("ghi-chu-{}.{}", props.article_id, format.extension());
        let (status, shared) = (status.clone(), props.shared.clone());
        Callback::from(move |_: MouseEvent| {
            let text = shared.0.people(format);
            status.dispatch(ViewAction::Status {
                message: match download::download(&name, format.mime(), &text) {
                    Ok(()) => s.exported.to_owned(),
                    Err(e) => e.to_string(),
                },
            });
        })
    };

    let on_reattach = {
        let (dispatch, article) = (state.dispatcher(), article.clone());
        Callback::from(move |(id, paragraph): (NoteId, String)| {
            if let Some(target) = article.paragraph_target(&paragraph) {
                dispatch.dispatch(NotesAction::Reattach {
                    id,
                    target,
                    now: clock::now(),
                });
            }
        })
    };
    let on_attach_selection = {
        let (dispatch, article, selection, view) = (
            state.dispatcher(),
            article.clone(),
            view.selection.clone(),
            view.dispatcher(),
        );
        Callback::from(move |id: NoteId| {
            if let Some((paragraph, a, b)) = selection.clone() {
                if let Some(target) = article.passage_target(&paragraph, a, b) {
                    dispatch.dispatch(NotesAction::Reattach {
                        id,
                        target,
                        now: clock::now(),
                    });
                    view.dispatch(ViewAction::Selection { passage: None });
                }
            }
        })
    };
    // Opening the sheet moves focus into it (its search field; its close button when it has no
    // notes, and so no filters); closing it brings focus back to its button.
    let has_placed = state.notes.notes.iter().any(|n| !n.orphan);
    let on_toggle_list = {
        let view = view.dispatcher();
        Callback::from(move |()| {
            view.dispatch(ViewAction::ToggleList {
                has_notes: has_placed,
            })
        })
    };
    // The entity panel: the chosen entity, its current mention, the kinds hidden (in `view`).
    let root = use_node_ref();
    let mention_count = view
        .chosen
        .as_ref()
        .and_then(|id| entities.iter().find(|e| e.id == id.as_str()))
        .map_or(0, |e| e.mentions);
    let focus_mention = {
        let root = root.clone();
        move |id: &str, at: usize| {
            let Some(el) = root.cast::<web_sys::Element>() else {
                return;
            };
            let list = el
                .query_selector_all(&format!(
                    "[data-aa-entity-id=\"{id}\"]:not([data-aa-entity=title])"
                ))
                .ok();
            if let Some(mark) = list
                .and_then(|l| l.item(at as u32))
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                mark.scroll_into_view_with_bool(false);
                let _ = mark.focus();
            }
        }
    };
    let on_select = {
        let view = view.dispatcher();
        let (reveal, entities, recognition) =
            (revealed.dispatcher(), entities.clone(), recognition.clone());
        Callback::from(move |id: Option<AttrValue>| {
            // Every paragraph that mentions the chosen entity is shown, so that stepping reaches all.
            if let Some(k) = id
                .as_ref()
                .and_then(|id| entities.iter().position(|e| e.id == id.as_str()))
            {
                let mentioning = recognition
                    .mentions
                    .iter()
                    .skip(1)
                    .enumerate()
                    .filter(|(_, ms)| ms.iter().any(|m| m.entity == k))
                    .map(|(i, _)| i)
                    .collect();
                reveal.dispatch(mentioning);
            }
            view.dispatch(ViewAction::Choose { entity: id });
        })
    };
    {
        // After a choice or a step has rendered, bring the current mention into view.
        let focus_mention = focus_mention.clone();
        use_effect_with((view.chosen.clone(), view.position), move |(id, at)| {
            if let Some(id) = id {
                focus_mention(id, *at);
            }
        });
    }
    let on_step = {
        let view = view.dispatcher();
        Callback::from(move |by: isize| {
            view.dispatch(ViewAction::Step {
                by,
                count: mention_count,
            })
        })
    };
    let on_toggle_kind = {
        let view = view.dispatcher();
        Callback::from(move |kind: &'static str| view.dispatch(ViewAction::ToggleKind { kind }))
    };
    {
        // The element a change asked to focus, once the render that shows it is done.
        let (root, view_dispatch) = (root.clone(), view.dispatcher());
        use_effect_with(view.focus.clone(), move |request| {
            let Some(selector) = request else { return };
            let target = root
                .cast::<web_sys::Element>()
                .and_then(|el| el.query_selector(selector).ok().flatten());
            if let Some(el) = target.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                el.scroll_into_view_with_bool(false);
                let _ = el.focus();
            }
            view_dispatch.dispatch(ViewAction::Focused);
        });
    }
    {
        // The reveal observer of a long article: paragraphs coming near the viewport are shown.
        let (root, reveal) = (root.clone(), revealed.dispatcher());
        use_effect_with((article.clone(), lazy), move |(_, lazy)| {
            let revealer = if *lazy {
                root.cast::<web_sys::Element>().and_then(|el| {
                    crate::platform::reveal::Revealer::new(
                        &el,
                        "[data-aa-chunk]",
                        "data-aa-chunk",
                        move |near| {
                            // A chunk near the viewport: its paragraphs.
                            let chunks = near.iter().filter_map(|k| k.parse::<usize>().ok());
                            reveal.dispatch(
                                chunks.flat_map(|k| k * CHUNK..(k + 1) * CHUNK).collect(),
                            );
                        },
                    )
                })
            } else {
                None
            };
            move || drop(revealer)
        });
    }
    // The root's classes as one string (`classes!` would build a set of strings to join).
    let mut root_class = String::from("aa-root");
    for kind in &view.hidden {
        root_class.push_str(" aa-root--hide-");
        root_class.push_str(kind);
    }
    if view.dragging {
        root_class.push_str(" aa-root--dropping");
    }
    if lazy {
        root_class.push_str(" aa-root--long");
    }
    let Derived {
        starts,
        texts,
        ids,
        mentions,
        entity_spans,
        paragraph_heads,
        ..
    } = (*derived).clone();
    // The paragraphs take their notes from this store, which wakes only those whose notes
    // changed; it is told when the notes are a new value (compared by pointer, not content).
    let store = use_memo((), |()| ParagraphNotes::default());
    {
        let mut seen = book.store_seen.borrow_mut();
        if !seen.as_ref().is_some_and(|n| Rc::ptr_eq(n, &state.notes)) {
            store.update(&state.notes);
            *seen = Some(state.notes.clone());
        }
    }
    let title_mentions = recognition.mentions.first().cloned().unwrap_or_default();
    html! {
        <ContextProvider<Lang> context={Lang(s)}>
        <div class={root_class} lang={s.tag} ref={root}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop} data-aa-drop-hint={s.drop_here}>
            <header class="aa-header">
                <h1 class="aa-title">{ highlighted(&article.title, &title_mentions, &entities, view.chosen.as_deref(), &[], s) }</h1>
                if let Some(date) = &article.date {
                    <p class="aa-date"><time datetime={date.iso()}>{ date.raw.clone() }</time></p>
                }
                <div class="aa-toolbar">
                    <button type="button" class="aa-button" data-aa-action="export-json" onclick={on_export}>{ s.export_json }</button>
                    <button type="button" class="aa-button" data-aa-action="export-w3c" onclick={on_export_w3c}>{ s.export_w3c }</button>
                    <button type="button" class="aa-button" data-aa-action="export-markdown" onclick={people_cb(PeopleFormat::Markdown)}>{ s.export_markdown }</button>
                    <button type="button" class="aa-button" data-aa-action="export-csv" onclick={people_cb(PeopleFormat::Csv)}>{ s.export_csv }</button>
                    <button type="button" class="aa-button" data-aa-action="export-html" onclick={people_cb(PeopleFormat::Html)}>{ s.export_html }</button>
                    <button type="button" class="aa-button" data-aa-action="copy-json" onclick={on_copy}>{ s.copy_json }</button>
                    <button type="button" class="aa-button" data-aa-action="import" onclick={on_import_click}>{ s.import }</button>
                    <input ref={file_input} type="file" class="aa-file" accept=".json,.jsonld,application/json,application/ld+json"
                        data-aa-field="import-file" tabindex="-1" aria-hidden="true" onchange={on_file_chosen} />
                    <span class="aa-count">{ (s.notes_count)(state.notes.len()) }</span>
                </div>
                <p class="aa-status" role="status" aria-live="polite">
                    { view.status.clone().unwrap_or_default() }
                    if view.undo.is_some() {
                        { " " }<button type="button" class="aa-button aa-button--small" data-aa-action="undo-delete" onclick={on_undo}>{ s.undo }</button>
                    }
                </p>
            </header>
            <div class="aa-layout">
                <div class="aa-main">
                    <EntityPanel entities={entities.clone()} selected={view.chosen.clone()} position={(view.position, mention_count)}
                        hidden={view.hidden.clone()} {on_select} {on_step} {on_toggle_kind} />
                    <ArticleBody article={article.clone()} article_id={props.article_id.clone()} {ids} {texts} {starts} {mentions}
                        entities={entities.clone()} selected={view.chosen.clone()} {lazy} revealed={revealed.clone()} store={(*store).clone()}
                        {on_add} {on_edit} on_delete={on_delete.clone()} {on_selection} {on_show_in_list} />
                    if let Some(byline) = &article.byline {
                        <footer class="aa-byline">{ byline.clone() }</footer>
                    }
                    <OrphanList orphans={state.notes.orphans().cloned().collect::<Vec<_>>()} article={article.clone()} {on_reattach}
                        on_delete={on_delete.clone()} has_selection={view.selection.is_some()} {on_attach_selection} />
                </div>
                <NotesList notes={state.notes.clone()} entities={entities.clone()} {entity_spans} {paragraph_heads} open={view.list_open}
                    on_toggle={on_toggle_list} {on_jump} />
            </div>
        </div>
        </ContextProvider<Lang>>
    }
}
