//! Interned strings (MicroPython's "qstr"): names are stored once and compared as integers.
//!
//! The first entries are the static names the core itself needs (`q::INIT`, `q::APPEND`...),
//! known at compile time; names met at run time (identifiers in loaded code, `setattr`) are
//! appended and never freed.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::vec::Vec;
use hashbrown::HashTable;

/// The longest name (identifier, attribute, keyword, module) in bytes: MicroPython stores a
/// qstr's length in one byte and raises `RuntimeError: name too long` past it.
pub const MAX_NAME_LEN: usize = 255;

/// An interned string's index.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Qstr(pub u32);

/// The hash Python sees for a str or bytes (stable across runs, content based).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    // Keep it positive and inside a 30-bit small int on every target.
    h & 0x3fff_ffff
}

macro_rules! static_qstrs {
    ($($id:ident = $s:expr),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum StaticIndex { $($id),* }
        /// Static qstrs known at compile time (`q::NAME`).
        #[allow(missing_docs)]
        pub mod q {
            use super::{Qstr, StaticIndex};
            $(pub const $id: Qstr = Qstr(StaticIndex::$id as u32);)*
        }
        /// The static names back to back, and their lengths (no per-name pointer in flash).
        static STATIC_TEXT: &str = concat!($($s),*);
        static STATIC_LENS: &[u8] = &[$({
            const _: () = assert!($s.len() < 256);
            $s.len() as u8
        }),*];
    };
}

