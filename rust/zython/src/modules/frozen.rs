//! Frozen modules (bytecode compiled into the firmware) and .mpy loading.

use crate::bytecode::CompiledModule;
use crate::types::exceptions as ex;
use crate::vm::{PyResult, Vm};

/// A frozen module's compiled code, if one called `name` is built in.
pub fn find(_name: &str) -> Option<CompiledModule> {
    None
}

/// Parse a .mpy image into compiled code (ValueError when it is not a valid .mpy v6 file).
pub fn load_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<CompiledModule> {
    crate::bytecode::mpy::load(data, crate::value::SMALL_INT_BITS as u8)
        .map_err(|e| vm.new_exception(&ex::VALUE_ERROR, e.message()))
}
