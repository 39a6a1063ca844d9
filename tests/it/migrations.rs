//! The two migration folders hold the same versions and differ only where
//! the dialect must: the names of byte and identity types, of the
//! aggregate that joins strings, and the header.

use std::path::Path;

/// SQLite's spelling, and PostgreSQL's, of what must differ.
const DIALECT: &[(&str, &str)] = &[
    ("(SQLite)", "(PostgreSQL)"),
    (
        "INTEGER PRIMARY KEY AUTOINCREMENT",
        "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    ),
    ("BLOB", "BYTEA"),
    ("X''", "''::bytea"),
    ("group_concat(", "string_agg("),
];

fn files(dir: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(dir: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir)
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn both_databases_have_the_same_migration_versions() {
    assert_eq!(files("sqlite"), files("postgres"));
}

#[test]
fn the_migrations_differ_only_where_the_dialect_must() {
    for name in files("sqlite") {
        let mut sqlite = read("sqlite", &name);
        for (from, to) in DIALECT {
            sqlite = sqlite.replace(from, to);
        }
        let postgres = read("postgres", &name);
        for (n, (a, b)) in sqlite.lines().zip(postgres.lines()).enumerate() {
            assert_eq!(a, b, "{name} line {}: the two dialects differ", n + 1);
        }
        assert_eq!(
            sqlite.lines().count(),
            postgres.lines().count(),
            "{name}: different lengths"
        );
    }
}
