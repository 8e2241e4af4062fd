//! When a friendly-REPL entry needs more lines, decided from the text alone (no parser needed).
//!
//! The rule is MicroPython's: keep reading while a triple-quoted string or a bracket is open,
//! while the last character is a backslash, or while the entry starts with a compound-statement
//! keyword (or a decorator) and the last line typed was not empty. One deliberate improvement:
//! brackets and quotes inside `#` comments are ignored.

/// Keywords that open a compound statement when they start an entry.
const COMPOUND_KEYWORDS: [&str; 8] = ["if", "while", "for", "try", "with", "def", "class", "async"];

/// Quote state while scanning an entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
    TripleSingle,
    TripleDouble,
}

/// True when `s` starts with the word `word` (not followed by an identifier character).
fn starts_with_word(s: &str, word: &str) -> bool {
    match s.strip_prefix(word) {
        Some(rest) => !rest
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphanumeric() || !c.is_ascii()),
        None => false,
    }
}

/// Whether the REPL should ask for another line (`... ` prompt) before running `input`.
///
/// `input` is the whole entry so far, lines joined with `\n`.
pub fn continue_with_input(input: &str) -> bool {
    let bytes = input.as_bytes();
    let Some(&last) = bytes.last() else {
        return false;
    };
    let compound = bytes.first() == Some(&b'@')
        || COMPOUND_KEYWORDS
            .iter()
            .any(|kw| starts_with_word(input, kw));

    let mut quote = Quote::None;
    let (mut paren, mut brack, mut brace) = (0i32, 0i32, 0i32);
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' | b'"' => {
                let (one, three) = if c == b'\'' {
                    (Quote::Single, Quote::TripleSingle)
                } else {
                    (Quote::Double, Quote::TripleDouble)
                };
                if (quote == Quote::None || quote == three) && at(i + 1) == c && at(i + 2) == c {
                    i += 2;
                    quote = if quote == three { Quote::None } else { three };
                } else if quote == Quote::None {
                    quote = one;
                } else if quote == one {
                    quote = Quote::None;
                }
            }
            b'\\' if quote != Quote::None && matches!(at(i + 1), b'\'' | b'"' | b'\\') => {
                i += 1;
            }
            b'#' if quote == Quote::None => {
                // A comment runs to the end of its line.
                while i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    i += 1;
                }
            }
            b'\n' if matches!(quote, Quote::Single | Quote::Double) => {
                // A one-quote string cannot span lines; the parser will report it.
                quote = Quote::None;
            }
            _ if quote == Quote::None => match c {
                b'(' => paren += 1,
                b')' => paren -= 1,
                b'[' => brack += 1,
                b']' => brack -= 1,
                b'{' => brace += 1,
                b'}' => brace -= 1,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }

    if matches!(quote, Quote::TripleSingle | Quote::TripleDouble) {
        return true;
    }
    if (paren > 0 || brack > 0 || brace > 0) && quote == Quote::None {
        return true;
    }
    if last == b'\\' {
        return true;
    }
    compound && last != b'\n'
}

#[cfg(test)]
mod tests {
    use super::continue_with_input as more;

    #[test]
    fn simple_statements_run_at_once() {
        assert!(!more(""));
        assert!(!more("1 + 2"));
        assert!(!more("x = [1, 2]"));
        assert!(!more("print('(')"));
        assert!(!more("iffy = 3"));
        assert!(!more("define = 1"));
        assert!(!more("   "));
    }

    #[test]
    fn compound_keywords_continue_until_blank_line() {
        assert!(more("if x:"));
        assert!(more("for i in range(3):"));
        assert!(more("def f():\n    return 1"));
        assert!(more("def f():\n    return 1\n    "));
        assert!(!more("def f():\n    return 1\n"));
        assert!(more("class A:"));
        assert!(more("while True:"));
        assert!(more("try:"));
        assert!(more("with open('f') as f:"));
        assert!(more("async def f():"));
        assert!(more("@decorator"));
        // A one-line compound statement still asks for the blank line, as MicroPython does.
        assert!(more("if x: pass"));
    }

    #[test]
    fn open_brackets_and_strings_continue() {
        assert!(more("x = (1,"));
        assert!(more("x = [1,\n2,"));
        assert!(!more("x = [1,\n2]"));
        assert!(more("d = {"));
        assert!(more("s = '''abc"));
        assert!(!more("s = '''abc'''"));
        assert!(more("s = \"\"\"abc\n"));
        assert!(!more("s = \"\"\"a\nb\"\"\""));
        assert!(more("x = 1 + \\"));
        // A bracket inside a string does not count, nor an escaped quote.
        assert!(!more("s = '(\\''"));
        assert!(!more("s = \"[\""));
        // An unterminated one-quote string does not ask for more lines.
        assert!(!more("s = '(abc"));
    }

    #[test]
    fn comments_are_ignored() {
        assert!(!more("x = 1  # see (note"));
        assert!(!more("x = 1  # don't"));
        assert!(more("x = (1,  # first\n"));
    }

    #[test]
    fn closing_more_than_opened_does_not_continue() {
        assert!(!more("x = )"));
        assert!(!more("]]]"));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "'", "\"", "'''", "\\", "\\'", "#", "'\\", "é(", "\u{0}", "\n\n", "@", "'''\\",
        ] {
            let _ = more(s);
        }
    }
}
