//! Pictures of labels (in progress).
