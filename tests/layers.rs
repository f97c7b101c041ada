//! The house's layers, read from the source: every `crate::<module>` path in `src/`
//! (a `use` line or a path in code, comments and strings left out) is an edge from the
//! top-level module of its file to `<module>`. Two rules, each failing with the files and
//! lines that break it:
//!
//! - no loop between top-level modules (the loop is named, module by module);
//! - each module imports only modules below it in [`LAYERS`]: infrastructure imports no
//!   feature, a feature's core only features below it, and nothing imports a face or the
//!   app above it.
//!
//! A new top-level module must be placed in [`LAYERS`]; the README's map of the layers
//! follows the same order.

// A test: a panic is a failed assertion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top. A module may import only modules listed before it.
const LAYERS: &[&[&str]] = &[
    // Infrastructure: knows no feature.
    &["error"],
    &["clock"],
    &["domain"],
    &["db"],
    &["config"],
    &["telemetry"],
    &["supervise"],
    &["audit"],
    &["notifications"],
    &["http"],
    // Features' cores, each over those before it.
    &["users"],
    &["auth"],
    &["organizations"],
    &["documents"],
    &["ledger"],
    &["exchange_rates"],
    &["fund"],
    &["board"],
    &["calls"],
    &["applications"],
    &["grants"],
    &["grant_reports"],
    &["voting"],
    &["contributions"],
    &["ledger_owners"],
    &["ledger_periods"],
    &["fund_reports"],
    &["exports"],
    // The Fund's public figures, read from the reports, the Board and the ledger.
    &["transparency"],
    // The faces over the cores: the JSON API, and the web portal (whose sessions are the
    // API's tokens, read by the API's `Caller`).
    &["api"],
    &["portal"],
    // The app: the operations' tooling (metrics, fuzz targets), the published document,
    // the throughput ceiling a benchmark compares against (built only for benchmarks),
    // the server, the first administrator, the demo data set, the command line.
    &["ops"],
    &["transfer"],
    &["openapi"],
    &["bench"],
    &["startup"],
    &["bootstrap"],
    &["demo"],
    &["cli"],
];

/// `(from, to)` with where each edge was seen (`file:line`).
type Edges = BTreeMap<(String, String), Vec<String>>;

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The line without its comment and without the text of its string literals.
fn code_of(line: &str) -> String {
    let mut code = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (false, '/') if chars.peek() == Some(&'/') => break,
            (false, '"') => in_string = true,
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => in_string = false,
            (false, c) => code.push(c),
            (true, _) => {}
        }
    }
    code
}

/// The top-level modules `code` names through `crate::`.
fn named_modules(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let is_macro = rest[name.len()..].starts_with('!');
        if !name.is_empty() && !is_macro {
            found.push(name);
        }
    }
    found
}

