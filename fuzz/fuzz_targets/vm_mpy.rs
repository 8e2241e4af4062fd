//! Fuzzes the VM on .mpy files: whatever the loader accepts must run (or raise) without a
//! panic. A watchdog thread requests KeyboardInterrupt every few milliseconds so that
//! endless loops in the input end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;
use std::time::{Duration, Instant};
use zython::port::Port;
use zython::vm::{Config, Vm};

/// A port whose only file is `fz.mpy` and whose console output goes nowhere.
struct FuzzPort {
    mpy: Vec<u8>,
    start: Instant,
}

impl Port for FuzzPort {
    fn write(&mut self, _bytes: &[u8]) {}
    fn read_byte(&mut self) -> Option<u8> {
        None
    }
    fn ticks_ms(&mut self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }
    fn ticks_us(&mut self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn sleep_ms(&mut self, _ms: u32) {}
    fn read_file(&mut self, path: &str) -> Option<Vec<u8>> {
        (path == "fz.mpy").then(|| self.mpy.clone())
    }
    fn stat_kind(&mut self, path: &str) -> u8 {
        u8::from(path == "fz.mpy")
    }
}

static WATCHDOG: Once = Once::new();

/// Memory is accounted as on the real ports, so the heap limit covers buffers too.
#[global_allocator]
static ALLOC: zython::gc::CountingAlloc<std::alloc::System> =
    zython::gc::CountingAlloc(std::alloc::System);

fuzz_target!(|data: &[u8]| {
    // Only inputs the loader accepts reach the VM.
    if zython::bytecode::mpy::load(data, 31).is_err() {
        return;
    }
    WATCHDOG.call_once(|| {
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(20));
            zython::interrupt::request();
        });
    });
    let port = FuzzPort {
        mpy: data.to_vec(),
        start: Instant::now(),
    };
    let config = Config {
        heap_size: 256 << 10,
        max_frames: 100,
        native_stack: 256 << 10,
        ..Config::default()
    };
    let mut vm = Vm::new(Box::new(port), config);
    let _ = vm.run_main_file("fz.mpy");
});
