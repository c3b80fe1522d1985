//! JSON objects read field by field from a `serde_json::Value`: the notes, the stored envelope, a
//! JSON article and a newsroom's JSON lexicon.
//!
//! A derived decoder reads its struct both as a JSON object and as an array, with a visitor per
//! struct; for the few structs the widget reads from JSON that was 12 KB of its wasm. Read here as
//! what they are, objects of named fields, with the derived decoders' rules: a missing required
//! field is an error naming it, optional fields take their default, fields not known are ignored
//! (or refused, where the format says so). The leaves (strings, numbers, lists of strings, ids,
//! times, colours) are read by [`FromJson`], not by serde's decoder over `Value` (whose type
//! errors and their formatting are then not linked either).

use serde_json::{Map, Value};

/// A value read as it is from a JSON value: `None` when the value is of another type or shape.
pub(crate) trait FromJson: Sized {
    /// What the value should have been, for errors ("a string").
    const WHAT: &'static str;
    /// The value `value` holds, if it holds one.
    fn from_json(value: Value) -> Option<Self>;
}

impl FromJson for String {
    const WHAT: &'static str = "a string";
    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl FromJson for bool {
    const WHAT: &'static str = "true or false";
    fn from_json(value: Value) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJson for usize {
    const WHAT: &'static str = "a whole number";
    fn from_json(value: Value) -> Option<Self> {
        value.as_u64().and_then(|n| usize::try_from(n).ok())
    }
}

impl FromJson for u32 {
    const WHAT: &'static str = "a whole number";
    fn from_json(value: Value) -> Option<Self> {
        value.as_u64().and_then(|n| u32::try_from(n).ok())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    const WHAT: &'static str = "a list";
    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}

/// `null` is none.
impl<T: FromJson> FromJson for Option<T> {
    const WHAT: &'static str = T::WHAT;
    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            value => T::from_json(value).map(Some),
        }
    }
}

/// The fields of one JSON object, taken out one by one.
pub(crate) struct Fields(Map<String, Value>);

impl Fields {
    /// The object `value`, or an error saying that `what` should have been one.
    pub(crate) fn of(value: Value, what: &str) -> Result<Fields, String> {
        match value {
            Value::Object(map) => Ok(Fields(map)),
            _ => Err(format!("invalid type: {what} is not an object")),
        }
    }

    /// A required field.
    pub(crate) fn take<T: FromJson>(&mut self, key: &str) -> Result<T, String> {
        let value = self.0.remove(key).ok_or_else(|| missing(key))?;
        read(key, value)
    }

    /// A field that may be left out: its type's default then.
    pub(crate) fn take_or_default<T: FromJson + Default>(
        &mut self,
        key: &str,
    ) -> Result<T, String> {
        match self.0.remove(key) {
            Some(value) => read(key, value),
            None => Ok(T::default()),
        }
    }

    /// A required field that is itself an object.
    pub(crate) fn object(&mut self, key: &str) -> Result<Fields, String> {
        let value = self.0.remove(key).ok_or_else(|| missing(key))?;
        Fields::of(value, key)
    }

    /// A required field that is a list, its items as they are.
    pub(crate) fn list(&mut self, key: &str) -> Result<Vec<Value>, String> {
        match self.0.remove(key) {
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(format!("invalid type: {key} is not a list")),
            None => Err(missing(key)),
        }
    }

    /// A list that may be left out (none then), its items as they are.
    pub(crate) fn list_or_empty(&mut self, key: &str) -> Result<Vec<Value>, String> {
        match self.0.contains_key(key) {
            true => self.list(key),
            false => Ok(Vec::new()),
        }
    }

    /// An error for the first field left, if any: for formats that refuse fields they do not know.
    pub(crate) fn no_more(&self) -> Result<(), String> {
        match self.0.keys().next() {
            Some(key) => Err(format!("unknown field `{key}`")),
            None => Ok(()),
        }
    }
}

/// `value` read as a `T`; the error names `key` and what it should have been.
fn read<T: FromJson>(key: &str, value: Value) -> Result<T, String> {
    T::from_json(value).ok_or_else(|| format!("invalid value: {key} should be {}", T::WHAT))
}

fn missing(key: &str) -> String {
    format!("missing field `{key}`")
}