fn edges_of_source(src: &Path) -> (BTreeSet<String>, Edges) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut modules = BTreeSet::new();
    let mut edges = Edges::new();
    for file in files {
        let relative = file.strip_prefix(src).expect("under src/");
        let top = relative
            .components()
            .next()
            .expect("a file")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        modules.insert(top.clone());
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            for to in named_modules(&code_of(line)) {
                if to != top {
                    edges.entry((top.clone(), to)).or_default().push(format!(
                        "{}:{}",
                        relative.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    (modules, edges)
}

/// Every loop between modules: for each strongly connected component (Tarjan's
/// algorithm) of more than one module, the shortest cycle through each of its modules,
/// each cycle once.
fn loops(edges: &Edges) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().push(to);
        graph.entry(to).or_default();
    }
    let mut found = Vec::new();
    for component in strongly_connected(&graph) {
        if component.len() < 2 {
            continue;
        }
        let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
        for start in &component {
            let cycle = cycle_through(&graph, &component, start);
            // The same cycle found from another of its modules.
            let mut key = cycle[..cycle.len() - 1].to_vec();
            key.sort();
            if seen.insert(key) {
                found.push(cycle);
            }
        }
    }
    found
}

fn strongly_connected<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    struct State<'a> {
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(node: &'a str, graph: &BTreeMap<&'a str, Vec<&'a str>>, s: &mut State<'a>) {
        let next = s.index.len();
        s.index.insert(node, next);
        s.low.insert(node, next);
        s.stack.push(node);
        s.on_stack.insert(node);
        for &to in &graph[node] {
            if !s.index.contains_key(to) {
                visit(to, graph, s);
                let low = s.low[node].min(s.low[to]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(to) {
                let low = s.low[node].min(s.index[to]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = Vec::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                component.push(top);
                if top == node {
                    break;
                }
            }
            s.components.push(component);
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for &node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(node, graph, &mut state);
        }
    }
    state.components
}

/// The shortest cycle inside `component` from `start` back to it (breadth first).
fn cycle_through(
    graph: &BTreeMap<&str, Vec<&str>>,
    component: &[&str],
    start: &str,
) -> Vec<String> {
    let inside: BTreeSet<&str> = component.iter().copied().collect();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &to in &graph[node] {
            if !inside.contains(to) {
                continue;
            }
            if to == start {
                let mut path = vec![node];
                while let Some(&before) = came_from.get(path[path.len() - 1]) {
                    path.push(before);
                }
                path.reverse();
                let mut cycle: Vec<String> = path.into_iter().map(String::from).collect();
                cycle.push(start.to_string());
                return cycle;
            }
            if !came_from.contains_key(to) && to != start {
                came_from.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    component.iter().map(|m| m.to_string()).collect()
}

fn describe_loop(cycle: &[String], edges: &Edges) -> String {
    let steps: Vec<String> = cycle
        .windows(2)
        .map(|pair| {
            let seen = &edges[&(pair[0].clone(), pair[1].clone())];
            format!("  {} -> {} ({})", pair[0], pair[1], seen.join(", "))
        })
        .collect();
    format!("loop {}:\n{}", cycle.join(" -> "), steps.join("\n"))
}

fn upward_imports(edges: &Edges) -> Vec<String> {
    edges
        .iter()
        .filter_map(|((from, to), seen)| match (rank(from), rank(to)) {
            (Some(low), Some(high)) if high >= low => Some(format!(
                "{from} imports {to}, which is not below it ({})",
                seen.join(", ")
            )),
            _ => None,
        })
        .collect()
}

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_loop_between_top_level_modules() {
    let (_, edges) = edges_of_source(&source());
    let found: Vec<String> = loops(&edges)
        .iter()
        .map(|cycle| describe_loop(cycle, &edges))
        .collect();
    assert!(found.is_empty(), "\n{}", found.join("\n\n"));
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let (modules, edges) = edges_of_source(&source());
    let unplaced: Vec<&String> = modules.iter().filter(|m| rank(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "place these top-level modules in LAYERS (tests/layers.rs): {unplaced:?}"
    );
    let upward = upward_imports(&edges);
    assert!(upward.is_empty(), "\n{}", upward.join("\n"));
}

#[test]
fn a_loop_added_is_found_and_named() {
    let mut edges = Edges::new();
    for (from, to) in [("grants", "ledger"), ("ledger", "fund"), ("fund", "grants")] {
        edges.insert((from.into(), to.into()), vec![format!("src/{from}/x.rs:1")]);
    }
    edges.insert(
        ("api".into(), "grants".into()),
        vec!["src/api/y.rs:2".into()],
    );
    let found = loops(&edges);
    assert_eq!(found.len(), 1, "{found:?}");
    let named = describe_loop(&found[0], &edges);
    assert!(
        named.starts_with("loop fund -> grants -> ledger -> fund"),
        "{named}"
    );
    assert!(named.contains("src/grants/x.rs:1"), "{named}");
    // ledger imports fund above it, fund imports grants above it.
    assert_eq!(upward_imports(&edges).len(), 2);
}

#[test]
fn paths_in_comments_strings_and_macros_are_not_imports() {
    assert_eq!(
        named_modules(&code_of("use crate::ledger::Balances;")),
        ["ledger"]
    );
    assert_eq!(
        named_modules(&code_of(
            "let x = crate::fund::load(conn)?; // crate::voting"
        )),
        ["fund"]
    );
    assert!(named_modules(&code_of(r#"let s = "crate::grants";"#)).is_empty());
    assert!(named_modules(&code_of("crate::page_names!(A => B);")).is_empty());
    assert_eq!(
        named_modules(&code_of("impl $crate::db::StoredText for T")),
        ["db"]
    );
}
