//! Building SQL whose shape depends on the request (filters, lists of ids)
//! or whose columns are many: placeholders are numbered as values are
//! pushed, so a statement can be written in pieces, each column beside its
//! value.

/// A value bound into built SQL. Nulls carry their type: PostgreSQL
/// refuses a NULL of the wrong type.
#[derive(Clone)]
pub(super) enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
    Bytes(Vec<u8>),
    OptText(Option<String>),
    OptInt(Option<i64>),
    OptBytes(Option<Vec<u8>>),
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Self {
        Self::Bytes(v)
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Self::OptText(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        Self::OptText(v.map(str::to_owned))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Self::OptInt(v)
    }
}
impl From<Option<Vec<u8>>> for Arg {
    fn from(v: Option<Vec<u8>>) -> Self {
        Self::OptBytes(v)
    }
}

/// Placeholders numbered as they are pushed, so a clause can be built in
/// pieces without counting by hand.
#[derive(Default)]
pub(super) struct Sql {
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.args.push(Arg::Text(value.into()));
        format!("${}", self.args.len())
    }

    pub fn int(&mut self, value: i64) -> String {
        self.args.push(Arg::Int(value));
        format!("${}", self.args.len())
    }

    /// `column` is the region, or inside it (a province holds its regencies).
    pub fn region(&mut self, column: &str, code: &str) -> String {
        let exact = self.text(code);
        let inside = self.text(format!("{code}.%"));
        format!("({column} = {exact} OR {column} LIKE {inside})")
    }
}

/// `INSERT INTO table (…) VALUES (…)`, each column named beside its value.
pub(super) struct Insert {
    table: &'static str,
    columns: Vec<&'static str>,
    pub args: Vec<Arg>,
}

impl Insert {
    pub fn into(table: &'static str) -> Self {
        Self {
            table,
            columns: Vec::new(),
            args: Vec::new(),
        }
    }

    pub fn set(mut self, column: &'static str, value: impl Into<Arg>) -> Self {
        self.columns.push(column);
        self.args.push(value.into());
        self
    }

    pub fn sql(&self) -> String {
        let marks: Vec<String> = (1..=self.columns.len()).map(|n| format!("${n}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.table,
            self.columns.join(", "),
            marks.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Insert;

    #[test]
    fn an_insert_numbers_its_placeholders_in_column_order() {
        let insert = Insert::into("t").set("a", 1i64).set("b", "x");
        assert_eq!(insert.sql(), "INSERT INTO t (a, b) VALUES ($1, $2)");
    }
}
