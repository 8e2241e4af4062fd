//! The `sys` module.

use crate::obj::{NativeObject, Obj};
use crate::qstr::q;
use crate::statics::{Attr, ModuleDef, StaticObj, TypeDef};
use crate::types::object::OBJECT;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use alloc::boxed::Box;
use core::any::Any;

/// The console as a stream object (`sys.stdout`, `sys.stderr`, `sys.stdin`).
#[derive(Debug)]
pub struct ConsoleStream {
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: u8,
}

/// The type of console streams.
pub static CONSOLE_STREAM: StaticObj = StaticObj::Type(TypeDef {
    name: "FileIO",
    base: Some(&OBJECT),
    attrs: &[],
    make_new: None,
    attr_hook: None,
    subclassable: false,
});

impl NativeObject for ConsoleStream {
    fn type_obj(&self) -> &'static StaticObj {
        &CONSOLE_STREAM
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn sys_init(vm: &mut Vm, g: Value) -> PyResult<()> {
    let path = vm.new_list(alloc::vec![Value::qstr(q::EMPTY)])?;
    vm.dict_set_str(g, q::PATH, path)?;
    let argv = vm.new_list(alloc::vec::Vec::new())?;
    vm.dict_set_str(g, q::ARGV, argv)?;
    vm.dict_set_str(g, q::MODULES, vm.modules)?;
    let plat = vm.new_str(vm.config.platform)?;
    vm.dict_set_str(g, q::PLATFORM, plat)?;
    for (name, fd) in [(q::STDIN, 0u8), (q::STDOUT, 1), (q::STDERR, 2)] {
        let s = vm.alloc(Obj::Native(Box::new(ConsoleStream { fd })))?;
        vm.dict_set_str(g, name, s)?;
    }
    Ok(())
}

static SYS_ATTRS: &[(crate::qstr::Qstr, Attr)] = &[
    (
        q::BYTEORDER,
        Attr::Str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    ),
    (q::MAXSIZE, Attr::Int(isize::MAX as i64)),
];

/// The `sys` module.
pub static SYS_MODULE: StaticObj = StaticObj::Module(ModuleDef {
    name: "sys",
    attrs: SYS_ATTRS,
    init: Some(sys_init),
});

impl Vm {
    /// Replace `sys.argv`.
    pub fn set_argv(&mut self, args: &[&str]) -> PyResult<()> {
        let mut items = alloc::vec::Vec::with_capacity(args.len());
        for a in args {
            let v = self.new_str(a)?;
            self.roots.push(v);
            items.push(v);
        }
        self.roots.truncate(self.roots.len() - items.len());
        let l = self.new_list(items)?;
        let g = self.sys_dict;
        self.dict_set_str(g, q::ARGV, l)
    }

    /// Replace `sys.path`.
    pub fn set_path(&mut self, dirs: &[&str]) -> PyResult<()> {
        let mut items = alloc::vec::Vec::with_capacity(dirs.len());
        for a in dirs {
            let v = self.new_str(a)?;
            self.roots.push(v);
            items.push(v);
        }
        self.roots.truncate(self.roots.len() - items.len());
        let l = self.new_list(items)?;
        let g = self.sys_dict;
        self.dict_set_str(g, q::PATH, l)
    }

    /// The exit status for an uncaught SystemExit (printing its message if not an int).
    pub fn system_exit_code(&mut self, e: Value) -> Option<i32> {
        if !self.exc_is(e, &crate::types::exceptions::SYSTEM_EXIT) {
            return None;
        }
        let code = self.stop_value(e);
        if code == Value::NONE {
            return Some(0);
        }
        if let Some(i) = code.as_small_int() {
            return Some(i as i32);
        }
        let mut s = alloc::string::String::new();
        let _ = self.str_into(code, &mut s);
        s.push('\n');
        self.port.write_err(s.as_bytes());
        Some(1)
    }
}
