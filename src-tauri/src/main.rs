// Keeps Windows release builds from opening a console next to the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let launch = match groundwork_app::launch::Launch::from_env(std::env::args_os().skip(1)) {
        Ok(launch) => launch,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if launch.help {
        println!("{}", groundwork_app::launch::USAGE);
        return;
    }
    groundwork_app::run(launch);
}
