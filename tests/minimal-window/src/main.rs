//! A minimal Tauri 2 window with one static page: the baseline for the memory figure.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("minimal window failed: {e}");
        std::process::exit(1);
    }
}
