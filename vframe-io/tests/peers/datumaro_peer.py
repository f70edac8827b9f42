#!/usr/bin/env python3
"""Drive Datumaro for vframe's interchange tests.

  datumaro_peer.py import FORMAT PATH [--size WxH]
      Import PATH with Datumaro and print its annotations as normalised JSON:
      {"labels": [...], "annotations": [{"frame", "track", "label", "type", "points",
       "outside", "keyframe"}...]} where frame is the 0-based frame index and points are
      x, y, w, h for boxes and flat x, y pairs otherwise.
  datumaro_peer.py export FORMAT OUT --size WxH  < spec.json
      Build a Datumaro dataset from the same normalised JSON on stdin and export it to OUT.

FORMAT is one of mot, cvat, coco, yolo. Exit code 3 means Datumaro is not importable.
"""

import json
import os
import re
import sys

try:
    import numpy as np
    from datumaro.components.annotation import AnnotationType, Bbox, LabelCategories, Points, Polygon, PolyLine
    from datumaro.components.dataset import Dataset
    from datumaro.components.dataset_base import DatasetItem
    from datumaro.components.media import Image
except Exception as e:  # noqa: BLE001 - any import failure means the peer is missing
    print(f"datumaro not importable: {e}", file=sys.stderr)
    sys.exit(3)

DATUMARO_FORMAT = {
    "mot": "mot_seq",
    "cvat": "cvat",
    "coco": "coco_instances",
    "coco_keypoints": "coco_person_keypoints",
    "yolo": "yolo",
}

EXPORT_FORMAT = {
    "mot": "mot_seq_gt",
    "cvat": "cvat",
    "coco": "coco_instances",
    "yolo": "yolo",
}


def parse_size(args):
    for i, a in enumerate(args):
        if a == "--size":
            w, h = args[i + 1].split("x")
            return int(w), int(h)
    return None


def number_in(name):
    digits = re.findall(r"\d+", os.path.basename(str(name)))
    return int(digits[-1]) if digits else None


def frame_of(fmt, item):
    if fmt == "mot":
        return int(item.id) - 1
    if fmt == "cvat":
        return int(item.attributes["frame"])
    if fmt.startswith("coco"):
        return int(item.attributes["id"]) - 1
    return number_in(item.id)


def make_images(path, size):
    """YOLO import needs the images to know their size; write blank ones beside the labels."""
    from PIL import Image as PilImage

    w, h = size
    for root, _dirs, files in os.walk(path):
        for f in files:
            if not f.endswith(".txt") or f in ("train.txt", "val.txt"):
                continue
            if os.path.basename(root) == os.path.basename(path):
                continue
            stem = os.path.splitext(f)[0]
            if "labels" in root.split(os.sep):
                img_dir = root.replace(os.sep + "labels", os.sep + "images")
            else:
                img_dir = root
            os.makedirs(img_dir, exist_ok=True)
            PilImage.new("RGB", (w, h)).save(os.path.join(img_dir, stem + ".png"))


def do_import(fmt, path, size):
    if fmt == "yolo" and size:
        make_images(path, size)
    ds = Dataset.import_from(path, DATUMARO_FORMAT[fmt])
    cats = ds.categories()[AnnotationType.label]
    out = []
    for item in ds:
        frame = frame_of(fmt, item)
        for ann in item.annotations:
            a = ann.attributes or {}
            if ann.type == AnnotationType.bbox:
                kind, pts = "bbox", [ann.x, ann.y, ann.w, ann.h]
            elif ann.type == AnnotationType.polygon:
                kind, pts = "polygon", list(ann.points)
            elif ann.type == AnnotationType.polyline:
                kind, pts = "polyline", list(ann.points)
            elif ann.type == AnnotationType.points:
                kind, pts = "points", list(ann.points)
            else:
                continue
            track = a.get("track_id")
            out.append(
                {
                    "frame": frame,
                    "track": int(track) if track is not None else None,
                    "label": cats[ann.label].name if ann.label is not None else None,
                    "type": kind,
                    "points": [float(p) for p in pts],
                    "outside": bool(a.get("outside", False)),
                    "keyframe": bool(a.get("keyframe", True)),
                }
            )
    out.sort(key=lambda a: (a["frame"], a["track"] if a["track"] is not None else -1, a["points"]))
    print(json.dumps({"labels": [c.name for c in cats], "annotations": out}))


def do_export(fmt, out_dir, size):
    spec = json.load(sys.stdin)
    w, h = size
    labels = spec["labels"]
    frames = {}
    for a in spec["annotations"]:
        frames.setdefault(a["frame"], []).append(a)
    count = spec.get("frames", max(frames, default=-1) + 1)
    items = []
    for i in range(count):
        anns = []
        for a in frames.get(i, []):
            attrs = {}
            if a.get("track") is not None:
                attrs["track_id"] = a["track"]
            if fmt == "cvat":
                attrs["outside"] = a.get("outside", False)
                attrs["keyframe"] = a.get("keyframe", True)
            label = labels.index(a["label"])
            p = a["points"]
            if a["type"] == "bbox":
                anns.append(Bbox(p[0], p[1], p[2], p[3], label=label, attributes=attrs))
            elif a["type"] == "polygon":
                anns.append(Polygon(p, label=label, attributes=attrs))
            elif a["type"] == "polyline":
                anns.append(PolyLine(p, label=label, attributes=attrs))
            else:
                anns.append(Points(p, label=label, attributes=attrs))
        if fmt == "mot":
            item_id = str(i + 1)
        else:
            item_id = "frame_%06d" % i
        items.append(
            DatasetItem(
                id=item_id,
                media=Image.from_numpy(data=np.zeros((h, w, 3), dtype=np.uint8)),
                annotations=anns,
                attributes={"frame": i, "id": i + 1},
            )
        )
    ds = Dataset.from_iterable(items, categories={AnnotationType.label: LabelCategories.from_iterable(labels)})
    kwargs = {"save_media": fmt == "yolo"}
    if fmt == "cvat":
        kwargs["use_track"] = True
    ds.export(out_dir, EXPORT_FORMAT[fmt], **kwargs)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, fmt, path = argv[0], argv[1], argv[2]
    size = parse_size(argv[3:])
    if cmd == "import":
        do_import(fmt, path, size)
    elif cmd == "export":
        do_export(fmt, path, size)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
