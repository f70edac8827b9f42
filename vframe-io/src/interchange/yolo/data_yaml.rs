//! The little of `data.yaml` and `obj.names` that label conversion needs.

use std::fmt::Write as _;

/// `data.yaml` of an Ultralytics dataset: class names and, for pose, the keypoint shape.
///
/// Only the forms Ultralytics and CVAT write are read: `names:` as a block map
/// (`  0: car`), a block list (`  - car`) or a flow list (`[car, bus]`), and
/// `kpt_shape: [K, D]`.
///
/// ```
/// use vframe_io::interchange::yolo::DataYaml;
/// let y = DataYaml::parse("path: .\nnames:\n  0: car\n  1: 'bus'\nkpt_shape: [1, 3]\n");
/// assert_eq!(y.names, ["car", "bus"]);
/// assert_eq!(y.kpt_shape, Some((1, 3)));
/// assert_eq!(DataYaml::parse(&y.to_yaml("train")).names, y.names);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataYaml {
    /// Class names by class id.
    pub names: Vec<String>,
    /// `kpt_shape`: keypoints per object and numbers per keypoint.
    pub kpt_shape: Option<(usize, usize)>,
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    s.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s)
        .to_owned()
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

impl DataYaml {
    /// Reads the keys it knows; everything else is ignored.
    pub fn parse(text: &str) -> Self {
        let mut out = DataYaml::default();
        let mut in_names = false;
        let mut indexed: Vec<(usize, String)> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim_end();
            if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
                continue;
            }
            let indented = trimmed.starts_with(' ') || trimmed.starts_with('\t');
            if in_names && indented {
                let item = trimmed.trim();
                if let Some(name) = item.strip_prefix("- ") {
                    indexed.push((indexed.len(), unquote(name)));
                } else if let Some((k, v)) = item.split_once(':')
                    && let Ok(k) = k.trim().parse::<usize>()
                {
                    indexed.push((k, unquote(v)));
                }
                continue;
            }
            in_names = false;
            let Some((key, value)) = trimmed.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "names" if value.is_empty() => in_names = true,
                "names" => {
                    let list = value.trim_start_matches('[').trim_end_matches(']');
                    indexed = list
                        .split(',')
                        .map(unquote)
                        .filter(|n| !n.is_empty())
                        .enumerate()
                        .collect();
                }
                "kpt_shape" => {
                    let nums: Vec<usize> = value
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .split(',')
                        .filter_map(|n| n.trim().parse().ok())
                        .collect();
                    if let [k, d] = nums[..] {
                        out.kpt_shape = Some((k, d));
                    }
                }
                _ => {}
            }
        }
        indexed.sort_by_key(|(k, _)| *k);
        for (k, name) in indexed {
            while out.names.len() < k {
                out.names.push(format!("class-{}", out.names.len()));
            }
            if out.names.len() == k {
                out.names.push(name);
            }
        }
        out
    }

    /// The file text, with `path: .` and `train`/`val` pointing at `images/<subset>`.
    pub fn to_yaml(&self, subset: &str) -> String {
        let mut s = format!("path: .\ntrain: images/{subset}\nval: images/{subset}\n");
        if let Some((k, d)) = self.kpt_shape {
            let _ = writeln!(s, "kpt_shape: [{k}, {d}]");
        }
        s.push_str("names:\n");
        for (i, n) in self.names.iter().enumerate() {
            let _ = writeln!(s, "  {i}: {}", quote(n));
        }
        s
    }
}

/// Class names of a Darknet `obj.names` file: one per line, blank lines skipped.
pub fn parse_names_file(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_yaml_has_no_names() {
        assert_eq!(DataYaml::parse(""), DataYaml::default());
    }

    #[test]
    fn block_list_and_flow_list_read_alike() {
        let a = DataYaml::parse("names:\n  - car\n  - bus\n");
        let b = DataYaml::parse("names: [car, 'bus']\n");
        assert_eq!(a.names, ["car", "bus"]);
        assert_eq!(a.names, b.names);
    }

    #[test]
    fn quotes_in_names_survive_a_round_trip() {
        let y = DataYaml {
            names: vec!["it's".into(), "a: b".into()],
            kpt_shape: None,
        };
        assert_eq!(DataYaml::parse(&y.to_yaml("train")).names, y.names);
    }
}
