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
pub const SAVED: &str = "Đã lưu ghi chú.";
pub const DELETED: &str = "Đã xóa ghi chú.";
pub const EXPORTED: &str = "Đã tải tệp ghi chú.";
pub const STORAGE_FAILED: &str = "Không lưu được vào trình duyệt; ghi chú vẫn còn trong trang này — hãy tải chúng về để giữ lại.";
pub const STORAGE_PROBLEM: &str = "Có vấn đề với ghi chú đã lưu:";

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
