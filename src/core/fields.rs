//! JSON objects read field by field from a `serde_json::Value`: the notes, the stored envelope, a
//! JSON article and a newsroom's JSON lexicon.
//!
//! A derived decoder reads its struct both as a JSON object and as an array, with a visitor per
//! struct; for the few structs the widget reads from JSON that was 12 KB of its wasm. Read here as
//! what they are, objects of named fields, with the derived decoders' rules: a missing required
//! field is an error naming it, optional fields take their default, fields not known are ignored
//! (or refused, where the format says so). The leaves (strings, numbers, lists of strings, ids,
//! times, colours) are still read by their own `Deserialize`.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

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
    pub(crate) fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<T, String> {
        let value = self.0.remove(key).ok_or_else(|| missing(key))?;
        read(key, value)
    }

    /// A field that may be left out: its type's default then.
    pub(crate) fn take_or_default<T: DeserializeOwned + Default>(
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

/// `value` read as a `T`; the error names `key`.
fn read<T: DeserializeOwned>(key: &str, value: Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| format!("{key}: {e}"))
}

fn missing(key: &str) -> String {
    format!("missing field `{key}`")
}