static_qstrs! {
    EMPTY = "",
    MODULE = "<module>",
    LAMBDA = "<lambda>",
    LISTCOMP = "<listcomp>",
    DICTCOMP = "<dictcomp>",
    SETCOMP = "<setcomp>",
    GENEXPR = "<genexpr>",
    STDIN = "<stdin>",
    STRING = "<string>",
    __NAME__ = "__name__",
    __MAIN__ = "__main__",
    __FILE__ = "__file__",
    __MODULE__ = "__module__",
    __QUALNAME__ = "__qualname__",
    __CLASS__ = "__class__",
    __DICT__ = "__dict__",
    __DOC__ = "__doc__",
    __BASES__ = "__bases__",
    __MRO__ = "__mro__",
    __PATH__ = "__path__",
    __BUILD_CLASS__ = "__build_class__",
    __IMPORT__ = "__import__",
    __REPL_PRINT__ = "__repl_print__",
    __INIT__ = "__init__",
    __NEW__ = "__new__",
    __DEL__ = "__del__",
    __CALL__ = "__call__",
    __REPR__ = "__repr__",
    __STR__ = "__str__",
    __FORMAT__ = "__format__",
    __HASH__ = "__hash__",
    __BOOL__ = "__bool__",
    __LEN__ = "__len__",
    __ITER__ = "__iter__",
    __NEXT__ = "__next__",
    __AITER__ = "__aiter__",
    __ANEXT__ = "__anext__",
    __AENTER__ = "__aenter__",
    __AEXIT__ = "__aexit__",
    __AWAIT__ = "__await__",
    __CONTAINS__ = "__contains__",
    __GETITEM__ = "__getitem__",
    __SETITEM__ = "__setitem__",
    __DELITEM__ = "__delitem__",
    __GETATTR__ = "__getattr__",
    __GETATTRIBUTE__ = "__getattribute__",
    __SETATTR__ = "__setattr__",
    __DELATTR__ = "__delattr__",
    __GET__ = "__get__",
    __SET__ = "__set__",
    __DELETE__ = "__delete__",
    __SET_NAME__ = "__set_name__",
    __INIT_SUBCLASS__ = "__init_subclass__",
    __ENTER__ = "__enter__",
    __EXIT__ = "__exit__",
    __EQ__ = "__eq__",
    __NE__ = "__ne__",
    __LT__ = "__lt__",
    __LE__ = "__le__",
    __GT__ = "__gt__",
    __GE__ = "__ge__",
    __ADD__ = "__add__",
    __SUB__ = "__sub__",
    __MUL__ = "__mul__",
    __MATMUL__ = "__matmul__",
    __TRUEDIV__ = "__truediv__",
    __FLOORDIV__ = "__floordiv__",
    __MOD__ = "__mod__",
    __POW__ = "__pow__",
    __LSHIFT__ = "__lshift__",
    __RSHIFT__ = "__rshift__",
    __AND__ = "__and__",
    __OR__ = "__or__",
    __XOR__ = "__xor__",
    __DIVMOD__ = "__divmod__",
    __RADD__ = "__radd__",
    __RSUB__ = "__rsub__",
    __RMUL__ = "__rmul__",
    __RMATMUL__ = "__rmatmul__",
    __RTRUEDIV__ = "__rtruediv__",
    __RFLOORDIV__ = "__rfloordiv__",
    __RMOD__ = "__rmod__",
    __RPOW__ = "__rpow__",
    __RLSHIFT__ = "__rlshift__",
    __RRSHIFT__ = "__rrshift__",
    __RAND__ = "__rand__",
    __ROR__ = "__ror__",
    __RXOR__ = "__rxor__",
    __IADD__ = "__iadd__",
    __ISUB__ = "__isub__",
    __IMUL__ = "__imul__",
    __IMATMUL__ = "__imatmul__",
    __ITRUEDIV__ = "__itruediv__",
    __IFLOORDIV__ = "__ifloordiv__",
    __IMOD__ = "__imod__",
    __IPOW__ = "__ipow__",
    __ILSHIFT__ = "__ilshift__",
    __IRSHIFT__ = "__irshift__",
    __IAND__ = "__iand__",
    __IOR__ = "__ior__",
    __IXOR__ = "__ixor__",
    __NEG__ = "__neg__",
    __POS__ = "__pos__",
    __INVERT__ = "__invert__",
    __ABS__ = "__abs__",
    __INT__ = "__int__",
    __FLOAT__ = "__float__",
    __COMPLEX__ = "__complex__",
    __INDEX__ = "__index__",
    __REVERSED__ = "__reversed__",
    __TRACEBACK__ = "__traceback__",
    __CAUSE__ = "__cause__",
    __CONTEXT__ = "__context__",
    ARGS = "args",
    VALUE = "value",
    ERRNO = "errno",
    SEND = "send",
    THROW = "throw",
    CLOSE = "close",
    PEND_THROW = "pend_throw",
    KEYS = "keys",
    ITEMS = "items",
    VALUES = "values",
    APPEND = "append",
    FORMAT = "format",
    JOIN = "join",
    READ = "read",
    READLINE = "readline",
    WRITE = "write",
    FLUSH = "flush",
    SELF = "self",
    KEY = "key",
    REVERSE = "reverse",
    SEP = "sep",
    END = "end",
    FILE = "file",
    DEFAULT = "default",
    METACLASS = "metaclass",
    BUILTINS = "builtins",
    MICROPYTHON = "micropython",
    CONST = "const",
    SYS = "sys",
    ENCODING = "encoding",
    UTF_8 = "utf-8",
    ABS = "abs",
    ALL = "all",
    ANY = "any",
    BIN = "bin",
    CALLABLE = "callable",
    CHR = "chr",
    COMPILE = "compile",
    DELATTR = "delattr",
    DIR = "dir",
    DIVMOD = "divmod",
    ENUMERATE = "enumerate",
    EVAL = "eval",
    EXEC = "exec",
    FILTER = "filter",
    GETATTR = "getattr",
    GLOBALS = "globals",
    HASATTR = "hasattr",
    HASH = "hash",
    HELP = "help",
    HEX = "hex",
    ID = "id",
    INPUT = "input",
    ISINSTANCE = "isinstance",
    ISSUBCLASS = "issubclass",
    ITER = "iter",
    LEN = "len",
    LOCALS = "locals",
    MAP = "map",
    MAX = "max",
    MIN = "min",
    NEXT = "next",
    OCT = "oct",
    OPEN = "open",
    ORD = "ord",
    POW = "pow",
    PRINT = "print",
    RANGE = "range",
    REPR = "repr",
    REVERSED = "reversed",
    ROUND = "round",
    SETATTR = "setattr",
    SORTED = "sorted",
    SUM = "sum",
    ZIP = "zip",
    BOOL = "bool",
    BYTEARRAY = "bytearray",
    BYTES = "bytes",
    COMPLEX = "complex",
    DICT = "dict",
    FLOAT = "float",
    FROZENSET = "frozenset",
    INT = "int",
    LIST = "list",
    MEMORYVIEW = "memoryview",
    OBJECT = "object",
    PROPERTY = "property",
    SET = "set",
    SLICE = "slice",
    STR = "str",
    SUPER = "super",
    TUPLE = "tuple",
    TYPE = "type",
    CLASSMETHOD = "classmethod",
    STATICMETHOD = "staticmethod",
    T_BASE_EXCEPTION = "BaseException",
    T_SYSTEM_EXIT = "SystemExit",
    T_KEYBOARD_INTERRUPT = "KeyboardInterrupt",
    T_GENERATOR_EXIT = "GeneratorExit",
    T_EXCEPTION = "Exception",
    T_STOP_ITERATION = "StopIteration",
    T_STOP_ASYNC_ITERATION = "StopAsyncIteration",
    T_ARITHMETIC_ERROR = "ArithmeticError",
    T_OVERFLOW_ERROR = "OverflowError",
    T_ZERO_DIVISION_ERROR = "ZeroDivisionError",
    T_ASSERTION_ERROR = "AssertionError",
    T_ATTRIBUTE_ERROR = "AttributeError",
    T_E_O_F_ERROR = "EOFError",
    T_IMPORT_ERROR = "ImportError",
    T_LOOKUP_ERROR = "LookupError",
    T_INDEX_ERROR = "IndexError",
    T_KEY_ERROR = "KeyError",
    T_MEMORY_ERROR = "MemoryError",
    T_NAME_ERROR = "NameError",
    T_O_S_ERROR = "OSError",
    T_RUNTIME_ERROR = "RuntimeError",
    T_NOT_IMPLEMENTED_ERROR = "NotImplementedError",
    T_SYNTAX_ERROR = "SyntaxError",
    T_INDENTATION_ERROR = "IndentationError",
    T_TYPE_ERROR = "TypeError",
    T_VALUE_ERROR = "ValueError",
    T_UNICODE_ERROR = "UnicodeError",
    T_NOT_IMPLEMENTED = "NotImplemented",
    T_ELLIPSIS = "Ellipsis",
    CAPITALIZE = "capitalize",
    CENTER = "center",
    COUNT = "count",
    DECODE = "decode",
    ENCODE = "encode",
    ENDSWITH = "endswith",
    EXPANDTABS = "expandtabs",
    FIND = "find",
    INDEX = "index",
    ISALPHA = "isalpha",
    ISDIGIT = "isdigit",
    ISLOWER = "islower",
    ISSPACE = "isspace",
    ISUPPER = "isupper",
    ISALNUM = "isalnum",
    ISIDENTIFIER = "isidentifier",
    ISDECIMAL = "isdecimal",
    ISNUMERIC = "isnumeric",
    ISPRINTABLE = "isprintable",
    ISTITLE = "istitle",
    LJUST = "ljust",
    LOWER = "lower",
    LSTRIP = "lstrip",
    PARTITION = "partition",
    REPLACE = "replace",
    RFIND = "rfind",
    RINDEX = "rindex",
    RJUST = "rjust",
    RPARTITION = "rpartition",
    RSPLIT = "rsplit",
    RSTRIP = "rstrip",
    SPLIT = "split",
    SPLITLINES = "splitlines",
    STARTSWITH = "startswith",
    STRIP = "strip",
    SWAPCASE = "swapcase",
    TITLE = "title",
    TRANSLATE = "translate",
    UPPER = "upper",
    ZFILL = "zfill",
    MAKETRANS = "maketrans",
    CASEFOLD = "casefold",
    REMOVEPREFIX = "removeprefix",
    REMOVESUFFIX = "removesuffix",
    EXTEND = "extend",
    INSERT = "insert",
    POP = "pop",
    REMOVE = "remove",
    SORT = "sort",
    COPY = "copy",
    CLEAR = "clear",
    GET = "get",
    SETDEFAULT = "setdefault",
    POPITEM = "popitem",
    UPDATE = "update",
    FROMKEYS = "fromkeys",
    ADD = "add",
    DISCARD = "discard",
    DIFFERENCE = "difference",
    DIFFERENCE_UPDATE = "difference_update",
    INTERSECTION = "intersection",
    INTERSECTION_UPDATE = "intersection_update",
    ISDISJOINT = "isdisjoint",
    ISSUBSET = "issubset",
    ISSUPERSET = "issuperset",
    SYMMETRIC_DIFFERENCE = "symmetric_difference",
    SYMMETRIC_DIFFERENCE_UPDATE = "symmetric_difference_update",
    UNION = "union",
    FROM_BYTES = "from_bytes",
    TO_BYTES = "to_bytes",
    BIT_LENGTH = "bit_length",
    CONJUGATE = "conjugate",
    REAL = "real",
    IMAG = "imag",
    IS_INTEGER = "is_integer",
    AS_INTEGER_RATIO = "as_integer_ratio",
    FROMHEX = "fromhex",
    TOBYTES = "tobytes",
    TOLIST = "tolist",
    START = "start",
    STOP = "stop",
    STEP = "step",
    INDICES = "indices",
    FGET = "fget",
    FSET = "fset",
    FDEL = "fdel",
    GETTER = "getter",
    SETTER = "setter",
    DELETER = "deleter",
    GC = "gc",
    IO = "io",
    OS = "os",
    TIME = "time",
    MATH = "math",
    CMATH = "cmath",
    STRUCT = "struct",
    ARRAY = "array",
    COLLECTIONS = "collections",
    JSON = "json",
    RE = "re",
    RANDOM = "random",
    UCTYPES = "uctypes",
    SELECT = "select",
    BINASCII = "binascii",
    HASHLIB = "hashlib",
    HEAPQ = "heapq",
    ARGV = "argv",
    PATH = "path",
    MODULES = "modules",
    EXIT = "exit",
    PTR8 = "ptr8",
    PTR16 = "ptr16",
    PTR32 = "ptr32",
    UINT = "uint",
    ATEXIT = "atexit",
    STDIN_ = "stdin",
    STDOUT = "stdout",
    STDERR = "stderr",
    IMPLEMENTATION = "implementation",
    VERSION = "version",
    VERSION_INFO = "version_info",
    BYTEORDER = "byteorder",
    MAXSIZE = "maxsize",
    PLATFORM = "platform",
    PRINT_EXCEPTION = "print_exception",
    EXC_INFO = "exc_info",
    NAME = "name",
    U_MPY = "_mpy",
    U_BUILD = "_build",
    MPY = "mpy",
    COLLECT = "collect",
    ENABLE = "enable",
    DISABLE = "disable",
    ISENABLED = "isenabled",
    MEM_FREE = "mem_free",
    MEM_ALLOC = "mem_alloc",
    THRESHOLD = "threshold",
    OPT_LEVEL = "opt_level",
    MEM_INFO = "mem_info",
    QSTR_INFO = "qstr_info",
    STACK_USE = "stack_use",
    HEAP_LOCK = "heap_lock",
    HEAP_UNLOCK = "heap_unlock",
    HEAP_LOCKED = "heap_locked",
    KBD_INTR = "kbd_intr",
    MEM_TOTAL = "mem_total",
    MEM_CURRENT = "mem_current",
    MEM_PEAK = "mem_peak",
    // zephyr port
    FETCH = "fetch",
    ACCEL_X = "ACCEL_X",
    ACCEL_Y = "ACCEL_Y",
    ACCEL_Z = "ACCEL_Z",
    DIE_TEMP = "DIE_TEMP",
    AMBIENT_TEMP = "AMBIENT_TEMP",
    SCHEDULE = "schedule",
    ALLOC_EMERGENCY_EXCEPTION_BUF = "alloc_emergency_exception_buf",
    // machine
    MACHINE = "machine",
    T_PIN = "Pin",
    T_SIGNAL = "Signal",
    T_PIN_BASE = "PinBase",
    T_I2C = "I2C",
    T_SOFT_I2C = "SoftI2C",
    T_SPI = "SPI",
    T_SOFT_SPI = "SoftSPI",
    T_UART = "UART",
    T_PWM = "PWM",
    T_ADC = "ADC",
    T_TIMER = "Timer",
    T_WDT = "WDT",
    T_RTC = "RTC",
    BOARD = "board",
    IRQ = "irq",
    C_IN = "IN",
    C_OUT = "OUT",
    C_OPEN_DRAIN = "OPEN_DRAIN",
    C_PULL_UP = "PULL_UP",
    C_PULL_DOWN = "PULL_DOWN",
    C_IRQ_RISING = "IRQ_RISING",
    C_IRQ_FALLING = "IRQ_FALLING",
    ON = "on",
    OFF = "off",
    TOGGLE = "toggle",
    INIT = "init",
    HANDLER = "handler",
    TRIGGER = "trigger",
    HARD = "hard",
    PULL = "pull",
    INVERT = "invert",
    FREQ = "freq",
    SCL = "scl",
    SDA = "sda",
    TIMEOUT = "timeout",
    SCAN = "scan",
    READFROM = "readfrom",
    READFROM_INTO = "readfrom_into",
    WRITETO = "writeto",
    WRITEVTO = "writevto",
    READFROM_MEM = "readfrom_mem",
    READFROM_MEM_INTO = "readfrom_mem_into",
    WRITETO_MEM = "writeto_mem",
    ADDRSIZE = "addrsize",
    BAUDRATE = "baudrate",
    POLARITY = "polarity",
    PHASE = "phase",
    BITS = "bits",
    FIRSTBIT = "firstbit",
    SCK = "sck",
    MOSI = "mosi",
    MISO = "miso",
    C_MSB = "MSB",
    C_LSB = "LSB",
    DEINIT = "deinit",
    WRITE_READINTO = "write_readinto",
    PARITY = "parity",
    TIMEOUT_CHAR = "timeout_char",
    TXDONE = "txdone",
    DUTY_U16 = "duty_u16",
    DUTY_NS = "duty_ns",
    READ_U16 = "read_u16",
    READ_UV = "read_uv",
    PERIOD = "period",
    CALLBACK = "callback",
    C_ONE_SHOT = "ONE_SHOT",
    C_PERIODIC = "PERIODIC",
    TICK_HZ = "tick_hz",
    FEED = "feed",
    DATETIME = "datetime",
    RESET = "reset",
    SOFT_RESET = "soft_reset",
    RESET_CAUSE = "reset_cause",
    UNIQUE_ID = "unique_id",
    IDLE = "idle",
    LIGHTSLEEP = "lightsleep",
    DISABLE_IRQ = "disable_irq",
    ENABLE_IRQ = "enable_irq",
    TIME_PULSE_US = "time_pulse_us",
    BOOTLOADER = "bootloader",
    C_PWRON_RESET = "PWRON_RESET",
    C_HARD_RESET = "HARD_RESET",
    C_WDT_RESET = "WDT_RESET",
    C_DEEPSLEEP_RESET = "DEEPSLEEP_RESET",
    C_SOFT_RESET = "SOFT_RESET",
    FLAGS = "flags",
    NACK = "nack",
    ADDR = "addr",
    BUF = "buf",
    MEMADDR = "memaddr",
    SENDBREAK = "sendbreak",
    DEEPSLEEP = "deepsleep",
    NAMEDTUPLE = "namedtuple",
    T_ORDERED_DICT = "OrderedDict",
    DEQUE = "deque",
    DEFAULTDICT = "defaultdict",
    T_STRING_I_O = "StringIO",
    T_BYTES_I_O = "BytesIO",
    T_RING_I_O = "RingIO",
    VFS = "vfs",
    SLASH = "/",
    STAT = "stat",
    MOUNT = "mount",
    UMOUNT = "umount",
    EXECFILE = "execfile",
    GETVALUE = "getvalue",
    SEEK = "seek",
    TELL = "tell",
    READINTO = "readinto",
    READLINES = "readlines",
    PACK = "pack",
    UNPACK = "unpack",
    CALCSIZE = "calcsize",
    PACK_INTO = "pack_into",
    UNPACK_FROM = "unpack_from",
    TYPECODE = "typecode",
    ITEMSIZE = "itemsize",
    __VERSION__ = "__version__",
    __ALL__ = "__all__",
    __SPEC__ = "__spec__",
    __LOADER__ = "__loader__",
    __PACKAGE__ = "__package__",
    __BUILTINS__ = "__builtins__",
    __ANNOTATIONS__ = "__annotations__",
    __SLOTS__ = "__slots__",
    __WEAKREF__ = "__weakref__",
    __SIZEOF__ = "__sizeof__",
    __LENGTH_HINT__ = "__length_hint__",
    __ROUND__ = "__round__",
    __TRUNC__ = "__trunc__",
    __FLOOR__ = "__floor__",
    __CEIL__ = "__ceil__",
    __MISSING__ = "__missing__",
    __INSTANCECHECK__ = "__instancecheck__",
    __SUBCLASSCHECK__ = "__subclasscheck__",
    __CLASS_GETITEM__ = "__class_getitem__",
    // Builtin modules (modules/*.rs): names their tables need.
    BUFFER = "buffer",
    FILENO = "fileno",
    IOCTL = "ioctl",
    REGISTER = "register",
    UNREGISTER = "unregister",
    MODIFY = "modify",
    POLL = "poll",
    IPOLL = "ipoll",
    GROUP = "group",
    GROUPS = "groups",
    SPAN = "span",
    MATCH = "match",
    SEARCH = "search",
    SUB = "sub",
    FILL = "fill",
    FILL_RECT = "fill_rect",
    PIXEL = "pixel",
    HLINE = "hline",
    VLINE = "vline",
    RECT = "rect",
    LINE = "line",
    BLIT = "blit",
    SCROLL = "scroll",
    ELLIPSE = "ellipse",
    POLY = "poly",
    U_MACHINE = "_machine",
    INTERN = "intern",
    ERRORCODE = "errorcode",
    REL_TOL = "rel_tol",
    ABS_TOL = "abs_tol",
    U_FIELDS = "_fields",
    U_ASDICT = "_asdict",
    U_REPLACE = "_replace",
    MAXLEN = "maxlen",
    APPENDLEFT = "appendleft",
    EXTENDLEFT = "extendleft",
    POPLEFT = "popleft",
    MODE = "mode",
    SEPARATORS = "separators",
    DIGEST = "digest",
    HEXDIGEST = "hexdigest",
    SHA256 = "sha256",
    NEWLINE = "newline",
    LITTLE = "little",
    BIG = "big",
}

