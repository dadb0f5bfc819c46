//! What the screens draw with: styled text measured in terminal cells ([`rich`]),
//! articles and comparison columns laid out as lines ([`document`], [`framing`]),
//! screen geometry ([`layout`]), colours ([`theme`]) and shared pieces ([`widgets`]).
//! Nothing here knows a screen's state.

pub mod document;
pub mod framing;
pub mod layout;
pub mod rich;
pub mod theme;
pub mod widgets;
