// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    handoff_app::rendering::choose_painting();
    handoff_app::run();
}
