#!/usr/bin/env python3
"""Datumaro side of vframe's interchange bench.

  datumaro_convert.py FORMAT PATH OUT --size WxH

Imports PATH (written by vframe in FORMAT: mot, cvat, coco or yolo) with Datumaro, touches
every annotation, exports the dataset to OUT in the same format, and prints one JSON line:
{"format", "annotations", "import_seconds", "export_seconds", "peak_rss_kb"}.

Only Datumaro's own work is timed. Layout preparation that Datumaro needs and vframe does
not (an images/ folder for COCO; the Darknet wrapper files obj.data, obj.names, train.txt and
images.meta around vframe's YOLO label files) happens before the clock starts.
"""

import json
import os
import resource
import shutil
import sys
import time

from datumaro.components.annotation import AnnotationType
from datumaro.components.dataset import Dataset

IMPORT = {"mot": "mot_seq", "cvat": "cvat", "coco": "coco_instances", "yolo": "yolo"}
EXPORT = {"mot": "mot_seq_gt", "cvat": "cvat", "coco": "coco_instances", "yolo": "yolo"}


def prepare_yolo(path, size):
    """Wrap Ultralytics labels/train/*.txt in the Darknet layout Datumaro reads without images."""
    w, h = size
    root = os.path.join(path, "darknet")
    data = os.path.join(root, "obj_train_data")
    os.makedirs(data, exist_ok=True)
    names = []
    with open(os.path.join(path, "data.yaml"), encoding="utf-8") as f:
        in_names = False
        for line in f:
            if line.startswith("names:"):
                in_names = True
                continue
            if in_names and line.startswith("  "):
                names.append(line.split(":", 1)[1].strip().strip("'"))
    labels = os.path.join(path, "labels", "train")
    stems = sorted(os.path.splitext(n)[0] for n in os.listdir(labels) if n.endswith(".txt"))
    for s in stems:
        src = os.path.join(labels, s + ".txt")
        dst = os.path.join(data, s + ".txt")
        if not os.path.exists(dst):
            os.link(src, dst)
    with open(os.path.join(root, "obj.names"), "w", encoding="utf-8") as f:
        f.write("\n".join(names) + "\n")
    with open(os.path.join(root, "train.txt"), "w", encoding="utf-8") as f:
        f.writelines(f"obj_train_data/{s}.jpg\n" for s in stems)
    with open(os.path.join(root, "images.meta"), "w", encoding="utf-8") as f:
        # Keys are item ids: the image path without the subset folder and extension.
        f.writelines(f"{s} {h} {w}\n" for s in stems)
    with open(os.path.join(root, "obj.data"), "w", encoding="utf-8") as f:
        f.write(f"classes = {len(names)}\ntrain = train.txt\nnames = obj.names\nbackup = backup/\n")
    return root


def main(argv):
    fmt, path, out = argv[0], argv[1], argv[2]
    w, h = map(int, argv[argv.index("--size") + 1].split("x"))
    if fmt == "coco":
        os.makedirs(os.path.join(path, "images", "default"), exist_ok=True)
    if fmt == "yolo":
        path = prepare_yolo(path, (w, h))
    shutil.rmtree(out, ignore_errors=True)

    start = time.perf_counter()
    ds = Dataset.import_from(path, IMPORT[fmt])
    count = 0
    for item in ds:
        for ann in item.annotations:
            if ann.type == AnnotationType.bbox:
                count += 1
    imported = time.perf_counter()
    # CVAT: Datumaro's track export (use_track=True) needs every image's size, which its CVAT
    # video import does not provide without the images; its default export (CVAT for images,
    # one element per annotation with its track_id attribute) is what it can write back.
    ds.export(out, EXPORT[fmt], save_media=False)
    exported = time.perf_counter()
    print(
        json.dumps(
            {
                "format": fmt,
                "annotations": count,
                "import_seconds": imported - start,
                "export_seconds": exported - imported,
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
