//! What each feature level offers, seen from Python: the minimal level (small boards, like
//! MicroPython's minimum ROM level) leaves out complex numbers, `help()`, the calendar functions
//! of `time`, the `array` module and viper's types, with clear errors; the full level has them.
//! `tools/test.sh` runs these at both levels.

use crate::compile::Mode;
use crate::port::CapturePort as Out;
use crate::vm::{Config, Vm};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

/// Run `src` in a fresh interpreter and return what it printed (tracebacks included).
fn run(src: &str) -> String {
    let out = Rc::new(RefCell::new(Vec::new()));
    let mut vm = Vm::new(Box::new(Out(out.clone())), Config::default());
    let g = vm.main_globals;
    if let Err(e) = vm.exec_source(src, "<test>", Mode::File, g) {
        vm.print_exception(e.0);
    }
    let text = String::from_utf8_lossy(&out.borrow()).into_owned();
    text
}

const PROBE: &str = "
for src in ('1j * 1j', '(-8.0) ** 0.5', 'complex(1, 2)', 'help', 'ptr8', 'uint'):
    try:
        v = eval(src)
        print(src, '->', repr(v) if src[0] in '(1c' else 'present')
    except Exception as e:
        print(src, '->', type(e).__name__, e)
import time
print('gmtime' in dir(time), 'mktime' in dir(time), 'localtime' in dir(time))
print(time.ticks_diff(time.ticks_add(5, 3), 5))
try:
    import array
    print(array.array('h', [1, -2]))
except ImportError as e:
    print('ImportError', e)
";

#[test]
#[cfg(not(feature = "modules-basic"))]
fn minimal_level_leaves_out_complex_help_calendar_array_viper() {
    assert_eq!(
        run(PROBE),
        "1j * 1j -> ValueError complex values not supported\n\
         (-8.0) ** 0.5 -> ValueError math domain error\n\
         complex(1, 2) -> NameError name 'complex' isn't defined\n\
         help -> NameError name 'help' isn't defined\n\
         ptr8 -> NameError name 'ptr8' isn't defined\n\
         uint -> NameError name 'uint' isn't defined\n\
         False False False\n\
         3\n\
         ImportError no module named 'array'\n"
    );
}

#[test]
#[cfg(feature = "modules-full")]
fn full_level_has_complex_help_calendar_array_viper() {
    assert_eq!(
        run(PROBE),
        "1j * 1j -> (-1+0j)\n\
         (-8.0) ** 0.5 -> (1.7319121124709863e-16+2.82842712474619j)\n\
         complex(1, 2) -> (1+2j)\n\
         help -> present\n\
         ptr8 -> present\n\
         uint -> present\n\
         True True True\n\
         3\n\
         array('h', [1, -2])\n"
    );
}
