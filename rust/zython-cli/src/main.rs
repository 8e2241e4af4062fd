//! The `zython` command.
fn main() {
    println!("zython: under construction");
}
