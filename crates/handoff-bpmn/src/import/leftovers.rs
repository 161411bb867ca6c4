//! Phase 6: a note for each element outside sub-processes that a map has no place for
//! (annotations, groups, data no step uses, …), so nothing is dropped silently.

use rustc_hash::FxHashSet as HashSet;

use super::words::{quoted, short};
use super::Conversion;

impl Conversion<'_> {
    /// Notes every element of [`crate::parse::Model::others`] the map leaves out.
    pub(super) fn leftovers(&mut self) {
        let model = self.model;
        let referenced_objects: HashSet<&str> = model
            .others
            .iter()
            .filter(|o| self.data_used.contains(o.id.as_str()))
            .filter_map(|o| o.refers.as_deref())
            .collect();
        for o in model.others.iter().filter(|o| o.inside.is_none()) {
            // Data a step reads or writes lives on as the step's inputs and outputs.
            if self.data_used.contains(o.id.as_str()) || referenced_objects.contains(o.id.as_str())
            {
                continue;
            }
            let what = match o.kind.as_str() {
                "textAnnotation" => format!("the text annotation \"{}\"", short(&o.text)),
                "dataObjectReference" | "dataObject" => {
                    format!("the data object{}", quoted(&o.name))
                }
                "dataStoreReference" => format!("the data store{}", quoted(&o.name)),
                "association" => "an association line".to_owned(),
                "group" => format!("the group{}", quoted(&o.name)),
                other => format!("the {other}{}", quoted(&o.name)),
            };
            self.notes.add(
                Some(&o.id),
                format!("{what} has no place in a map and was left out"),
            );
        }
    }
}
