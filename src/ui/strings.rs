//! Every string the reader sees, in one place (Vietnamese, the default interface language).

pub const ADD_NOTE: &str = "Thêm ghi chú";
pub const ADD_NOTE_LABEL: &str = "Thêm ghi chú cho đoạn này";
pub const SAVE: &str = "Lưu";
pub const CANCEL: &str = "Hủy";
pub const EDIT: &str = "Sửa";
pub const DELETE: &str = "Xóa";
pub const NOTE_FIELD_LABEL: &str = "Nội dung ghi chú";
pub const NOTE_PLACEHOLDER: &str = "Viết ghi chú… (Ctrl+Enter để lưu, Esc để hủy)";
pub const EXPORT_JSON: &str = "Tải ghi chú (JSON)";
pub const EXPORT_W3C: &str = "Tải theo chuẩn W3C";
pub const NOTES_OF_PARAGRAPH: &str = "Ghi chú của đoạn";
pub const LEGEND: &str = "Chú giải";
pub const KIND_OFFICIAL: &str = "Quan chức";
pub const KIND_TITLE: &str = "Chức danh";
pub const KIND_BODY: &str = "Cơ quan, tổ chức";
pub const NOTE_EMPTY: &str = "Ghi chú không thể để trống.";
pub const ORPHANS_TITLE: &str = "Ghi chú không còn tìm thấy chỗ trong bài";
pub const ORPHANS_HELP: &str = "Đoạn văn mà các ghi chú này gắn vào đã bị sửa hoặc xóa. Chúng vẫn được giữ; hãy gắn lại vào một đoạn hoặc xóa.";
pub const ORPHAN_QUOTE: &str = "Trích đoạn cũ:";
pub const REATTACH: &str = "Gắn vào đoạn";
pub const REATTACH_LABEL: &str = "Chọn đoạn để gắn ghi chú";
pub const SAVED: &str = "Đã lưu ghi chú.";
pub const DELETED: &str = "Đã xóa ghi chú.";
pub const EXPORTED: &str = "Đã tải tệp ghi chú.";
pub const STORAGE_FAILED: &str = "Không lưu được vào trình duyệt; ghi chú vẫn còn trong trang này — hãy tải chúng về để giữ lại.";
pub const STORAGE_PROBLEM: &str = "Có vấn đề với ghi chú đã lưu:";

/// What the reader is told when loading the notes went wrong.
pub fn load_problem(p: &crate::platform::storage::LoadProblem) -> String {
    use crate::core::storage::StorageError as E;
    use crate::platform::storage::LoadProblem as P;
    match p {
        P::Unavailable(_) => "Trình duyệt không cho lưu trữ ở đây (localStorage bị chặn hoặc không có): ghi chú chỉ được giữ trong trang này — hãy tải chúng về để giữ lại.".to_owned(),
        P::Unreadable { why, backup } => {
            let what = match why {
                E::NewerVersion { .. } => "Ghi chú đã lưu do một phiên bản mới hơn của công cụ ghi lại",
                _ => "Ghi chú đã lưu bị hỏng, không đọc được",
            };
            match backup {
                Some(key) => format!("{STORAGE_PROBLEM} {what}; dữ liệu cũ được giữ nguyên ở khóa “{key}”."),
                None => format!("{STORAGE_PROBLEM} {what}; dữ liệu cũ được để nguyên và ghi chú mới chỉ được giữ trong trang này."),
            }
        }
    }
}

/// "3 ghi chú".
pub fn note_count(n: usize) -> String {
    format!("{n} ghi chú")
}

/// The label of an entity kind.
pub fn kind_label(attr: &str) -> &'static str {
    match attr {
        "official" => KIND_OFFICIAL,
        "title" => KIND_TITLE,
        _ => KIND_BODY,
    }
}

/// Why a change to the notes was refused, in words for the reader.
pub fn notes_error(e: &crate::core::notes::NotesError) -> String {
    use crate::core::notes::NotesError as E;
    match e {
        E::Empty => NOTE_EMPTY.to_owned(),
        E::TooLong(n) => format!("Ghi chú quá dài ({n} ký tự; tối đa {}).", crate::core::notes::MAX_NOTE_CHARS),
        E::NotFound(_) => "Không tìm thấy ghi chú này (có thể đã bị xóa).".to_owned(),
        E::Duplicate(_) => "Ghi chú này đã có.".to_owned(),
    }
}

/// Why an article cannot be shown, in words for the reader.
pub fn article_error(e: &crate::core::article::ArticleError) -> String {
    use crate::core::article::{ArticleError as E, MAX_ARTICLE_BYTES};
    match e {
        E::NotUtf8 { valid_up_to, .. } => format!("Bài viết không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí {valid_up_to})."),
        E::Empty => "Bài viết trống (empty).".to_owned(),
        E::NoParagraphs => "Bài viết có tiêu đề nhưng không có đoạn văn nào.".to_owned(),
        E::TooLarge { bytes } => format!("Bài viết quá lớn ({bytes} byte; tối đa {MAX_ARTICLE_BYTES})."),
        E::BadJson(_) => "Bài viết JSON không đúng dạng {title, date?, lead?, paragraphs[], byline?}.".to_owned(),
    }
}
