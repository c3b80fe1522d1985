//! Every string the reader sees, one table per interface language: Vietnamese (the default) and
//! English (`lang="en"`). Components take the table from the [`Lang`] context.

use crate::core::article::{ArticleError, MAX_ARTICLE_BYTES};
use crate::core::export::EXPORT_VERSION;
use crate::core::import::{
    ImportError, ImportReport, RejectReason, MAX_IMPORT_BYTES, MAX_IMPORT_ITEMS,
};
use crate::core::notes::{
    NoteColor, NotesError, Timestamp, MAX_NOTE_CHARS, MAX_TAGS, MAX_TAG_CHARS,
};
use crate::core::recognize::LexiconError;
use crate::core::storage::StorageError;
use crate::platform::in_place::HostError;
use crate::platform::storage::{LoadProblem, SaveError};

/// The strings of one interface language.
#[derive(Debug)]
pub struct Strings {
    /// BCP 47 tag, for `lang` attributes.
    pub tag: &'static str,
    pub add_note: &'static str,
    pub add_note_label: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub note_field_label: &'static str,
    pub note_placeholder: &'static str,
    pub export_json: &'static str,
    pub export_w3c: &'static str,
    /// The exports for people: Markdown, CSV, a printable page.
    pub export_markdown: &'static str,
    pub export_csv: &'static str,
    pub export_html: &'static str,
    pub notes_of_paragraph: &'static str,
    pub legend: &'static str,
    pub kind_official: &'static str,
    pub kind_title: &'static str,
    pub kind_body: &'static str,
    pub orphans_title: &'static str,
    pub orphans_help: &'static str,
    pub orphan_quote: &'static str,
    pub reattach: &'static str,
    pub reattach_label: &'static str,
    pub note_empty: &'static str,
    pub saved: &'static str,
    pub exported: &'static str,
    /// Said after every reason a save failed: the notes are still here, download them.
    pub keep_by_download: &'static str,
    pub not_saved: &'static str,
    pub download_failed: &'static str,
    /// `importJson()` called before the article is shown.
    pub no_article_yet: &'static str,
    pub storage_problem: &'static str,
    pub loading: &'static str,
    pub cannot_show: &'static str,
    pub add_passage_note: &'static str,
    pub deleted: &'static str,
    pub restored: &'static str,
    pub undo: &'static str,
    pub import: &'static str,
    pub copy_json: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub drop_here: &'static str,
    /// The report of an import: added, updated, skipped, rejected (with the first reason).
    pub import_report: fn(usize, usize, usize, usize, &str) -> String,
    pub import_failed: &'static str,
    pub panel_title: &'static str,
    pub officials: &'static str,
    pub bodies: &'static str,
    pub mentions_nav: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    /// "{n} notes".
    pub notes_count: fn(usize) -> String,
    /// "{n} mentions".
    pub mentions_count: fn(usize) -> String,
    pub tags_label: &'static str,
    pub tags_placeholder: &'static str,
    pub color_label: &'static str,
    pub color_none: &'static str,
    /// Names of the note colours, in the order of `NoteColor::ALL`.
    pub color_names: [&'static str; 5],
    pub notes_list_title: &'static str,
    /// The button that opens and closes the notes list on narrow screens.
    pub show_notes: &'static str,
    /// The button that unfolds the tools and the entity panel.
    pub tools: &'static str,
    pub hide_notes: &'static str,
    pub close: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub tag_filter_label: &'static str,
    pub any_tag: &'static str,
    pub entity_filter_label: &'static str,
    pub any_entity: &'static str,
    pub clear_filters: &'static str,
    pub notes_empty: &'static str,
    pub no_match: &'static str,
    /// "{shown} of {all} notes".
    pub shown_of: fn(usize, usize) -> String,
    /// "Show {n} more".
    pub show_more: fn(usize) -> String,
    pub go_to_passage: &'static str,
    pub back_to_list: &'static str,
    pub whole_paragraph: &'static str,
    pub attach_to_selection: &'static str,
    pub highlight_note: &'static str,
    /// The sync's words (the sync build only).
    #[cfg(feature = "sync")]
    pub sync: SyncStrings,
    /// A bare mount of the bundle without sync was asked to sync.
    #[cfg(not(feature = "sync"))]
    pub sync_unavailable: &'static str,
    /// Said before the author's name on another reader's note.
    pub note_by: &'static str,
}

/// The sync's words, in one language.
#[cfg(feature = "sync")]
#[derive(Debug)]
pub struct SyncStrings {
    /// The sync's status line: everything is on the server.
    pub synced: &'static str,
    /// A round is running.
    pub syncing: &'static str,
    /// "Not yet synced ({n} changes)".
    pub pending: fn(usize) -> String,
    /// Why not: offline, login needed, not allowed, no database, a bad server (in the order of
    /// `SyncProblem`).
    pub problems: [&'static str; 5],
    /// "{n} notes from the server were refused".
    pub refused: fn(usize) -> String,
    /// The `sync` option is not an http(s) URL.
    pub bad_url: &'static str,
}

pub static VI: Strings = Strings {
    tag: "vi",
    add_note: "Thêm ghi chú",
    add_note_label: "Thêm ghi chú cho đoạn này",
    save: "Lưu",
    cancel: "Hủy",
    edit: "Sửa",
    delete: "Xóa",
    note_field_label: "Nội dung ghi chú",
    note_placeholder: "Viết ghi chú… (Ctrl+Enter để lưu, Esc để hủy)",
    export_json: "Tải ghi chú (JSON)",
    export_w3c: "Tải theo chuẩn W3C",
    export_markdown: "Tải Markdown",
    export_csv: "Tải bảng tính (CSV)",
    export_html: "Tải trang in (HTML)",
    notes_of_paragraph: "Ghi chú của đoạn",
    legend: "Chú giải",
    kind_official: "Quan chức",
    kind_title: "Chức danh",
    kind_body: "Cơ quan, tổ chức",
    orphans_title: "Ghi chú không còn tìm thấy chỗ trong bài",
    orphans_help: "Đoạn văn mà các ghi chú này gắn vào đã bị sửa hoặc xóa. Chúng vẫn được giữ; hãy gắn lại vào một đoạn hoặc xóa.",
    orphan_quote: "Trích đoạn cũ:",
    reattach: "Gắn vào đoạn",
    reattach_label: "Chọn đoạn để gắn ghi chú",
    note_empty: "Ghi chú không thể để trống.",
    saved: "Đã lưu ghi chú.",
    exported: "Đã tải tệp ghi chú.",
    keep_by_download: "Ghi chú chỉ còn trong trang này — hãy tải về để giữ lại.",
    not_saved: "Không lưu được:",
    download_failed: "Không tải về được; hãy dùng “Sao chép JSON”.",
    no_article_yet: "Bài viết chưa tải xong.",
    storage_problem: "Có vấn đề với ghi chú đã lưu:",
    loading: "Đang tải bài viết…",
    cannot_show: "Không hiển thị được bài viết.",
    add_passage_note: "Ghi chú cho đoạn đã chọn",
    deleted: "Đã xóa ghi chú.",
    restored: "Đã khôi phục ghi chú.",
    undo: "Hoàn tác",
    import: "Nhập ghi chú…",
    copy_json: "Sao chép JSON",
    copied: "Đã sao chép ghi chú (JSON) vào bộ nhớ tạm.",
    copy_failed: "Không sao chép được; hãy dùng nút tải về.",
    drop_here: "Thả tệp ghi chú (JSON) vào đây để nhập",
    import_report: |a, u, s, r, why| {
        let head = format!("Đã nhập: {a} mới, {u} cập nhật, {s} bỏ qua");
        if r > 0 {
            format!("{head}, {r} bị từ chối; ví dụ: {why}")
        } else {
            head + "."
        }
    },
    import_failed: "Không nhập được tệp:",
    panel_title: "Nhân vật và cơ quan trong bài",
    officials: "Quan chức",
    bodies: "Cơ quan, tổ chức",
    mentions_nav: "Đi qua các lần nhắc đến",
    previous: "‹ Trước",
    next: "Sau ›",
    notes_count: |n| format!("{n} ghi chú"),
    mentions_count: |n| format!("{n} lần nhắc đến"),
    tags_label: "Nhãn (cách nhau bởi dấu phẩy)",
    tags_placeholder: "ví dụ: nhân sự, cần kiểm tra",
    color_label: "Màu",
    color_none: "Không màu",
    color_names: ["Vàng", "Xanh lá", "Xanh dương", "Hồng", "Tím"],
    notes_list_title: "Danh sách ghi chú",
    show_notes: "Xem ghi chú",
    tools: "Công cụ và nhân vật",
    hide_notes: "Ẩn danh sách ghi chú",
    close: "Đóng danh sách",
    search_label: "Tìm trong ghi chú",
    search_placeholder: "Tìm (gõ không dấu cũng được)",
    tag_filter_label: "Lọc theo nhãn",
    any_tag: "Mọi nhãn",
    entity_filter_label: "Lọc theo quan chức, cơ quan",
    any_entity: "Mọi quan chức, cơ quan",
    clear_filters: "Bỏ lọc",
    notes_empty: "Chưa có ghi chú nào. Chọn một đoạn văn hoặc bôi đen một câu để thêm ghi chú.",
    no_match: "Không có ghi chú nào khớp với bộ lọc.",
    shown_of: |shown, all| format!("{shown} trên {all} ghi chú"),
    show_more: |n| format!("Xem thêm {n} ghi chú"),
    go_to_passage: "Đến đoạn văn",
    back_to_list: "Về danh sách",
    whole_paragraph: "Cả đoạn",
    attach_to_selection: "Gắn vào đoạn đang bôi đen",
    highlight_note: "Ghi chú",
    #[cfg(feature = "sync")]
    sync: SyncStrings {
        synced: "Đã đồng bộ.",
        syncing: "Đang đồng bộ…",
        pending: |n| format!("Chưa đồng bộ ({n} thay đổi)."),
        problems: [
            "Không kết nối được máy chủ; sẽ thử lại.",
            "Cần đăng nhập để đồng bộ.",
            "Tài khoản này không được phép đồng bộ vào đây.",
            "Không tìm thấy cơ sở dữ liệu đồng bộ.",
            "Máy chủ đồng bộ trả lời không hợp lệ; sẽ thử lại.",
        ],
        refused: |n| format!("{n} ghi chú bị từ chối khi đồng bộ."),
        bad_url: "Địa chỉ đồng bộ (sync) không phải là địa chỉ http(s); không đồng bộ.",
    },
    #[cfg(not(feature = "sync"))]
    sync_unavailable: "Bản này không có đồng bộ (sync): hãy nạp article-annotator-element.js.",
    note_by: "Ghi chú của",
};

pub static EN: Strings = Strings {
    tag: "en",
    add_note: "Add a note",
    add_note_label: "Add a note to this paragraph",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    delete: "Delete",
    note_field_label: "Note",
    note_placeholder: "Write a note… (Ctrl+Enter to save, Esc to cancel)",
    export_json: "Download notes (JSON)",
    export_w3c: "Download as W3C annotations",
    export_markdown: "Download Markdown",
    export_csv: "Download spreadsheet (CSV)",
    export_html: "Download printable page (HTML)",
    notes_of_paragraph: "Notes on this paragraph",
    legend: "Legend",
    kind_official: "Official",
    kind_title: "Title",
    kind_body: "Public body",
    orphans_title: "Notes whose passage is no longer in the article",
    orphans_help: "The text these notes were attached to was edited or removed. They are kept: attach each to a paragraph, or delete it.",
    orphan_quote: "Former passage:",
    reattach: "Attach to paragraph",
    reattach_label: "Paragraph to attach the note to",
    note_empty: "A note cannot be empty.",
    saved: "Note saved.",
    exported: "Notes file downloaded.",
    keep_by_download: "Notes stay on this page only — download them to keep them.",
    not_saved: "Could not save:",
    download_failed: "Could not download; use “Copy JSON”.",
    no_article_yet: "The article has not loaded yet.",
    storage_problem: "There is a problem with the saved notes:",
    loading: "Loading the article…",
    cannot_show: "The article cannot be shown.",
    add_passage_note: "Note on the selection",
    deleted: "Note deleted.",
    restored: "Note restored.",
    undo: "Undo",
    import: "Import notes…",
    copy_json: "Copy JSON",
    copied: "Notes (JSON) copied to the clipboard.",
    copy_failed: "Could not copy; use the download button.",
    drop_here: "Drop a notes file (JSON) here to import it",
    import_report: |a, u, s, r, why| {
        let head = format!("Imported: {a} new, {u} updated, {s} skipped");
        if r > 0 {
            format!("{head}, {r} rejected; for example: {why}")
        } else {
            head + "."
        }
    },
    import_failed: "The file could not be imported:",
    panel_title: "People and bodies in this article",
    officials: "Officials",
    bodies: "Public bodies",
    mentions_nav: "Step through the mentions",
    previous: "‹ Previous",
    next: "Next ›",
    notes_count: |n| if n == 1 { "1 note".to_owned() } else { format!("{n} notes") },
    mentions_count: |n| if n == 1 { "1 mention".to_owned() } else { format!("{n} mentions") },
    tags_label: "Tags (separated by commas)",
    tags_placeholder: "e.g. personnel, to check",
    color_label: "Colour",
    color_none: "No colour",
    color_names: ["Yellow", "Green", "Blue", "Pink", "Purple"],
    notes_list_title: "Notes",
    show_notes: "Show notes",
    tools: "Tools and people",
    hide_notes: "Hide the notes list",
    close: "Close the list",
    search_label: "Search the notes",
    search_placeholder: "Search (tones optional)",
    tag_filter_label: "Filter by tag",
    any_tag: "Any tag",
    entity_filter_label: "Filter by official or body",
    any_entity: "Any official or body",
    clear_filters: "Clear filters",
    notes_empty: "No notes yet. Choose a paragraph, or select a sentence, to add one.",
    no_match: "No note matches the filters.",
    shown_of: |shown, all| format!("{shown} of {all} notes"),
    show_more: |n| format!("Show {n} more"),
    go_to_passage: "Go to passage",
    back_to_list: "Back to list",
    whole_paragraph: "Whole paragraph",
    attach_to_selection: "Attach to the selected passage",
    highlight_note: "Note",
    #[cfg(feature = "sync")]
    sync: SyncStrings {
        synced: "Synced.",
        syncing: "Syncing…",
        pending: |n| if n == 1 { "Not yet synced (1 change).".to_owned() } else { format!("Not yet synced ({n} changes).") },
        problems: [
            "The sync server cannot be reached; will retry.",
            "Log in to sync.",
            "This account may not sync here.",
            "The sync database does not exist.",
            "The sync server answered something unusable; will retry.",
        ],
        refused: |n| if n == 1 { "1 note was refused while syncing.".to_owned() } else { format!("{n} notes were refused while syncing.") },
        bad_url: "The sync address is not an http(s) URL; not syncing.",
    },
    #[cfg(not(feature = "sync"))]
    sync_unavailable: "This build does not sync: load article-annotator-element.js.",
    note_by: "Note by",
};

/// The table for a `lang` attribute value: English for `en` and `en-*`, else Vietnamese.
pub fn for_lang(lang: Option<&str>) -> &'static Strings {
    match lang.map(str::to_ascii_lowercase) {
        Some(l) if l == "en" || l.starts_with("en-") => &EN,
        _ => &VI,
    }
}

/// The interface language, given to the components that speak as a prop (compared by pointer).
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub &'static Strings);

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang(&VI)
    }
}

