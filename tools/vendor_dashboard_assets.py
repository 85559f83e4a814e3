"""Vendor the dashboard's third-party assets into ``fazhi/report/dashboard/assets/``.

Usage: python tools/vendor_dashboard_assets.py   (needs ``npm`` and the npm registry; run it only
to change a version, and commit what it writes)

Writes:
- ``echarts.min.js`` and ``echarts.LICENSE.txt``: Apache ECharts, the minified browser build from
  the ``echarts`` npm package, with its LICENSE and NOTICE;
- ``map-china.js`` (provinces) and ``map-<province code>.js`` (the prefectures of one province,
  or the districts of a municipality): shapes of China from ``map/json/`` of the ``echarts``
  4.9.0 npm package (Apache-2.0; the last release that shipped them), simplified and tagged
  with GB/T 2260 codes from the project's division dictionary, so the page keys shapes by code
  rather than by name. Each calls ``window.fazhiRegisterMap(code, geojson)``.

The packages are fetched with ``npm pack`` into a temporary folder and checked against pinned
integrity hashes, so a rerun writes the same files. Nothing is downloaded when the dashboard is
built or opened.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fazhi.localities import Division, load_changes, load_divisions  # noqa: E402

ASSETS = REPO / "fazhi" / "report" / "dashboard" / "assets"
# npm package → the integrity hash its tarball must have (as ``npm view PKG dist.integrity``).
ECHARTS = "echarts@5.6.0"
MAPS = "echarts@4.9.0"
PINNED = {
    ECHARTS: "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyU"
    "qYGH8Fa3kA==",
    MAPS: "sha512-+ugizgtJ+KmsJyyDPxaw2Br5FqzuBnyOWwcxPKO6y0gc5caYcfnEUIlNStx02necw8jmKmTafmpH"
    "hGo4XDtEIA==",
}
# Shapes are stored on the 1/1024-degree grid of the ECharts encoding; points closer than this to
# the simplified line (in grid units, about 100 m each) are dropped: invisible at page scale.
TOLERANCE_COUNTRY = 12.0
TOLERANCE_PROVINCE = 4.0
SCALE = 1024


def npm_pack(spec: str, folder: Path) -> Path:
    """The unpacked ``package/`` folder of ``spec``, fetched with ``npm pack``."""
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(folder)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (info,) = json.loads(out.stdout)
    tarball = folder / info["filename"]
    if integrity(tarball) != PINNED[spec]:
        raise SystemExit(f"{spec}: the tarball's hash {integrity(tarball)} is not the pinned one")
    print(f"{spec}: {tarball.name}, integrity checked")
    target = folder / spec.replace("@", "-")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


# ---------- the ECharts encoding of GeoJSON coordinates ----------


def decode_ring(text: str, offset: list[int]) -> list[tuple[int, int]]:
    """Grid points of one ring encoded as ECharts does (zigzag deltas as characters)."""
    x, y = offset
    points = []
    for i in range(0, len(text), 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x, y))
    return points


def encode_ring(points: list[tuple[int, int]]) -> tuple[str, list[int]]:
    x, y = points[0]
    chars = []
    for px, py in points:
        for delta in (px - x, py - y):
            chars.append(chr(((delta << 1) ^ (delta >> 31)) + 64))
        x, y = px, py
    return "".join(chars), list(points[0])


def simplify(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas–Peucker, iteratively, keeping the ring closed and at least four points."""
    if len(points) <= 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 or 1.0
        worst, where = -1.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, where = distance, k
        if worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    kept = [p for p, k in zip(points, keep, strict=True) if k]
    return kept if len(kept) >= 4 else points


def recode_geometry(
    geometry: dict[str, Any], tolerance: float, encoded: bool
) -> dict[str, Any] | None:
    """The geometry simplified; rings that shrink to nothing (small islets) are dropped."""
    polygons = geometry["coordinates"]
    offsets = geometry.get("encodeOffsets")
    if geometry["type"] == "Polygon":
        polygons, offsets = [polygons], [offsets]
    if not encoded:  # a file shipped as plain GeoJSON (西藏): encode it
        polygons, offsets = _encode_plain(polygons)
    out_polygons, out_offsets = [], []
    for rings, ring_offsets in zip(polygons, offsets, strict=True):
        new_rings, new_offsets = [], []
        for index, (text, offset) in enumerate(zip(rings, ring_offsets, strict=True)):
            points = simplify(decode_ring(text, offset), tolerance)
            if _area(points) < tolerance**2 * 4:
                if index == 0:
                    break  # the outer ring is too small to see: drop the whole polygon
                continue
            encoded, start = encode_ring(points)
            new_rings.append(encoded)
            new_offsets.append(start)
        if new_rings:
            out_polygons.append(new_rings)
            out_offsets.append(new_offsets)
    if not out_polygons:
        return None
    return {"type": "MultiPolygon", "coordinates": out_polygons, "encodeOffsets": out_offsets}


def _encode_plain(polygons: list[Any]) -> tuple[list[Any], list[Any]]:
    encoded = [
        [encode_ring([(round(x * SCALE), round(y * SCALE)) for x, y in ring]) for ring in rings]
        for rings in polygons
    ]
    return (
        [[text for text, _ in rings] for rings in encoded],
        [[start for _, start in rings] for rings in encoded],
    )


def _area(points: list[tuple[int, int]]) -> float:
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in pairs)) / 2


# ---------- names to GB/T 2260 codes ----------