/// Number of static qstrs (they are `0..N_STATIC`).
const N_STATIC: usize = STATIC_LENS.len();

/// The interning table: index -> text, and text -> index.
///
/// The static names stay in flash (`STATIC_TEXT`): RAM holds only their offsets, their hashes
/// and their order by hash (8 bytes a name, about 3.6 KB on 32-bit boards, where a vector of
/// string slices and a hash index over them took about 11 KB of a small board's heap). Names
/// interned at run time get a string each and a hash index.
pub struct QstrTable {
    /// Where each static name starts in `STATIC_TEXT` (and one more entry: the end).
    static_offs: Vec<u16>,
    /// The static qstrs sorted by hash, for lookups by text (binary search).
    static_by_hash: Vec<u16>,
    /// One bit per value of a hash's low 11 bits that some static name has: most strings
    /// that are no static name skip the binary search (str results are looked up here).
    static_bloom: [u32; 64],
    /// Names interned at run time: qstr `N_STATIC + i` is `strs[i]`.
    strs: Vec<Cow<'static, str>>,
    /// The hash of every qstr, static ones first.
    hashes: Vec<u32>,
    /// Hash index over the run-time names (holding qstr numbers).
    index: HashTable<u32>,
}

impl Default for QstrTable {
    fn default() -> Self {
        Self::new()
    }
}

