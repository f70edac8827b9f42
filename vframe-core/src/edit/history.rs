//! Undo and redo as two stacks of inverse edits.

use crate::{IdSource, LabelCategoryConfig, SequenceLabels};

use super::{Edit, EditError};

/// An undo/redo history: applying an edit pushes its inverse on the undo stack; undoing
/// applies that inverse and pushes the inverse's inverse on the redo stack; redoing does the
/// same the other way. A new edit clears the redo stack.
///
/// Every entry is a [`Restore`](super::Restore), so undo and redo reproduce states exactly
/// (same ids, same names, same floating-point values). A refused undo or redo (the labels
/// were changed outside the history) changes nothing and keeps both stacks.
///
/// ```
/// use vframe_core::edit::{Edit, History};
/// use vframe_core::{AnnotationType, LabelCategoryConfig, LabelCategory, SeededIds, SequenceLabels, TaskType};
///
/// let mut config = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
/// config.frame_attributes.push(vframe_core::AttributeSpec::choice("weather", &["sun", "rain"]));
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// labels.add_frame(0, "a.jpg")?;
/// let (mut history, mut ids) = (History::new(), SeededIds::default());
///
/// let rain = Edit::SetFrameAttribute { frame: 0, name: "weather".into(), value: Some("rain".into()) };
/// history.apply(rain, &mut labels, &config, &mut ids)?;
/// assert!(history.undo(&mut labels, &config, &mut ids)?);
/// assert!(labels.frame(0).unwrap().attributes.is_empty());
/// assert!(!history.undo(&mut labels, &config, &mut ids)?); // nothing left to undo
/// assert!(history.redo(&mut labels, &config, &mut ids)?);
/// assert_eq!(labels.frame(0).unwrap().attributes["weather"], "rain".into());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` and records its inverse; clears the redo stack. A refused edit changes
    /// nothing, history included.
    pub fn apply(
        &mut self,
        edit: Edit,
        labels: &mut SequenceLabels,
        config: &LabelCategoryConfig,
        ids: &mut dyn IdSource,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(labels, config, ids)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `false` when there is nothing to undo.
    pub fn undo(
        &mut self,
        labels: &mut SequenceLabels,
        config: &LabelCategoryConfig,
        ids: &mut dyn IdSource,
    ) -> Result<bool, EditError> {
        Self::step(&mut self.undo, &mut self.redo, labels, config, ids)
    }

    /// Redoes the last undone edit; `false` when there is nothing to redo.
    pub fn redo(
        &mut self,
        labels: &mut SequenceLabels,
        config: &LabelCategoryConfig,
        ids: &mut dyn IdSource,
    ) -> Result<bool, EditError> {
        Self::step(&mut self.redo, &mut self.undo, labels, config, ids)
    }

    fn step(
        from: &mut Vec<Edit>,
        to: &mut Vec<Edit>,
        labels: &mut SequenceLabels,
        config: &LabelCategoryConfig,
        ids: &mut dyn IdSource,
    ) -> Result<bool, EditError> {
        let Some(edit) = from.last() else {
            return Ok(false);
        };
        let inverse = edit.apply(labels, config, ids)?;
        from.pop();
        to.push(inverse);
        Ok(true)
    }

    /// The inverses waiting to be undone, oldest first.
    pub fn undo_stack(&self) -> &[Edit] {
        &self.undo
    }

    /// The edits waiting to be redone, oldest first.
    pub fn redo_stack(&self) -> &[Edit] {
        &self.redo
    }

    /// Whether [`History::undo`] has something to do.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`History::redo`] has something to do.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets both stacks (e.g. after saving).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
