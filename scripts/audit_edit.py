#!/usr/bin/env python3
"""Checks, by measurement, that each operation of each rendered edit shows its effect.

    cargo run --release -p recut-engines --example bench_edit -- audit CLIP PROMPTS.tsv OUT [REF.jpg]
    python3 scripts/audit_edit.py CLIP OUT          # needs numpy (pip install numpy)

For every OUT/NNN.json the bench wrote, the output NNN.mp4 and the source clip are decoded
at the output's size (at most 960 wide), every fifth frame, and each operation of the plan
is checked against the source with one measurement: Lab means and chroma for colour, the
spread of L* for contrast, fine detail and its change between frames for grain, sharpening
and blur, the corners against the centre for a vignette, the share of the picture held by
its 32 commonest colours for posterize and the cartoon, the share near a backdrop's or a
garment's colour for subject-aware edits. It prints one line per operation, `ok` or `WEAK`
with the figures, and `FAILED` with the error for a job that failed. The thresholds are
deliberately loose: a `WEAK` line is a prompt to look at the frames, not a verdict (an
8mm look's vignette cannot darken corners that are already black; an oil painting adds
brush detail to footage that was scaled up).
"""

import glob
import json
import os
import subprocess
import sys

import numpy as np


def probe(path):
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
         "stream=width,height", "-of", "csv=p=0", path],
        capture_output=True, text=True, check=True).stdout.strip().split(",")
    return int(out[0]), int(out[1])


def decode(path, width, height, step=5):
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", path, "-vf",
         f"scale={width}:{height}:flags=lanczos,format=rgb24", "-f", "rawvideo", "-"],
        capture_output=True, check=True).stdout
    count = len(raw) // (width * height * 3)
    frames = np.frombuffer(raw[:count * width * height * 3], np.uint8)
    return frames.reshape(count, height, width, 3)[::step]