# Shapes of divisions merged into another after the 2009 map was drawn and missing from the
# dictionary's change list: the shape is drawn as part of the division it joined.
MERGED = {"莱芜市": "济南市"}  # 2019, 国函〔2019〕4号


def name_keys(name: str) -> list[str]:
    """Forms under which a shape's name may appear in the dictionary (地区 became 市, …), the
    closest first: an ordered list, so a name that several forms match always gets one code."""
    keys = [name, MERGED.get(name, name)]
    for old, new in (("地区", "市"), ("地区", ""), ("县", "区"), ("县", "市")):
        if name.endswith(old):
            keys.append(name[: -len(old)] + new)
    return keys


def division_index(divisions: Iterable[Division]) -> dict[tuple[str, str], str]:
    """(province code, name or alias) → code, for prefectures and county-level divisions."""
    index: dict[tuple[str, str], str] = {}
    for level in ("county", "prefecture"):  # prefectures win a name both levels use
        for d in divisions:
            if d.level == level and not d.is_function_zone:
                for name in (d.name, *d.aliases):
                    index[(d.province_code, name)] = d.code
    by_name = {d.name: d for d in divisions}
    for change in load_changes():  # old names of renamed or merged divisions
        old, new = change.old_path[-1], by_name.get(change.new_path[-1])
        if new is not None and (new.province_code, old) not in index:
            index[(new.province_code, old)] = new.code
    return index


def province_of(names: list[str], index: dict[tuple[str, str], str]) -> str | None:
    """The province whose divisions the most of ``names`` match; None when none matches (the
    dictionary has no subdivisions for 香港, 澳门 and 台湾)."""
    votes: dict[str, int] = {}
    for (province, known), _code in index.items():
        if known in names:
            votes[province] = votes.get(province, 0) + 1
    best = max(votes, key=lambda p: votes[p]) if votes else None
    return best if best is not None and votes[best] * 2 >= len(names) else None


def tag_features(
    features: list[dict[str, Any]], province: str, index: dict[tuple[str, str], str]
) -> list[str]:
    """Adds ``adcode`` to each feature; returns the names no division matched."""
    unmatched = []
    for feature in features:
        name = feature["properties"]["name"]
        code = next((index[(province, k)] for k in name_keys(name) if (province, k) in index), None)
        feature["properties"] = {"name": name, "adcode": code}
        if code is None:
            unmatched.append(name)
    return unmatched


def write_map(code: str, source: dict[str, Any], tolerance: float) -> int:
    kept = []
    for feature in source["features"]:
        geometry = recode_geometry(feature["geometry"], tolerance, source["UTF8Encoding"])
        if geometry is not None:
            kept.append(
                {"type": "Feature", "properties": feature["properties"], "geometry": geometry}
            )
    geojson = {"type": "FeatureCollection", "UTF8Encoding": True, "features": kept}
    text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
    path = ASSETS / f"map-{code}.js"
    path.write_text(f"window.fazhiRegisterMap({json.dumps(code)}, {text});\n", encoding="utf-8")
    return path.stat().st_size


def vendor_maps(package: Path) -> None:
    divisions = load_divisions()
    index = division_index(divisions)
    country = json.loads((package / "map/json/china.json").read_text(encoding="utf-8"))
    provinces = {d.code: d.name for d in divisions if d.level == "province"}
    for feature in country["features"]:
        props = feature["properties"]
        code = props.get("id") if props.get("id") in provinces else None
        feature["properties"] = {"name": provinces.get(code or "", props["name"]), "adcode": code}
    size = write_map("china", country, TOLERANCE_COUNTRY)
    print(f"map-china.js: {len(country['features'])} shapes, {size / 1000:.0f} kB")
    total = size
    for path in sorted((package / "map/json/province").glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))
        features = source["features"]
        names = [f["properties"]["name"] for f in features]
        province = province_of(names, index)
        if province is None:
            print(f"{path.name}: skipped, no division of the dictionary matches its shapes")
            continue
        unmatched = tag_features(features, province, index)
        size = write_map(province, source, TOLERANCE_PROVINCE)
        total += size
        note = f"; no code for {', '.join(unmatched)}" if unmatched else ""
        print(
            f"map-{province}.js ({path.stem}): {len(features)} shapes, {size / 1000:.0f} kB{note}"
        )
    print(f"maps: {total / 1e6:.2f} MB in all")


def vendor_echarts(package: Path) -> None:
    (ASSETS / "echarts.min.js").write_bytes((package / "dist/echarts.min.js").read_bytes())
    licence = (package / "LICENSE").read_text(encoding="utf-8")
    notice = (package / "NOTICE").read_text(encoding="utf-8")
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    header = (
        f"echarts.min.js is dist/echarts.min.js of the echarts {version} npm package, and the\n"
        "map-*.js files are map/json/ of the echarts 4.9.0 npm package (simplified, with codes\n"
        "added, by tools/vendor_dashboard_assets.py). Both are Apache ECharts, under the licence\n"
        "below.\n\n"
    )
    text = header + licence + "\n\n---- NOTICE ----\n\n" + notice
    (ASSETS / "echarts.LICENSE.txt").write_text(text, encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fazhi-vendor-") as tmp:
        folder = Path(tmp)
        vendor_echarts(npm_pack(ECHARTS, folder))
        vendor_maps(npm_pack(MAPS, folder))


if __name__ == "__main__":
    main()
