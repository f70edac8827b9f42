//! The concrete changes every edit is made of, and their atomic execution.
//!
//! An [`Edit`](super::Edit) is planned into [`Step`]s (pure: it reads the labels and checks
//! the rules); the steps are then executed one by one, each returning the step that undoes
//! it. If one fails, the ones already done are undone, so a refused edit changes nothing.
//! The undo steps, in reverse order, are the edit's inverse: a [`Restore`].

use std::borrow::Borrow;

use crate::{
    AttributeValue, ClassId, ClassMap, CoreError, InstanceName, Keyframe, LabeledObject, ObjectId,
    SequenceLabels,
};

use super::EditError;

/// The inverse of an applied edit: the changes that put back what it changed.
///
/// Only [`Edit::apply`](super::Edit::apply) builds one. Applying it (as
/// [`Edit::Restore`](super::Edit::Restore)) checks the model's invariants but not the job's
/// `editsAllowed`, because it only puts back a state the labels were in; it returns the
/// inverse again, which is how redo works. It stores only what changed (the keyframes of the
/// edited frame range, not whole tracks), so a long history stays small.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Restore {
    steps: Vec<Step>,
}

impl Restore {
    /// Whether the edit changed nothing (applying this does nothing either).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// One concrete change.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// Inserts an object at `index`.
    InsertObject { index: usize, object: LabeledObject },
    /// Removes the object at `index`, which has the id `id`.
    RemoveObject { index: usize, id: Option<ObjectId> },
    /// Replaces the keyframes of object `object` (id `id`) on frames `from..=to` with
    /// `keyframes` (all on frames in that range).
    Splice {
        object: usize,
        id: Option<ObjectId>,
        from: u32,
        to: u32,
        keyframes: Vec<Keyframe>,
    },
    /// Sets the instance name and class of object `object` (id `id`).
    Header {
        object: usize,
        id: Option<ObjectId>,
        name: Option<InstanceName>,
        class_id: ClassId,
    },
    /// Sets (`Some`) or removes (`None`) a frame attribute value.
    FrameAttribute {
        frame: u32,
        name: String,
        value: Option<AttributeValue>,
    },
    /// Replaces the class map.
    ClassMap(ClassMap),
}

/// The splice that turns `old` into `new` with the fewest keyframes touched, or `None` when
/// they are equal. Keyframes of `new` borrowed from `old` compare by address first, so
/// diffing a long track against an edit of a few frames is cheap.
pub(crate) fn splice_between<K: Borrow<Keyframe>>(
    object: usize,
    id: Option<&ObjectId>,
    old: &[Keyframe],
    new: &[K],
) -> Option<Step> {
    let same = |a: &Keyframe, b: &K| std::ptr::eq(a, b.borrow()) || a == b.borrow();
    let prefix = old.iter().zip(new).take_while(|(a, b)| same(a, b)).count();
    let rest_old = &old[prefix..];
    let rest_new = &new[prefix..];
    let suffix = rest_old
        .iter()
        .rev()
        .zip(rest_new.iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let mid_old = &rest_old[..rest_old.len() - suffix];
    let mid_new = &rest_new[..rest_new.len() - suffix];
    let firsts = mid_old
        .first()
        .into_iter()
        .chain(mid_new.first().map(Borrow::borrow));
    let lasts = mid_old
        .last()
        .into_iter()
        .chain(mid_new.last().map(Borrow::borrow));
    let from = firsts.map(|k| k.frame).min()?;
    let to = lasts.map(|k| k.frame).max()?;
    Some(Step::Splice {
        object,
        id: id.cloned(),
        from,
        to,
        keyframes: mid_new.iter().map(|k| k.borrow().clone()).collect(),
    })
}

/// Runs `steps` in order; on the first failure undoes the ones done and returns the error.
pub(crate) fn execute(labels: &mut SequenceLabels, steps: Vec<Step>) -> Result<Restore, EditError> {
    let mut undo = Vec::with_capacity(steps.len());
    for step in steps {
        match run(labels, step) {
            Ok(inverse) => undo.push(inverse),
            Err(e) => {
                for inverse in undo.into_iter().rev() {
                    // Each undo step puts back a state that held every invariant a moment
                    // ago, so it cannot be refused.
                    let restored = run(labels, inverse);
                    debug_assert!(restored.is_ok(), "rollback refused: {restored:?}");
                }
                return Err(e);
            }
        }
    }
    undo.reverse();
    Ok(Restore { steps: undo })
}

/// Runs the steps of a [`Restore`], returning the restore that undoes it.
pub(crate) fn execute_restore(
    labels: &mut SequenceLabels,
    restore: &Restore,
) -> Result<Restore, EditError> {
    execute(labels, restore.steps.clone())
}

fn object_at<'l>(
    labels: &'l SequenceLabels,
    index: usize,
    id: Option<&ObjectId>,
) -> Result<&'l LabeledObject, EditError> {
    let object = labels.objects().get(index).ok_or(CoreError::NoSuchObject {
        index,
        count: labels.objects().len(),
    })?;
    if object.id() != id {
        return Err(EditError::OutOfDate {
            index,
            expected: id.map(ToString::to_string),
            found: object.describe(),
        });
    }
    Ok(object)
}

