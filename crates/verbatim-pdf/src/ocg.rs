//! Optional content (layers): which marked content and form XObjects a viewer shows.
//!
//! Text in a hidden layer is not drawn by a viewer, so it is not extracted either. The rules are the
//! ones hayro's renderer applies (the document's default configuration: BaseState, ON and OFF arrays;
//! membership dictionaries with their visibility policy), so that extraction keeps exactly the text the
//! renderer would show.

use std::collections::HashSet;

use hayro_font::hayro_syntax::object::dict::keys::{
    BASE_STATE, D, OCGS, OCMD, OCPROPERTIES, OFF, ON, P, TYPE,
};
use hayro_font::hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier};

/// The visibility state while a page is interpreted.
#[derive(Debug, Clone, Default)]
pub(crate) struct OcgState {
    /// Optional content groups that are off in the default configuration.
    inactive: HashSet<ObjectIdentifier>,
    /// One entry per open marked-content sequence (and per form with optional content): whether
    /// what it contains is visible.
    visibility: Vec<bool>,
}

impl OcgState {
    /// Reads the default configuration from the document catalog.
    pub(crate) fn from_catalog(catalog: &Dict<'_>) -> Self {
        let Some(properties) = catalog.get::<Dict<'_>>(OCPROPERTIES) else {
            return Self::default();
        };
        let Some(config) = properties.get::<Dict<'_>>(D) else {
            return Self::default();
        };
        let mut inactive = HashSet::new();
        let base_off = config
            .get::<Name<'_>>(BASE_STATE)
            .is_some_and(|name| name.as_ref() == b"OFF");
        if base_off && let Some(groups) = properties.get::<Array<'_>>(OCGS) {
            for item in groups.raw_iter() {
                if let Some(reference) = item.as_obj_ref() {
                    inactive.insert(ObjectIdentifier::from(reference));
                }
            }
        }
        for (key, turn_on) in [(ON, true), (OFF, false)] {
            let Some(groups) = config.get::<Array<'_>>(key) else {
                continue;
            };
            for item in groups.raw_iter() {
                if let Some(reference) = item.as_obj_ref() {
                    let id = ObjectIdentifier::from(reference);
                    if turn_on {
                        inactive.remove(&id);
                    } else {
                        inactive.insert(id);
                    }
                }
            }
        }
        OcgState {
            inactive,
            visibility: Vec::new(),
        }
    }

    /// Forgets the open sequences (a new page starts).
    pub(crate) fn reset(&mut self) {
        self.visibility.clear();
    }

    pub(crate) fn is_visible(&self) -> bool {
        self.visibility.last().copied().unwrap_or(true)
    }

    /// Opens a sequence governed by an optional content group or membership dictionary (`props`,
    /// which the reference `id` points to).
    pub(crate) fn begin_ocg(&mut self, props: &Dict<'_>, id: ObjectIdentifier) {
        match props.get::<Name<'_>>(TYPE).as_deref() {
            Some(OCMD) => self.begin_ocmd(props),
            _ => {
                let visible = self.is_visible() && !self.inactive.contains(&id);
                self.visibility.push(visible);
            }
        }
    }

    /// Opens a sequence governed by a membership dictionary: visible per its policy (/P, AnyOn by
    /// default) over its groups.
    pub(crate) fn begin_ocmd(&mut self, ocmd: &Dict<'_>) {
        let policy = ocmd.get::<Name<'_>>(P);
        let policy = policy.as_deref().unwrap_or(b"AnyOn");
        let mut groups: Vec<ObjectIdentifier> = Vec::new();
        if let Some(array) = ocmd.get::<Array<'_>>(OCGS) {
            for item in array.raw_iter() {
                if let Some(reference) = item.as_obj_ref() {
                    groups.push(reference.into());
                }
            }
        } else if let Some(reference) = ocmd.get_ref(OCGS) {
            groups.push(reference.into());
        }
        let on = |id: &ObjectIdentifier| !self.inactive.contains(id);
        let active = groups.is_empty()
            || match policy {
                b"AllOn" => groups.iter().all(on),
                b"AnyOff" => groups.iter().any(|id| !on(id)),
                b"AllOff" => groups.iter().all(|id| !on(id)),
                // AnyOn, and any unknown policy name.
                _ => groups.iter().any(on),
            };
        let visible = self.is_visible() && active;
        self.visibility.push(visible);
    }

    /// Opens a sequence that changes nothing about visibility.
    pub(crate) fn begin_marked_content(&mut self) {
        let visible = self.is_visible();
        self.visibility.push(visible);
    }

    pub(crate) fn end_marked_content(&mut self) {
        self.visibility.pop();
    }
}