def lab(rgb):
    """sRGB (0..1) to CIE L*a*b* (D65)."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    matrix = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                       [0.0193, 0.1192, 0.9505]])
    xyz = linear @ matrix.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return 116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])


def box3(x):
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1)), mode="edge")
    h, w = x.shape[1:]
    return sum(padded[:, i:i + h, j:j + w] for i in range(3) for j in range(3)) / 9


def stats(frames):
    rgb = frames.astype(np.float32) / 255
    l, a, b = lab(rgb)
    detail = l - box3(l)
    keys = ((frames[..., 0].astype(np.int32) >> 4) << 8) | ((frames[..., 1] >> 4) << 4) \
        | (frames[..., 2] >> 4)
    top = []
    for key in keys:
        _, counts = np.unique(key, return_counts=True)
        top.append(np.sort(counts)[::-1][:32].sum() / key.size)
    h, w = l.shape[1:]
    yy, xx = np.mgrid[0:h, 0:w]
    radius = np.hypot((yy - h / 2) / (h / 2), (xx - w / 2) / (w / 2))
    return dict(
        L=l.mean(), a=a.mean(), b=b.mean(), C=np.hypot(a, b).mean(),
        Lstd=l.std(axis=(1, 2)).mean(),
        hf=np.abs(detail).mean(),
        tn=np.abs(detail[1:] - detail[:-1]).mean() if len(detail) > 1 else 0.0,
        top32=float(np.mean(top)),
        edges=(np.abs(np.diff(l, axis=2)) > 10).mean(),
        flat=(np.abs(np.diff(l, axis=2)) < 0.5).mean(),
        vig=l[:, radius > 1.15].mean() / max(l[:, radius < 0.5].mean(), 1e-3),
        lab=(l, a, b))


def share_near(lab_planes, rgb):
    """The share of pixels near a colour: its hue (within 23 degrees) for a colour, its
    lightness for a grey."""
    l, a, b = lab_planes
    tl, ta, tb = (v.item() for v in lab(np.array(rgb, np.float32).reshape(1, 1, 1, 3) / 255))
    if np.hypot(ta, tb) < 12:
        return float(((np.hypot(a, b) < 10) & (np.abs(l - tl) < 12)).mean())
    # A pale colour (beige, cream, pastel): too little chroma for its hue alone to pick it
    # out, so its distance in Lab.
    if np.hypot(ta, tb) < 20:
        return float((np.sqrt((l - tl) ** 2 + (a - ta) ** 2 + (b - tb) ** 2) < 10).mean())
    turn = np.abs(np.angle(np.exp(1j * (np.arctan2(b, a) - np.arctan2(tb, ta)))))
    return float(((turn < 0.4) & (np.hypot(a, b) > 15)).mean())


def check(op, s, o, mean_de, changed):
    kind = op["op"]
    d = {k: o[k] - s[k] for k in ("L", "a", "b", "C", "Lstd", "hf", "tn", "top32", "edges",
                                  "flat", "vig")}

    def rel(k):
        return (o[k] - s[k]) / max(abs(s[k]), 1e-6)

    if kind == "look":
        look = op["look"]
        if look in ("warm", "golden_hour"):
            return d["b"] + 0.5 * d["a"] > 2, f"db={d['b']:.1f} da={d['a']:.1f}"
        if look == "cool":
            return d["b"] < -2, f"db={d['b']:.1f}"
        if look == "day_for_night":
            return d["L"] < -5 and d["b"] < -1, f"dL={d['L']:.1f} db={d['b']:.1f}"
        if look == "pastel":
            return d["C"] < -1 or d["L"] > 2, f"dC={d['C']:.1f} dL={d['L']:.1f}"
        if look == "bleach_bypass":
            return d["C"] < -1.5, f"dC={d['C']:.1f}"
        return mean_de > 3, f"dE={mean_de:.1f}"
    if kind == "monochrome":
        if op["tone"] == "black_and_white":
            return o["C"] < 2.5, f"C={o['C']:.1f}"
        return o["b"] > 3 and o["C"] < 40, f"C={o['C']:.1f} b={o['b']:.1f}"
    if kind == "exposure":
        return (d["L"] > 2) if op["stops"] > 0 else (d["L"] < -2), f"dL={d['L']:.1f}"
    if kind == "contrast":
        up = op["amount"] > 0
        return (d["Lstd"] > 1) if up else (d["Lstd"] < -1), f"dLstd={d['Lstd']:.1f}"
    if kind == "saturation":
        up = op["amount"] > 0
        return (rel("C") > 0.08) if up else (rel("C") < -0.08), f"C {s['C']:.1f}->{o['C']:.1f}"
    if kind == "tone_saturation":
        # Chroma of the source's pixels in the region (by the source's L*), before and after.
        sl, sa, sb = s["lab"]
        _, oa, ob = o["lab"]
        n = min(len(sl), len(oa))
        sl, sa, sb, oa, ob = sl[:n], sa[:n], sb[:n], oa[:n], ob[:n]
        region = {"shadows": sl < 35, "midtones": (sl > 35) & (sl < 70),
                  "highlights": sl > 65}[op["region"]]
        if region.mean() < 0.02:
            return False, "region nearly empty"
        before = np.hypot(sa, sb)[region].mean()
        after = np.hypot(oa, ob)[region].mean()
        change = (after - before) / max(before, 1e-6)
        up = op["amount"] > 0
        return (change > 0.08) if up else (change < -0.08), \
            f"{op['region']} C {before:.1f}->{after:.1f}"
    if kind == "tint":
        _, ta, tb = (v.item() for v in lab(
            np.array(op["colour"]["rgb"], np.float32).reshape(1, 1, 1, 3) / 255))
        norm = max(np.hypot(ta, tb), 1e-6)
        shift = (d["a"] * ta + d["b"] * tb) / norm
        return shift > 2, f"shift={shift:.1f} toward {op['colour']['name']}"
    if kind == "grain":
        return d["tn"] > 0.3 and d["hf"] > 0.2, f"dtn={d['tn']:.2f} dhf={d['hf']:.2f}"
    if kind == "vignette":
        return d["vig"] < -0.04, f"dvig={d['vig']:.3f}"
    if kind in ("vhs", "gate_weave", "flicker", "dust_and_scratches", "glitch", "light_leaks"):
        return d["tn"] > 0.2 or mean_de > 3, f"dtn={d['tn']:.2f} dE={mean_de:.1f}"
    if kind == "sharpen":
        return rel("hf") > 0.1, f"hf {s['hf']:.2f}->{o['hf']:.2f}"
    if kind == "blur":
        return rel("hf") < -0.15, f"hf {s['hf']:.2f}->{o['hf']:.2f}"
    if kind in ("cartoon", "posterize"):
        return d["top32"] > 0.03 or d["edges"] > 0.005, \
            f"top32 {s['top32']:.2f}->{o['top32']:.2f} edges {s['edges']:.3f}->{o['edges']:.3f}"
    if kind == "sketch":
        return d["L"] > 5 and (op.get("colour") or o["C"] < 5), f"dL={d['L']:.1f} C={o['C']:.1f}"
    if kind == "painting":
        return rel("hf") < -0.1 or d["top32"] > 0.03, \
            f"hf {s['hf']:.2f}->{o['hf']:.2f} top32 {s['top32']:.2f}->{o['top32']:.2f}"
    if kind == "pixel_art":
        return d["flat"] > 0.1, f"flat {s['flat']:.2f}->{o['flat']:.2f}"
    if kind == "replace_background":
        backdrop = op["backdrop"]
        if backdrop["kind"] == "colour":
            before = share_near(s["lab"], backdrop["colour"]["rgb"])
            after = share_near(o["lab"], backdrop["colour"]["rgb"])
            return after - before > 0.15 and changed < 0.95, \
                f"near {before:.2f}->{after:.2f} changed={changed:.2f}"
        if backdrop["kind"] == "gradient":
            gains = [share_near(o["lab"], c["rgb"]) - share_near(s["lab"], c["rgb"])
                     for c in (backdrop["top"], backdrop["bottom"])]
            return min(gains) > 0.03 and changed < 0.95, \
                f"gains {gains[0]:.2f},{gains[1]:.2f} changed={changed:.2f}"
        if backdrop["kind"] == "blur":
            return rel("hf") < -0.1 and changed < 0.95, \
                f"hf {s['hf']:.2f}->{o['hf']:.2f} changed={changed:.2f}"
        return 0.15 < changed < 0.97, f"changed={changed:.2f}"
    if kind == "recolour":
        target = op["target"]
        if target["kind"] == "colour":
            before = share_near(s["lab"], target["colour"]["rgb"])
            after = share_near(o["lab"], target["colour"]["rgb"])
            return after - before > 0.005, f"near {before:.3f}->{after:.3f}"
        return changed > 0.005, f"changed={changed:.3f}"
    return mean_de > 2, f"dE={mean_de:.1f}"


def main(clip, out_dir):
    sources = {}
    counts = {"ok": 0, "WEAK": 0, "FAILED": 0}
    for record in sorted(glob.glob(os.path.join(out_dir, "*.json"))):
        entry = json.load(open(record))
        index = entry["i"]
        if "err" in entry:
            counts["FAILED"] += 1
            print(f"{index:03d} FAILED {entry['in'][:70]} :: {entry['err'][:160]}")
            continue
        output = record[:-5] + ".mp4"
        ow, oh = probe(output)
        w = min(ow, 960) // 2 * 2
        h = int(round(w * oh / ow / 2)) * 2
        if (w, h) not in sources:
            sources[(w, h)] = stats(decode(clip, w, h))
        s = sources[(w, h)]
        rendered = decode(output, w, h)
        o = stats(rendered)
        n = min(len(s["lab"][0]), len(o["lab"][0]))
        de = np.sqrt(sum((x[:n] - y[:n]) ** 2 for x, y in zip(s["lab"], o["lab"])))
        for op in entry["ok"]["plan"]["operations"]:
            ok, why = check(op, s, o, de.mean(), (de > 10).mean())
            counts["ok" if ok else "WEAK"] += 1
            name = op["op"] + ("/" + op["look"] if op["op"] == "look" else "")
            print(f"{index:03d} {'ok  ' if ok else 'WEAK'} {name:22s} {why:50s} | {entry['in'][:60]}")
    print(counts)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
