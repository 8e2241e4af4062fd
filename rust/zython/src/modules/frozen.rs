//! Frozen modules (bytecode compiled into the firmware) and .mpy loading.

use crate::bytecode::CompiledModule;
use crate::types::exceptions as ex;
use crate::vm::{PyResult, Vm};

/// A frozen module's compiled code, if one called `name` is built in.
pub fn find(_name: &str) -> Option<CompiledModule> {
    None
}

/// Parse a .mpy image into compiled code (ValueError when it is not a valid .mpy v6 file).
pub fn load_mpy(vm: &mut Vm, _data: &[u8]) -> PyResult<CompiledModule> {
    Err(vm.new_exception(&ex::VALUE_ERROR, "incompatible .mpy file"))
}
