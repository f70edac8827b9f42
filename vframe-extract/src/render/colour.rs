//! One stable colour per label category: the category's class id picks from a fixed palette
//! of well-separated colours, so a category keeps its colour on every frame and every run.

/// Twelve colours that stay apart on photos (Tableau-like, saturated).
const PALETTE: [[u8; 3]; 12] = [
    [230, 25, 75],
    [60, 180, 75],
    [255, 225, 25],
    [0, 130, 200],
    [245, 130, 48],
    [145, 30, 180],
    [70, 240, 240],
    [240, 50, 230],
    [210, 245, 60],
    [250, 190, 212],
    [0, 128, 128],
    [170, 110, 40],
];

/// The colour of the category with this class id.
///
/// ```
/// use vframe_extract::render::category_colour;
/// assert_eq!(category_colour(3), category_colour(3));
/// assert_ne!(category_colour(0), category_colour(1));
/// ```
pub fn category_colour(class_id: u32) -> [u8; 3] {
    PALETTE[class_id as usize % PALETTE.len()]
}

/// Black or white, whichever reads better on `background`.
pub(crate) fn text_colour(background: [u8; 3]) -> [u8; 3] {
    let [r, g, b] = background.map(u32::from);
    if r * 299 + g * 587 + b * 114 > 128_000 {
        [0, 0, 0]
    } else {
        [255, 255, 255]
    }
}
