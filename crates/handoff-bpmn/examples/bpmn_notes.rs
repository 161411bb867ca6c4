//! Prints the import notes of the BPMN files given as arguments (a development aid).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable");
        match handoff_bpmn::import(&bytes) {
            Ok(imp) => {
                for n in &imp.notes {
                    println!("{path}\t{n}");
                }
            }
            Err(e) => println!("{path}\tERROR {e}"),
        }
    }
}