impl QstrTable {
    /// A table with no names at all, not even the static ones: a placeholder that allocates
    /// nothing (a soft reset drops the old table before the new interpreter makes its own).
    pub fn empty() -> QstrTable {
        QstrTable {
            static_offs: Vec::new(),
            static_by_hash: Vec::new(),
            static_bloom: [0; 64],
            strs: Vec::new(),
            hashes: Vec::new(),
            index: HashTable::new(),
        }
    }

    /// A table holding the static names.
    pub fn new() -> QstrTable {
        const _: () = assert!(STATIC_TEXT.len() < u16::MAX as usize);
        let mut t = QstrTable::empty();
        t.static_offs.reserve_exact(N_STATIC + 1);
        t.hashes.reserve_exact(N_STATIC);
        let mut at = 0u16;
        for &n in STATIC_LENS {
            t.static_offs.push(at);
            let end = at + n as u16;
            let text = STATIC_TEXT
                .get(at as usize..end as usize)
                .unwrap_or_default();
            let h = hash_bytes(text.as_bytes());
            t.hashes.push(h);
            t.static_bloom[(h as usize >> 5) & 63] |= 1 << (h & 31);
            at = end;
        }
        t.static_offs.push(at);
        // Insertion sort by hash: a few hundred names once at start-up, and no sort routine
        // linked in for it.
        t.static_by_hash.reserve_exact(N_STATIC);
        for i in 0..N_STATIC as u16 {
            let h = t.hashes[i as usize];
            let at = t
                .static_by_hash
                .partition_point(|&j| t.hashes[j as usize] <= h);
            t.static_by_hash.insert(at, i);
        }
        t
    }