impl Strings {
    /// The label of an entity kind (`data-aa-entity` value).
    pub fn kind_label(&self, attr: &str) -> &'static str {
        match attr {
            "official" => self.kind_official,
            "title" => self.kind_title,
            _ => self.kind_body,
        }
    }

    /// The name of a note colour.
    pub fn color_name(&self, color: NoteColor) -> &'static str {
        // In the order of `color_names` (and of `NoteColor::ALL`); the compiler checks both the
        // match and the indices against the array's length.
        let [yellow, green, blue, pink, purple] = self.color_names;
        match color {
            NoteColor::Yellow => yellow,
            NoteColor::Green => green,
            NoteColor::Blue => blue,
            NoteColor::Pink => pink,
            NoteColor::Purple => purple,
        }
    }

    /// A time for the reader: "28/11/2026 08:05" or "28 Nov 2026, 08:05" (UTC); the exports'
    /// format ([`crate::core::people_export::Labels::time`]).
    pub fn time(&self, t: Timestamp) -> String {
        crate::core::people_export::labels(self.tag).time(&t.iso())
    }

    /// Why a change to the notes was refused.
    pub fn notes_error(&self, e: &NotesError) -> String {
        let en = self.tag == "en";
        match e {
            NotesError::Empty => self.note_empty.to_owned(),
            NotesError::TooLong(n) if en => {
                format!("The note is too long ({n} characters; at most {MAX_NOTE_CHARS}).")
            }
            NotesError::TooLong(n) => {
                format!("Ghi chú quá dài ({n} ký tự; tối đa {MAX_NOTE_CHARS}).")
            }
            NotesError::NotFound(_) if en => {
                "That note no longer exists (it may have been deleted).".to_owned()
            }
            NotesError::NotFound(_) => "Không tìm thấy ghi chú này (có thể đã bị xóa).".to_owned(),
            NotesError::Duplicate(_) if en => "That note already exists.".to_owned(),
            NotesError::Duplicate(_) => "Ghi chú này đã có.".to_owned(),
            NotesError::TooManyTags(n) if en => format!("Too many tags ({n}; at most {MAX_TAGS})."),
            NotesError::TooManyTags(n) => format!("Quá nhiều nhãn ({n}; tối đa {MAX_TAGS})."),
            NotesError::TagTooLong(t) if en => {
                format!("The tag “{t}” is too long (at most {MAX_TAG_CHARS} characters).")
            }
            NotesError::TagTooLong(t) => {
                format!("Nhãn “{t}” quá dài (tối đa {MAX_TAG_CHARS} ký tự).")
            }
        }
    }

    /// What the reader is told when the stored notes cannot be used: at load, or when another tab
    /// saved a value this version cannot read.
    pub fn load_problem(&self, p: &LoadProblem) -> String {
        let en = self.tag == "en";
        let (what, backup) = match p {
            LoadProblem::Unavailable(_) if en => ("this browser blocks storage here", None),
            LoadProblem::Unavailable(_) => ("trình duyệt chặn lưu trữ ở đây", None),
            LoadProblem::Unreadable { why, backup } => (self.stored_problem(why), backup.as_ref()),
        };
        let copy = match (backup, en) {
            (Some(key), true) => format!(" (copied to “{key}”)"),
            (Some(key), false) => format!(" (bản sao ở khóa “{key}”)"),
            (None, _) => String::new(),
        };
        let left = if en {
            "it is left untouched"
        } else {
            "dữ liệu đó được để nguyên"
        };
        match p {
            LoadProblem::Unavailable(_) => {
                format!("{} {what}. {}", self.storage_problem, self.keep_by_download)
            }
            LoadProblem::Unreadable { .. } => format!(
                "{} {what}; {left}{copy}. {}",
                self.storage_problem, self.keep_by_download
            ),
        }
    }

    /// What is wrong with a stored value, as a clause.
    fn stored_problem(&self, why: &StorageError) -> &'static str {
        match (why, self.tag == "en") {
            (StorageError::NewerVersion { .. }, true) => "a newer version of the widget saved them",
            (StorageError::NewerVersion { .. }, false) => {
                "một phiên bản mới hơn của công cụ đã lưu chúng"
            }
            (StorageError::NotOurs, true) => "they are not in a form this widget knows",
            (StorageError::NotOurs, false) => "chúng không ở dạng công cụ này hiểu",
            (_, true) => "they are damaged",
            (_, false) => "chúng bị hỏng",
        }
    }

    /// Why the notes could not be saved, and that they are still on the page.
    pub fn save_failed(&self, e: &SaveError) -> String {
        let en = self.tag == "en";
        let why = match (e, en) {
            (SaveError::Full(_), true) => "the browser's storage is full",
            (SaveError::Full(_), false) => "bộ nhớ lưu trữ của trình duyệt đã đầy",
            (SaveError::Blocked(_), true) => "this browser blocks storage here",
            (SaveError::Blocked(_), false) => "trình duyệt chặn lưu trữ ở đây",
            (SaveError::Protected(_), true) => {
                "that would overwrite saved notes this version cannot read"
            }
            (SaveError::Protected(_), false) => {
                "sẽ ghi đè ghi chú đã lưu mà phiên bản này không đọc được"
            }
            (SaveError::Encode(_), true) => "a note's time cannot be written",
            (SaveError::Encode(_), false) => "thời gian của một ghi chú không ghi được",
            (SaveError::Other(_), true) => "the browser refused",
            (SaveError::Other(_), false) => "trình duyệt từ chối",
        };
        format!("{} {why}. {}", self.not_saved, self.keep_by_download)
    }

    /// Why nothing of a file was imported.
    pub fn import_error(&self, e: &ImportError) -> String {
        let en = self.tag == "en";
        match e {
            ImportError::TooLarge { bytes } if en => {
                format!("too large ({bytes} bytes; at most {MAX_IMPORT_BYTES})")
            }
            ImportError::TooLarge { bytes } => {
                format!("tệp quá lớn ({bytes} byte; tối đa {MAX_IMPORT_BYTES})")
            }
            ImportError::NotJson(_) if en => "not valid JSON".to_owned(),
            ImportError::NotJson(_) => "không phải JSON hợp lệ".to_owned(),
            ImportError::UnknownFormat if en => {
                "neither notes of this widget nor W3C annotations".to_owned()
            }
            ImportError::UnknownFormat => {
                "không phải ghi chú của công cụ này hay chú thích W3C".to_owned()
            }
            ImportError::NewerVersion { found } if en => {
                format!("written by a newer version ({found} > {EXPORT_VERSION})")
            }
            ImportError::NewerVersion { found } => {
                format!("do phiên bản mới hơn ghi ({found} > {EXPORT_VERSION})")
            }
            ImportError::NotApplied if en => "the import could not be applied".to_owned(),
            ImportError::NotApplied => "không áp dụng được tệp nhập".to_owned(),
            ImportError::TooMany { count } if en => {
                format!("{count} annotations (at most {MAX_IMPORT_ITEMS})")
            }
            ImportError::TooMany { count } => {
                format!("{count} ghi chú (tối đa {MAX_IMPORT_ITEMS})")
            }
        }
    }

    /// Why one annotation of an import was not taken.
    pub fn reject_reason(&self, r: &RejectReason) -> String {
        let en = self.tag == "en";
        match r {
            RejectReason::NotANote(_) if en => "not a valid note".to_owned(),
            RejectReason::NotANote(_) => "không phải ghi chú hợp lệ".to_owned(),
            RejectReason::Missing(what) if en => format!("no {what}"),
            RejectReason::Missing(what) => format!("thiếu {what}"),
            RejectReason::NotUuid(id) if en => format!("id “{id}” is not a UUID"),
            RejectReason::NotUuid(id) => format!("mã “{id}” không phải UUID"),
            RejectReason::OutsideArticle | RejectReason::QuoteMismatch if en => {
                "not where it says in this article".to_owned()
            }
            RejectReason::OutsideArticle | RejectReason::QuoteMismatch => {
                "không nằm ở chỗ đã ghi trong bài này".to_owned()
            }
            RejectReason::Empty => self.note_empty.to_owned(),
            RejectReason::TooLong(n) => self.notes_error(&NotesError::TooLong(*n)),
            RejectReason::Tags(e) => self.notes_error(e),
            RejectReason::UnknownParagraph(p) if en => {
                format!("paragraph {p} is not in this article")
            }
            RejectReason::UnknownParagraph(p) => format!("đoạn {p} không có trong bài này"),
        }
    }

    /// The status line after an import: what was added, updated, skipped and rejected (with the
    /// first reason).
    pub fn import_summary(&self, r: &ImportReport) -> String {
        // The first reason ends the sentence.
        let why = r
            .errors
            .first()
            .map(|e| self.reject_reason(&e.reason))
            .unwrap_or_default();
        (self.import_report)(r.added, r.updated, r.skipped, r.errors.len(), &why)
    }

    /// A fetch of `url` that failed; `detail` is what the browser said (its own words), if
    /// anything.
    pub fn load_failed(&self, url: &str, detail: &str) -> String {
        let verb = if self.tag == "en" {
            "Could not load"
        } else {
            "Không tải được"
        };
        format!("{verb} {url}. {detail}")
    }

    /// Why the newsroom's lexicon at `url` was not used (`None`: it is not UTF-8 text).
    pub fn lexicon_error(&self, url: &str, e: Option<&LexiconError>) -> String {
        let why = match (e, self.tag == "en") {
            (None, true) => "not UTF-8 text",
            (None, false) => "không phải văn bản UTF-8",
            (Some(_), true) => "not JSON {bodies, officials, titles}",
            (Some(_), false) => "không phải JSON {bodies, officials, titles}",
        };
        format!("{url}: {why}")
    }

    /// Why an article cannot be shown.
    /// Why the host's own article cannot be annotated in place: no block with text (the
    /// selectors in use named), a selector the browser refuses, or no page to read.
    pub fn host_error(&self, e: Option<&HostError>, blocks: &str) -> String {
        let en = self.tag == "en";
        match e {
            None if en => format!(
                "No text to annotate was found in the page's article (blocks read: {blocks})."
            ),
            None => format!(
                "Không tìm thấy đoạn văn nào để chú thích trong bài (các khối được đọc: {blocks})."
            ),
            Some(HostError::BadSelector {
                attribute,
                selector,
                ..
            }) if en => {
                format!("The {attribute} attribute is not a valid CSS selector: {selector}")
            }
            Some(HostError::BadSelector {
                attribute,
                selector,
                ..
            }) => format!("Thuộc tính {attribute} không phải bộ chọn CSS hợp lệ: {selector}"),
            Some(e) if en => format!("The page's article cannot be read: {e}"),
            Some(e) => format!("Không đọc được bài viết của trang: {e}"),
        }
    }

    pub fn article_error(&self, e: &ArticleError) -> String {
        let en = self.tag == "en";
        match e {
            ArticleError::NotUtf8 { valid_up_to, .. } if en => {
                format!("The article is not UTF-8 text (first bad byte at {valid_up_to}).")
            }
            ArticleError::NotUtf8 { valid_up_to, .. } => format!(
                "Bài viết không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí {valid_up_to})."
            ),
            ArticleError::Empty if en => "The article is empty.".to_owned(),
            ArticleError::Empty => "Bài viết trống.".to_owned(),
            ArticleError::NoParagraphs if en => {
                "The article has a title but no paragraphs.".to_owned()
            }
            ArticleError::NoParagraphs => {
                "Bài viết có tiêu đề nhưng không có đoạn văn nào.".to_owned()
            }
            ArticleError::TooLarge { bytes } if en => {
                format!("The article is too large ({bytes} bytes; at most {MAX_ARTICLE_BYTES}).")
            }
            ArticleError::TooLarge { bytes } => {
                format!("Bài viết quá lớn ({bytes} byte; tối đa {MAX_ARTICLE_BYTES}).")
            }
            ArticleError::BadJson(_) if en => {
                "The JSON article is not of the form {title, date?, lead?, paragraphs[], byline?}."
                    .to_owned()
            }
            ArticleError::BadJson(_) => {
                "Bài viết JSON không đúng dạng {title, date?, lead?, paragraphs[], byline?}."
                    .to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::EncodeError;
    use crate::core::import::Rejected;
    use crate::platform::PlatformError;

    fn json_error() -> serde_json::Error {
        match serde_json::from_str::<u8>("x") {
            Err(e) => e,
            Ok(_) => unreachable!("not JSON"),
        }
    }

    /// Words that would betray English left inside a Vietnamese message.
    const ENGLISH: [&str; 9] = [
        " the ", " not ", " is ", "could", "cannot", " of ", "file", "saved", "storage",
    ];

    /// A message made in the language of the table given.
    type Message = Box<dyn Fn(&Strings) -> String>;

    #[track_caller]
    fn check_pair(what: &str, vi: &str, en: &str) {
        assert!(!vi.is_empty() && !en.is_empty(), "{what}");
        assert_ne!(vi, en, "{what}: the same in both languages");
        let lower = format!(" {} ", vi.to_lowercase());
        for word in ENGLISH {
            assert!(!lower.contains(word), "{what}: English {word:?} in {vi:?}");
        }
    }

    /// Every message a storage problem, a failed save or an import can give, in both languages:
    /// Vietnamese carries no English, and English differs from it.
    #[test]
    fn every_problem_message_exists_in_both_languages() {
        let storage_errors = || {
            vec![
                StorageError::Corrupt(json_error()),
                StorageError::NotOurs,
                StorageError::NewerVersion { found: 3 },
            ]
        };
        let mut cases: Vec<(String, Message)> = Vec::new();
        for (k, why) in storage_errors().into_iter().enumerate() {
            let backup = (k == 0).then(|| "article-annotator:backup:a:1".to_owned());
            let problem = LoadProblem::Unreadable { why, backup };
            cases.push((
                format!("{problem:?}"),
                Box::new(move |s| s.load_problem(&problem)),
            ));
        }
        let blocked = LoadProblem::Unavailable(PlatformError::NoWindow);
        cases.push((
            "unavailable".into(),
            Box::new(move |s| s.load_problem(&blocked)),
        ));
        let saves = || {
            let mut v = vec![
                SaveError::Full("quota".into()),
                SaveError::Blocked(PlatformError::NoWindow),
                SaveError::Encode(EncodeError(json_error())),
                SaveError::Other("x".into()),
            ];
            v.extend(storage_errors().into_iter().map(SaveError::Protected));
            v
        };
        for (k, _) in saves().iter().enumerate() {
            let e = saves().remove(k);
            cases.push((format!("{e:?}"), Box::new(move |s| s.save_failed(&e))));
        }
        let imports = || {
            vec![
                ImportError::TooLarge { bytes: 1 },
                ImportError::NotJson(json_error()),
                ImportError::UnknownFormat,
                ImportError::NewerVersion { found: 9 },
                ImportError::TooMany { count: 1 },
                ImportError::NotApplied,
            ]
        };
        for (k, _) in imports().iter().enumerate() {
            let e = imports().remove(k);
            cases.push((format!("{e:?}"), Box::new(move |s| s.import_error(&e))));
        }
        let reasons = [
            RejectReason::NotANote("x".into()),
            RejectReason::Missing("id"),
            RejectReason::NotUuid("x".into()),
            RejectReason::OutsideArticle,
            RejectReason::Empty,
            RejectReason::TooLong(20_001),
            RejectReason::Tags(NotesError::TooManyTags(21)),
            RejectReason::UnknownParagraph("p9-x".into()),
            RejectReason::QuoteMismatch,
        ];
        for reason in reasons {
            let report = ImportReport {
                errors: vec![Rejected {
                    index: 0,
                    id: None,
                    reason: reason.clone(),
                }],
                ..ImportReport::default()
            };
            cases.push((
                format!("{reason:?}"),
                Box::new(move |s| s.import_summary(&report)),
            ));
        }
        for (what, message) in &cases {
            check_pair(what, &message(&VI), &message(&EN));
        }
        assert_eq!(cases.len(), 4 + 7 + 6 + 9);
    }

    #[test]
    fn an_import_reason_ends_the_report() {
        let report = ImportReport {
            errors: vec![Rejected {
                index: 0,
                id: None,
                reason: RejectReason::Empty,
            }],
            ..ImportReport::default()
        };
        for s in [&VI, &EN] {
            let text = s.import_summary(&report);
            assert!(text.ends_with(s.note_empty), "{text}");
            assert!(!text.contains(".)") && !text.contains(". ("), "{text}");
        }
    }
}
