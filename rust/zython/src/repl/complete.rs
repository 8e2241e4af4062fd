//! Tab completion: find the dotted name before the cursor, ask the engine, pick what to do.

use alloc::string::String;
use alloc::vec::Vec;

use super::Engine;

/// Width of one column when several completions are listed.
const SLOT: usize = 16;
/// Longest listing line.
const LINE_MAX: usize = 4 * SLOT;

/// What a Tab press should do.
#[derive(Debug, PartialEq, Eq)]
pub enum Completion {
    /// Nothing matches.
    Nothing,
    /// Insert this text at the cursor (one match, or the longest common prefix of several).
    Insert(String),
    /// Several matches with nothing more in common: list them (sorted) and redraw the line.
    List(Vec<String>),
}

/// True for characters that may be part of a dotted name chain (`sys.path`).
fn is_chain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// Decide what Tab does, given the current line's text up to the cursor.
pub fn complete(engine: &mut dyn Engine, before_cursor: &str) -> Completion {
    let start = before_cursor
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_chain_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let chain = before_cursor.get(start..).unwrap_or_default();
    let word = chain.rsplit('.').next().unwrap_or("");

    let mut names = if before_cursor.starts_with("import ") {
        engine.complete_module(chain)
    } else {
        engine.complete(chain)
    };
    names.retain(|n| n.starts_with(word) && (!word.is_empty() || !n.starts_with('_')));
    crate::types::sort::insertion_sort_by(&mut names, |x, y| x < y);
    names.dedup();

    match names.len() {
        0 => {
            // The first word of a line may be the start of `import`.
            let import = "import ";
            if start == 0 && !word.is_empty() && word == chain && import.starts_with(word) {
                Completion::Insert(String::from(import.get(word.len()..).unwrap_or_default()))
            } else {
                Completion::Nothing
            }
        }
        1 => Completion::Insert(names[0].get(word.len()..).unwrap_or("").into()),
        _ => {
            let common = common_prefix_len(&names);
            if common > word.len() {
                Completion::Insert(names[0].get(word.len()..common).unwrap_or("").into())
            } else {
                Completion::List(names)
            }
        }
    }
}

/// Byte length of the longest prefix shared by all `names` (always on a char boundary).
fn common_prefix_len(names: &[String]) -> usize {
    let Some(first) = names.first() else {
        return 0;
    };
    let mut len = first.len();
    for n in &names[1..] {
        len = first
            .char_indices()
            .zip(n.chars())
            .find(|&((_, a), b)| a != b)
            .map_or(len.min(n.len()), |((i, _), _)| i.min(len));
    }
    len
}

/// Lay `names` out in 16-character columns, at most 64 characters a line; starts and ends
/// with `\n` so the listing sits between the input line and the redrawn prompt.
pub fn format_list(names: &[String]) -> String {
    let mut out = String::new();
    let mut line_len = LINE_MAX;
    for name in names {
        let width = name.chars().count();
        let mut gap = line_len.div_ceil(SLOT) * SLOT - line_len;
        if gap < 2 {
            gap += SLOT;
        }
        if line_len + gap + width <= LINE_MAX {
            out.push_str(
                "                    "
                    .get(..gap.min(20))
                    .unwrap_or_default(),
            ); // gap <= 17
            out.push_str(name);
            line_len += gap + width;
        } else {
            out.push('\n');
            out.push_str(name);
            line_len = width;
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::port::Port;
    use crate::repl::{ExecMode, ExecOutcome};
    use alloc::string::ToString;
    use alloc::vec;

    /// An engine whose namespace is a fixed list of dotted names.
    struct Names(Vec<&'static str>, Vec<String>);

    impl Engine for Names {
        fn console(&mut self) -> &mut dyn Port {
            unreachable!("completion never writes")
        }
        fn exec(&mut self, _: &str, _: ExecMode) -> ExecOutcome {
            ExecOutcome::Done
        }
        fn complete(&mut self, prefix: &str) -> Vec<String> {
            self.1.push(prefix.to_string());
            let (obj, _) = prefix.rsplit_once('.').unwrap_or(("", prefix));
            self.0
                .iter()
                .filter_map(|n| {
                    let (o, last) = n.rsplit_once('.').unwrap_or(("", n));
                    (o == obj).then(|| last.to_string())
                })
                .collect()
        }
        fn complete_module(&mut self, _: &str) -> Vec<String> {
            vec!["sys".into(), "struct".into()]
        }
        fn soft_reset(&mut self) {}
    }

    fn engine() -> Names {
        Names(
            vec![
                "print",
                "property",
                "pow",
                "sys",
                "sys.path",
                "sys.platform",
                "sys.exit",
                "_hidden",
                "abs",
            ],
            Vec::new(),
        )
    }

    #[test]
    fn one_match_is_inserted() {
        let mut e = engine();
        assert_eq!(complete(&mut e, "ab"), Completion::Insert("s".into()));
        assert_eq!(
            complete(&mut e, "x = sys.ex"),
            Completion::Insert("it".into())
        );
        assert_eq!(e.1.last().map(String::as_str), Some("sys.ex"));
    }

    #[test]
    fn common_prefix_is_inserted_then_listed() {
        let mut e = engine();
        assert_eq!(complete(&mut e, "sys.pa"), Completion::Insert("th".into()));
        match complete(&mut e, "sys.p") {
            Completion::List(v) => assert_eq!(v, ["path", "platform"]),
            other => panic!("{other:?}"),
        }
        match complete(&mut e, "sys.") {
            Completion::List(v) => assert_eq!(v, ["exit", "path", "platform"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn listing_several_without_common_prefix() {
        let mut e = engine();
        match complete(&mut e, "pr") {
            Completion::List(v) => assert_eq!(v, ["print", "property"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn underscore_names_hidden_for_empty_prefix() {
        let mut e = engine();
        match complete(&mut e, "") {
            Completion::List(v) => assert!(!v.iter().any(|n| n.starts_with('_'))),
            other => panic!("{other:?}"),
        }
        assert_eq!(complete(&mut e, "_h"), Completion::Insert("idden".into()));
    }

    #[test]
    fn import_keyword_and_modules() {
        let mut e = engine();
        assert_eq!(complete(&mut e, "imp"), Completion::Insert("ort ".into()));
        assert_eq!(complete(&mut e, "zzz"), Completion::Nothing);
        assert_eq!(
            complete(&mut e, "import sy"),
            Completion::Insert("s".into())
        );
    }

    #[test]
    fn columns_layout() {
        let names: Vec<String> = ["a", "bb", "ccc", "dddd", "eeeee"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = format_list(&names);
        assert_eq!(
            text,
            "\na               bb              ccc             dddd\neeeee\n"
        );
        let long: Vec<String> = vec!["x".repeat(70)];
        assert_eq!(format_list(&long), alloc::format!("\n{}\n", "x".repeat(70)));
    }

    #[test]
    fn common_prefix_on_char_boundary() {
        let v: Vec<String> = vec!["éa".into(), "éb".into()];
        assert_eq!(common_prefix_len(&v), 'é'.len_utf8());
        let w: Vec<String> = vec!["abc".into(), "ab".into()];
        assert_eq!(common_prefix_len(&w), 2);
    }
}
