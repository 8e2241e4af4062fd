//! Tokens produced by the lexer and consumed by the parser.

use alloc::string::String;
use alloc::vec::Vec;

/// Reserved words of Python 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    /// `False`
    False,
    /// `None`
    None,
    /// `True`
    True,
    /// `and`
    And,
    /// `as`
    As,
    /// `assert`
    Assert,
    /// `async`
    Async,
    /// `await`
    Await,
    /// `break`
    Break,
    /// `class`
    Class,
    /// `continue`
    Continue,
    /// `def`
    Def,
    /// `del`
    Del,
    /// `elif`
    Elif,
    /// `else`
    Else,
    /// `except`
    Except,
    /// `finally`
    Finally,
    /// `for`
    For,
    /// `from`
    From,
    /// `global`
    Global,
    /// `if`
    If,
    /// `import`
    Import,
    /// `in`
    In,
    /// `is`
    Is,
    /// `lambda`
    Lambda,
    /// `nonlocal`
    Nonlocal,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `pass`
    Pass,
    /// `raise`
    Raise,
    /// `return`
    Return,
    /// `try`
    Try,
    /// `while`
    While,
    /// `with`
    With,
    /// `yield`
    Yield,
}

impl Kw {
    /// The keyword spelled `word`, if it is one.
    pub fn from_word(word: &str) -> Option<Kw> {
        Some(match word {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            _ => return None,
        })
    }
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier (not a keyword).
    Name(String),
    /// A reserved word.
    Kw(Kw),
    /// An integer literal that fits in i64.
    Int(i64),
    /// An integer literal too big for i64, as decimal digits.
    BigInt(String),
    /// A float literal.
    Float(f64),
    /// An imaginary literal (the imaginary part).
    Imag(f64),
    /// A str literal with escapes decoded.
    Str(String),
    /// A bytes literal with escapes decoded.
    Bytes(Vec<u8>),
    /// An f-string: its body as written (between the quotes), still to be split and decoded.
    FStr {
        /// Source text between the quotes.
        body: String,
        /// `rf"..."`: backslashes are literal.
        raw: bool,
    },
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased (one per level).
    Dedent,
    /// End of input.
    EndMarker,
    /// `(`
    LPar,
    /// `)`
    RPar,
    /// `[`
    LSqb,
    /// `]`
    RSqb,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `.`
    Dot,
    /// `...`
    Ellipsis,
    /// `->`
    Arrow,
    /// `:=`
    ColonEqual,
    /// `=`
    Equal,
    /// `@`
    At,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `**`
    DoubleStar,
    /// `/`
    Slash,
    /// `//`
    DoubleSlash,
    /// `%`
    Percent,
    /// `|`
    VBar,
    /// `&`
    Amper,
    /// `^`
    Caret,
    /// `~`
    Tilde,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `==`
    EqEqual,
    /// `!=`
    NotEqual,
    /// `<=`
    LessEqual,
    /// `>=`
    GreaterEqual,
    /// `+=`
    PlusEqual,
    /// `-=`
    MinusEqual,
    /// `*=`
    StarEqual,
    /// `**=`
    DoubleStarEqual,
    /// `/=`
    SlashEqual,
    /// `//=`
    DoubleSlashEqual,
    /// `%=`
    PercentEqual,
    /// `|=`
    VBarEqual,
    /// `&=`
    AmperEqual,
    /// `^=`
    CaretEqual,
    /// `<<=`
    LShiftEqual,
    /// `>>=`
    RShiftEqual,
    /// `@=`
    AtEqual,
}

/// A token with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based source line.
    pub line: u32,
}
