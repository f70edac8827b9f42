//! Algorithms on shapes, one extension trait per file (the `geo` style).
//!
//! Every algorithm accepts degenerate input (zero area, repeated or collinear vertices)
//! without panicking.
