//! The layers point one way: no top-level module of `src/` reaches up into
//! one that uses it, and none is part of a cycle. Read from the sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each layer must not import.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "domain",
        &[
            "crypto",
            "store",
            "service",
            "conversation",
            "bot",
            "console",
            "app",
        ],
    ),
    (
        "crypto",
        &[
            "domain",
            "store",
            "service",
            "conversation",
            "bot",
            "console",
            "app",
        ],
    ),
    (
        "conversation",
        &["crypto", "store", "service", "bot", "console", "app"],
    ),
    (
        "store",
        &["service", "conversation", "bot", "console", "app"],
    ),
    ("service", &["bot", "console", "app", "commands", "sim"]),
    ("bot", &["console", "app", "commands", "sim"]),
    ("console", &["bot", "app", "commands", "sim"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules it names as `crate::…`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let module = |p: &Path| {
        let rel = p.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_owned()
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module(file);
        let text = std::fs::read_to_string(file).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != from && modules.contains(&name) {
                graph.entry(from.clone()).or_default().insert(name);
            }
        }
    }
    graph
}

#[test]
fn no_layer_imports_one_above_it() {
    let graph = imports();
    for (layer, forbidden) in FORBIDDEN {
        let uses = graph.get(*layer).cloned().unwrap_or_default();
        for f in *forbidden {
            assert!(!uses.contains(*f), "{layer} imports {f}");
        }
    }
}

#[test]
fn no_top_level_module_is_part_of_a_cycle() {
    let graph = imports();
    fn reaches(
        graph: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(from).into_iter().flatten() {
            if next == to || (seen.insert(next.clone()) && reaches(graph, next, to, seen)) {
                return true;
            }
        }
        false
    }
    for module in graph.keys() {
        assert!(
            !reaches(&graph, module, module, &mut BTreeSet::new()),
            "{module} reaches itself through its imports"
        );
    }
}
