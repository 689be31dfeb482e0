//! Fonts and character classes shared by the layout and the exporters.

pub mod class;
pub mod fonts;
mod narrow;
pub mod role;
pub mod words;

pub use fonts::{Face, FontBook, FontId, FontOptions, Origin};
pub use narrow::STEPS;
pub use role::{candidates, Role};
