//! Walks one recorded request against the spec: method, parameter names,
//! required parameters, JSON types (recursively through object, union and
//! array types) and the documented limits from `limits`.

use serde_json::{Map, Value};
use suara::sim::RequestRecord;

use super::Spec;
use super::limits;

/// Violations of one request, formatted `method.path: rule [request #n]`.
pub(super) fn request(spec: &Spec, r: &RequestRecord) -> Vec<String> {
    let tag = format!("[request #{}]", r.seq);
    let Some(method) = spec.method(&r.raw_method) else {
        return vec![format!(
            "{}: method is not in {} {tag}",
            r.raw_method, spec.version
        )];
    };
    let name = method["name"].as_str().unwrap_or_default();
    let walker = Walker {
        spec,
        // Form and multipart bodies are strings on the wire; the simulator
        // decodes numbers and booleans back, so it may turn a numeric-looking
        // String into a number or a Boolean into "true". Only JSON bodies
        // carry the bot's own types.
        lenient: r.transport != "json",
        uploads: r.uploads.iter().map(|u| u.field.as_str()).collect(),
    };
    let empty = Map::new();
    let params = r.params.as_object().unwrap_or(&empty);
    walker
        .object(name, "", &fields(method), params)
        .into_iter()
        .map(|v| format!("{name}{v} {tag}"))
        .collect()
}

fn fields(def: &Value) -> Vec<Value> {
    def["fields"].as_array().cloned().unwrap_or_default()
}

fn types(field: &Value) -> Vec<&str> {
    let list = field["types"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    list.iter().filter_map(Value::as_str).collect()
}

struct Walker<'a> {
    spec: &'a Spec,
    lenient: bool,
    uploads: Vec<&'a str>,
}

impl Walker<'_> {
    /// Checks `obj` against the `defs` of `owner` (a method or a type);
    /// returned violations are `.path: rule`, relative to the owner.
    fn object(
        &self,
        owner: &str,
        path: &str,
        defs: &[Value],
        obj: &Map<String, Value>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for key in obj.keys() {
            if !defs.iter().any(|f| f["name"] == key.as_str()) {
                let what = if path.is_empty() {
                    "parameter"
                } else {
                    "field"
                };
                out.push(format!(".{path}{key}: not a {what} of {owner}"));
            }
        }
        for def in defs {
            let key = def["name"].as_str().unwrap_or_default();
            let at = format!("{path}{key}");
            match obj.get(key) {
                None if def["required"] == true => {
                    out.push(format!(".{at}: required by {owner} but missing"));
                }
                None => {}
                Some(v) => {
                    let before = out.len();
                    out.extend(self.alternatives(&at, &types(def), v));
                    if out.len() == before {
                        let desc = def["description"].as_str().unwrap_or_default();
                        for rule in limits::broken(owner, key, desc, v, obj) {
                            out.push(format!(".{at}: {rule}"));
                        }
                    }
                }
            }
        }
        out
    }

    /// Checks `v` against a list of alternative types: it must fit one. When
    /// none fits, the violations of the closest alternative are reported.
    fn alternatives(&self, path: &str, tys: &[&str], v: &Value) -> Vec<String> {
        let shaped: Vec<&str> = tys.iter().copied().filter(|t| self.shape(t, v)).collect();
        if shaped.is_empty() {
            return vec![format!(
                ".{path}: expected {}, got {}",
                tys.join(" or "),
                kind(v)
            )];
        }
        let mut best: Option<Vec<String>> = None;
        for ty in shaped {
            let found = self.fit(path, ty, v);
            if found.is_empty() {
                return found;
            }
            if best.as_ref().is_none_or(|b| found.len() < b.len()) {
                best = Some(found);
            }
        }
        best.unwrap_or_default()
    }

    /// Whether the JSON kind of `v` can be a `ty` at all.
    fn shape(&self, ty: &str, v: &Value) -> bool {
        let lenient = self.lenient;
        match ty {
            "Integer" => v.is_i64() || v.is_u64(),
            "Float" => v.is_number(),
            "String" => v.is_string() || (lenient && (v.is_number() || v.is_boolean())),
            "Boolean" => v.is_boolean(),
            // Uploads are referenced as "attach://<part>" (see InputFile).
            "InputFile" => v.as_str().is_some_and(|s| s.starts_with("attach://")),
            _ if ty.starts_with("Array of ") => v.is_array(),
            _ => v.is_object(),
        }
    }

    /// Deep check of `v`, already of the right shape, against `ty`.
    fn fit(&self, path: &str, ty: &str, v: &Value) -> Vec<String> {
        if let Some(item) = ty.strip_prefix("Array of ") {
            let items = v.as_array().map(Vec::as_slice).unwrap_or(&[]);
            return items
                .iter()
                .enumerate()
                .flat_map(|(i, e)| self.alternatives(&format!("{path}[{i}]"), &[item], e))
                .collect();
        }
        if ty == "InputFile" {
            let part = v
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("attach://");
            if !self.uploads.contains(&part) {
                return vec![format!(".{path}: refers to no uploaded part {part:?}")];
            }
            return Vec::new();
        }
        let Some(obj) = v.as_object() else {
            return Vec::new();
        };
        let Some(def) = self.spec.types.get(ty) else {
            return vec![format!(
                ".{path}: type {ty} is not in {}",
                self.spec.version
            )];
        };
        if let Some(subs) = def["subtypes"].as_array() {
            let subs: Vec<&str> = subs.iter().filter_map(Value::as_str).collect();
            return self.alternatives(path, &subs, v);
        }
        let defs = fields(def);
        let mut out = self.object(ty, &format!("{path}."), &defs, obj);
        // InlineKeyboardButton: "Exactly one of the optional fields must be
        // used to specify type of the button." (also InlineQueryResultsButton).
        let about = def["description"].to_string().to_lowercase();
        if about.contains("exactly one of the optional fields") {
            let used: Vec<&str> = defs
                .iter()
                .filter(|f| f["required"] != true)
                .filter_map(|f| f["name"].as_str())
                .filter(|n| obj.contains_key(*n))
                .collect();
            if used.len() != 1 {
                out.push(format!(
                    ".{path}: {ty} needs exactly one optional field, has {used:?}"
                ));
            }
        }
        out
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
