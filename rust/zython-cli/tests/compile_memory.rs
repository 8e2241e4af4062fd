//! The parser and compiler in a board-sized allocator: with the counting allocator's arena
//! emulation (`gc::set_arena`) an allocation past the arena returns null, which for an
//! infallible allocation aborts this test binary. Big sources must compile or fail with
//! `ErrorKind::NoMemory`. Also prints the peak memory of parsing and compiling generated
//! scripts (`cargo test -p zython-cli --release --test compile_memory -- --nocapture`).
//! One test only: the arena is global to the process.

use zython::compile::{parser, ErrorKind, Mode};

#[global_allocator]
static ALLOC: zython::gc::CountingAlloc<std::alloc::System> =
    zython::gc::CountingAlloc(std::alloc::System);

fn assignments(n: usize) -> String {
    (0..n).map(|i| format!("x{i} = {i}\n")).collect()
}

fn sources() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [150, 300, 1200, 3000]
        .iter()
        .map(|&n| (format!("{n} assignments"), assignments(n)))
        .collect();
    v.push((
        "long list".into(),
        format!("x = [{}]\n", "1234567, ".repeat(5000)),
    ));
    v.push((
        "nested".into(),
        format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150)),
    ));
    v.push((
        "long string".into(),
        format!("x = '{}'\n", "abcdefgh".repeat(5000)),
    ));
    v.push(("crlf".into(), "x = 1\r\n".repeat(3000)));
    v.push((
        "defs".into(),
        (0..500)
            .map(|i| format!("def f{i}(a, b=2):\n    return [a + {i}, b, 'x{i}']\n"))
            .collect(),
    ));
    v
}

#[test]
fn big_sources_in_small_arenas() {
    // Peaks with no limit.
    for n in [150, 300, 1200, 3000] {
        let src = assignments(n);
        let base = zython::gc::allocated();
        zython::gc::reset_peak();
        let tree = parser::parse(&src, Mode::File).unwrap();
        let parse_peak = zython::gc::peak() - base;
        let tree_size = zython::gc::allocated() - base;
        let cm = zython::compile::compiler::compile_owned(tree, "x", Mode::File, 0).unwrap();
        let all = zython::gc::peak() - base;
        let out = zython::gc::allocated() - base;
        drop(cm);
        println!(
            "{n} lines ({} bytes): parse peak {parse_peak}, tree {tree_size}, parse+compile peak {all}, output {out}",
            src.len()
        );
    }
    let sources = sources();
    // .mpy images of the same sources, loaded in the same arenas.
    let images: Vec<(String, Vec<u8>)> = sources
        .iter()
        .map(|(name, src)| {
            let cm = zython::compile::compile_source(src, "x", Mode::File, 0).unwrap();
            (name.clone(), zython::bytecode::mpy::save(&cm, 31))
        })
        .collect();
    for arena in [16 << 10, 24 << 10, 48 << 10, 64 << 10, 96 << 10, 1 << 20] {
        for (name, src) in &sources {
            zython::gc::set_arena(arena);
            let r = zython::compile::compile_source(src, "x", Mode::File, 0);
            zython::gc::set_arena(usize::MAX / 2);
            match r {
                Ok(_) => println!("{name} in {arena}: compiled"),
                Err(e) => {
                    assert_eq!(e.kind, ErrorKind::NoMemory, "{name}: {e:?}");
                    println!("{name} in {arena}: NoMemory");
                }
            }
        }
        for (name, image) in &images {
            zython::gc::set_arena(arena);
            let r = zython::bytecode::mpy::load(image, 31);
            zython::gc::set_arena(usize::MAX / 2);
            match r {
                Ok(_) => println!("{name} .mpy ({} bytes) in {arena}: loaded", image.len()),
                Err(e) => {
                    assert_eq!(e, zython::bytecode::mpy::MpyError::NoMemory, "{name}");
                    println!("{name} .mpy in {arena}: NoMemory");
                }
            }
        }
    }
}

#[test]
fn tree_sizes() {
    use zython::compile::ast;
    println!(
        "Stmt {} Expr {}",
        std::mem::size_of::<ast::Stmt>(),
        std::mem::size_of::<ast::Expr>()
    );
}
