//! myCC Connect's core: everything that can be decided without a browser.
//!
//! Layers (see ARCHITECTURE.md): the pure modules below use no web API and are tested with
//! plain `cargo test`; `wasm` is the only place that knows about JavaScript, and only compiles
//! for `wasm32`.

pub mod call;
pub mod detect;
pub mod error;
pub mod presets;
pub mod settings;
pub mod site_match;
pub mod template;

#[cfg(target_arch = "wasm32")]
mod wasm;