fn run(labels: &mut SequenceLabels, step: Step) -> Result<Step, EditError> {
    match step {
        Step::InsertObject { index, object } => {
            let id = object.id().cloned();
            labels.insert_object(index, object)?;
            Ok(Step::RemoveObject { index, id })
        }
        Step::RemoveObject { index, id } => {
            object_at(labels, index, id.as_ref())?;
            let object = labels.remove_object(index)?;
            Ok(Step::InsertObject { index, object })
        }
        Step::Splice {
            object,
            id,
            from,
            to,
            keyframes,
        } => {
            object_at(labels, object, id.as_ref())?;
            let removed = labels.splice_keyframes(object, from, to, keyframes)?;
            Ok(Step::Splice {
                object,
                id,
                from,
                to,
                keyframes: removed,
            })
        }
        Step::Header {
            object,
            id,
            name,
            class_id,
        } => {
            let current = object_at(labels, object, id.as_ref())?;
            let (_, old_name, old_class, track) = current.clone().into_parts();
            labels.replace_object(
                object,
                LabeledObject::new(id.clone(), name, class_id, track),
            )?;
            Ok(Step::Header {
                object,
                id,
                name: old_name,
                class_id: old_class,
            })
        }
        Step::FrameAttribute { frame, name, value } => {
            let f = labels
                .frame_mut(frame)
                .ok_or(CoreError::NoSuchFrame { frame })?;
            let old = match value {
                Some(v) => f.attributes.insert(name.clone(), v),
                None => f.attributes.remove(&name),
            };
            Ok(Step::FrameAttribute {
                frame,
                name,
                value: old,
            })
        }
        Step::ClassMap(map) => {
            let old = labels.class_map().clone();
            labels.set_class_map(map);
            Ok(Step::ClassMap(old))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_geom::Keypoint;

    fn v(frame: u32, x: f64) -> Keyframe {
        Keyframe::visible(frame, Keypoint::new(x, 0.0).unwrap().into())
    }

    #[test]
    fn equal_tracks_need_no_splice() {
        let t = [v(0, 0.0), v(3, 1.0)];
        assert_eq!(splice_between(0, None, &t, &t), None);
    }

    #[test]
    fn splice_covers_only_the_changed_middle() {
        let old = [v(0, 0.0), v(3, 1.0), v(5, 2.0), v(9, 3.0)];
        let new = [v(0, 0.0), v(4, 1.0), v(5, 2.0), v(9, 3.0)];
        let Some(Step::Splice {
            from,
            to,
            keyframes,
            ..
        }) = splice_between(0, None, &old, &new)
        else {
            panic!("expected a splice");
        };
        assert_eq!((from, to), (3, 4));
        assert_eq!(keyframes, vec![v(4, 1.0)]);
    }

    #[test]
    fn splice_of_a_pure_removal_names_the_removed_frames() {
        let old = [v(0, 0.0), v(3, 1.0), v(9, 3.0)];
        let new = [v(0, 0.0), v(9, 3.0)];
        let Some(Step::Splice {
            from,
            to,
            keyframes,
            ..
        }) = splice_between(0, None, &old, &new)
        else {
            panic!("expected a splice");
        };
        assert_eq!((from, to), (3, 3));
        assert!(keyframes.is_empty());
    }
}
