//! Core tests of the kernel: the unit of work, opening and hardening, cycles, sessions
//! and the trash on a real store, and the renderer.

#[path = "../common/mod.rs"]
mod common;

mod cycles_and_sessions;
mod folder;
mod hardening;
mod render;
mod unit_of_work;
