//! A note read from a JSON value field by field ([`Fields`]), for the stored notes and native
//! imports (both read through a `serde_json::Value`): the derived decoders of a note's four
//! structs were 9.9 KB of the widget's wasm. `tags`, `passage`, `orphan` and `color` may be left
//! out; fields this version does not know are ignored.

use serde_json::Value;

use super::{Note, Target, TextPosition, TextQuote};
use crate::core::fields::Fields;

impl Note {
    /// The note `value` holds, as the stored notes and native exports write it; the error says
    /// which field is missing or of the wrong type.
    pub fn from_json(value: Value) -> Result<Note, String> {
        let mut f = Fields::of(value, "a note")?;
        let mut target = f.object("target")?;
        let mut quote = target.object("quote")?;
        let mut position = target.object("position")?;
        Ok(Note {
            id: f.take("id")?,
            target: Target {
                paragraph: target.take("paragraph")?,
                passage: target.take_or_default("passage")?,
                quote: TextQuote {
                    exact: quote.take("exact")?,
                    prefix: quote.take("prefix")?,
                    suffix: quote.take("suffix")?,
                },
                position: TextPosition {
                    start: position.take("start")?,
                    end: position.take("end")?,
                },
            },
            text: f.take("text")?,
            tags: f.take_or_default("tags")?,
            created: f.take("created")?,
            modified: f.take("modified")?,
            orphan: f.take_or_default("orphan")?,
            color: f.take_or_default("color")?,
        })
    }
}

impl<'de> serde::Deserialize<'de> for Note {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Note, D::Error> {
        Note::from_json(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::notes::{NoteColor, NoteId, Timestamp};
    use serde_json::json;

    fn full() -> Value {
        json!({
            "id": "5d1c3f6e-8a7b-4c2d-9e0f-112233445566",
            "target": {
                "paragraph": "p1-abc",
                "passage": true,
                "quote": {"exact": "Tỉnh ủy", "prefix": "Ban ", "suffix": " họp"},
                "position": {"start": 10, "end": 17}
            },
            "text": "Ghi chú",
            "tags": ["nhân sự"],
            "created": "2020-07-03T12:09:13.000Z",
            "modified": "2020-07-03T12:10:00.000Z",
            "orphan": true,
            "color": "green",
            "later": "a field of a newer version"
        })
    }

    #[test]
    fn a_note_reads_as_the_derived_decoder_read_it() {
        let note = Note::from_json(full()).expect("reads");
        assert_eq!(
            note.id,
            NoteId::parse("5d1c3f6e-8a7b-4c2d-9e0f-112233445566").expect("id")
        );
        assert_eq!(note.target.paragraph, "p1-abc");
        assert!(note.target.passage && note.orphan);
        assert_eq!(note.target.quote.exact, "Tỉnh ủy");
        assert_eq!(
            (note.target.position.start, note.target.position.end),
            (10, 17)
        );
        assert_eq!(note.tags, ["nhân sự"]);
        assert_eq!(note.color, Some(NoteColor::Green));
        assert_eq!(
            note.created,
            Timestamp::parse_iso("2020-07-03T12:09:13.000Z").expect("t")
        );
        // What the note writes, it reads back.
        let again = Note::from_json(serde_json::to_value(&note).expect("writes")).expect("reads");
        assert_eq!(again, note);
        let via_serde: Note = serde_json::from_value(full()).expect("reads");
        assert_eq!(via_serde, note);
    }

    /// (what is changed, the change, the words the error must contain; `None`: it reads)
    #[test]
    fn fields_left_out_or_of_the_wrong_type() {
        type Change = fn(&mut Value);
        let cases: Vec<(&str, Change, Option<&str>)> = vec![
            (
                "optional fields left out",
                |v| {
                    let m = v.as_object_mut().expect("object");
                    for k in ["tags", "orphan", "color"] {
                        m.remove(k);
                    }
                    v["target"]
                        .as_object_mut()
                        .expect("object")
                        .remove("passage");
                },
                None,
            ),
            ("colour null", |v| v["color"] = Value::Null, None),
            (
                "no text",
                |v| {
                    v.as_object_mut().expect("object").remove("text");
                },
                Some("missing field `text`"),
            ),
            (
                "no quote",
                |v| {
                    v["target"].as_object_mut().expect("object").remove("quote");
                },
                Some("missing field `quote`"),
            ),
            (
                "no end",
                |v| {
                    v["target"]["position"]
                        .as_object_mut()
                        .expect("object")
                        .remove("end");
                },
                Some("missing field `end`"),
            ),
            (
                "target a string",
                |v| v["target"] = json!("p1"),
                Some("target is not an object"),
            ),
            (
                "start negative",
                |v| v["target"]["position"]["start"] = json!(-1),
                Some("start"),
            ),
            ("tags a string", |v| v["tags"] = json!("x"), Some("tags")),
            (
                "unknown colour",
                |v| v["color"] = json!("red"),
                Some("color"),
            ),
            ("bad id", |v| v["id"] = json!("x"), Some("id")),
            (
                "bad time",
                |v| v["created"] = json!("yesterday"),
                Some("created"),
            ),
        ];
        for (what, change, want) in cases {
            let mut v = full();
            change(&mut v);
            match (Note::from_json(v), want) {
                (Ok(_), None) => {}
                (Err(e), Some(words)) => assert!(e.contains(words), "{what}: {e}"),
                (got, _) => panic!("{what}: {got:?}"),
            }
        }
        assert!(Note::from_json(json!([1, 2])).is_err());
    }
}
