//! Converting a parsed BPMN model into a map.
use crate::parse::Model;
use crate::{BpmnError, Import};

/// Converts a parsed model into a map with notes.
pub fn convert(_model: Model) -> Result<Import, BpmnError> {
    Err(BpmnError::NoProcess)
}