    /// The text of static qstr `i`.
    fn static_str(&self, i: usize) -> Option<&'static str> {
        let (a, b) = (*self.static_offs.get(i)?, *self.static_offs.get(i + 1)?);
        STATIC_TEXT.get(a as usize..b as usize)
    }

    /// Make room for `n` more run-time names, so that interning them cannot fail for lack
    /// of memory (a module's names are interned when it is loaded).
    pub fn try_reserve(&mut self, n: usize) -> Result<(), crate::gc::NoMemory> {
        use crate::gc::NoMemory;
        self.strs.try_reserve(n).map_err(|_| NoMemory)?;
        self.hashes.try_reserve(n).map_err(|_| NoMemory)?;
        let hashes = &self.hashes;
        self.index
            .try_reserve(n, |&i| hashes[i as usize] as u64)
            .map_err(|_| NoMemory)
    }

    fn push(&mut self, s: Cow<'static, str>) -> Qstr {
        let h = hash_bytes(s.as_bytes());
        let id = (N_STATIC + self.strs.len()) as u32;
        self.strs.push(s);
        self.hashes.push(h);
        let hashes = &self.hashes;
        self.index
            .insert_unique(h as u64, id, |&i| hashes[i as usize] as u64);
        Qstr(id)
    }

    /// The qstr for `s` if it is already interned.
    pub fn lookup(&self, s: &str) -> Option<Qstr> {
        let h = hash_bytes(s.as_bytes());
        let by_hash = &self.static_by_hash;
        let maybe_static = self.static_bloom[(h as usize >> 5) & 63] & (1 << (h & 31)) != 0;
        let first = if maybe_static {
            by_hash.partition_point(|&j| self.hashes[j as usize] < h)
        } else {
            by_hash.len()
        };
        for &j in by_hash.get(first..).unwrap_or_default() {
            if self.hashes[j as usize] != h {
                break;
            }
            if self.static_str(j as usize) == Some(s) {
                return Some(Qstr(j as u32));
            }
        }
        self.index
            .find(h as u64, |&i| self.str(Qstr(i)) == s)
            .map(|&i| Qstr(i))
    }

    /// Intern `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> Qstr {
        match self.lookup(s) {
            Some(q) => q,
            None => self.push(Cow::Owned(Box::<str>::from(s).into())),
        }
    }

    /// Intern a static string without copying it.
    pub fn intern_static(&mut self, s: &'static str) -> Qstr {
        match self.lookup(s) {
            Some(q) => q,
            None => self.push(Cow::Borrowed(s)),
        }
    }

    /// The text of `q` (empty for an unknown index).
    #[inline]
    pub fn str(&self, q: Qstr) -> &str {
        let i = q.0 as usize;
        if i < N_STATIC {
            self.static_str(i).unwrap_or("")
        } else {
            self.strs.get(i - N_STATIC).map(|s| &**s).unwrap_or("")
        }
    }

    /// The Python hash of `q`'s text.
    #[inline]
    pub fn hash(&self, q: Qstr) -> u32 {
        self.hashes.get(q.0 as usize).copied().unwrap_or(0)
    }

    /// Number of interned strings.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the table is [`QstrTable::empty`] (a table from `new` has the static names).
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The names interned at run time (copied into RAM, not static text in flash): what
    /// MicroPython's `qstr_info` reports as its dynamic pool.
    pub fn dynamic(&self) -> impl Iterator<Item = &str> {
        self.strs.iter().filter_map(|s| match s {
            Cow::Owned(o) => Some(&**o),
            Cow::Borrowed(_) => None,
        })
    }

    /// Iterate over every interned name (for tab completion).
    pub fn iter(&self) -> impl Iterator<Item = (Qstr, &str)> {
        (0..self.len() as u32).map(|i| (Qstr(i), self.str(Qstr(i))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_and_dynamic() {
        let mut t = QstrTable::new();
        assert_eq!(t.str(q::__INIT__), "__init__");
        assert_eq!(t.intern("__init__"), q::__INIT__);
        let a = t.intern("hello");
        assert_eq!(t.intern("hello"), a);
        assert_eq!(t.str(a), "hello");
        assert_ne!(t.intern("hellp"), a);
        assert_eq!(t.hash(a), hash_bytes(b"hello"));
        assert_eq!(t.str(Qstr(999_999)), "");
        // Every static name is found by its text, under its own number.
        for i in 0..N_STATIC as u32 {
            let text = alloc::string::String::from(t.str(Qstr(i)));
            assert_eq!(t.lookup(&text), Some(Qstr(i)), "{text:?}");
            assert_eq!(t.hash(Qstr(i)), hash_bytes(text.as_bytes()));
        }
        assert_eq!(t.len(), N_STATIC + 2);
        assert!(QstrTable::empty().is_empty() && QstrTable::empty().lookup("x").is_none());
    }
}
